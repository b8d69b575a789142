// `webhooks key` and `webhooks trigger`: a development loop for a webhook endpoint, the fake
// playing RealtimeKit (the Stripe CLI's `trigger` is the model): the fake `fake serve` serves,
// or the built-in one. The key printed is the one the deliveries are signed with; trust it in
// development only, and Cloudflare's in production. The work is in ../fake/trigger.ts.
import { InvalidArgumentError } from "@commander-js/extra-typings";
import type { Context, ContextOf } from "../context.js";
import { type Parent, uses } from "./options.js";

// The events the Webhooks API lists (the fake's WEBHOOK_EVENTS), here so that `--help` loads
// nothing; the command test checks the two lists agree.
export const EVENTS = [
  "meeting.started",
  "meeting.ended",
  "meeting.participantJoined",
  "meeting.participantLeft",
  "meeting.chatSynced",
  "meeting.transcript",
  "meeting.summary",
  "recording.statusUpdate",
  "livestreaming.statusUpdate",
] as const;

type EventName = (typeof EVENTS)[number];

const eventName = (value: string): EventName => {
  if (!(EVENTS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`<event> is one of ${EVENTS.join(", ")}.`);
  }
  return value as EventName;
};

const endpoint = (value: string): string => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new InvalidArgumentError(`--to takes an http(s) URL, such as http://localhost:8787/webhook, not ${value}.`);
  }
  return url.href;
};

export function addWebhooks(program: Parent, context: ContextOf): void {
  const webhooks = program
    .command("webhooks")
    .description("develop a webhook endpoint against deliveries signed as RealtimeKit signs them, by the fake");
  const key = webhooks
    .command("key")
    .description("print the public key (PEM) the deliveries of `webhooks trigger` are signed with")
    .action((_, command) => printKey(context(command)));
  uses(key, []);
  const trigger = webhooks
    .command("trigger")
    .description(
      "send a signed delivery of <event> about a session of the fake to your endpoint: the served fake's with --base-url (or CLOUDFLARE_BASE_URL), else the built-in one's",
    )
    .argument("<event>", `one of ${EVENTS.join(", ")}`, eventName)
    .requiredOption("--to <url>", "your endpoint", endpoint)
    .option("--session <id>", "the fake's session (default: the first ended one with a chat and a transcript)")
    .action(async (event, options, command) => {
      const { trigger } = await import("../fake/trigger.js");
      await trigger(context(command), event, options);
    });
  uses(trigger, ["baseUrl", "fake", "json", "timeout"]);
}

async function printKey(context: Context): Promise<void> {
  const { createFakeApi } = await import("@realtimekit-sessions/testing");
  const { publicKey } = createFakeApi({ sessions: 0 }).webhooks;
  await context.io.stdout.write(publicKey.endsWith("\n") ? publicKey : `${publicKey}\n`);
}

export type { EventName };
