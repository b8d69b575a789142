// `webhooks key` and `webhooks trigger`: a development loop for a webhook endpoint, the fake
// playing RealtimeKit (the Stripe CLI's `trigger` is the model). The key printed is the one the
// deliveries are signed with; trust it in development only, and Cloudflare's in production.
import { InvalidArgumentError } from "@commander-js/extra-typings";
import { type Context, type ContextOf, FAKE_SESSIONS } from "../context.js";
import { CommandError } from "../errors.js";
import { note } from "../output.js";
import type { Parent } from "./options.js";

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
  webhooks
    .command("key")
    .description("print the public key (PEM) the deliveries of `webhooks trigger` are signed with")
    .action((_, command) => printKey(context(command)));
  webhooks
    .command("trigger")
    .description("send a signed delivery of <event> about one of the fake's sessions to your endpoint")
    .argument("<event>", `one of ${EVENTS.join(", ")}`, eventName)
    .requiredOption("--to <url>", "your endpoint", endpoint)
    .option("--session <id>", "the fake's session (default: the first ended one with a chat and a transcript)")
    .action((event, options, command) => trigger(context(command), event, options));
}

async function fakeOf() {
  const { createFakeApi } = await import("@realtimekit-sessions/testing");
  // The data of `--fake`, so that the ids match what its other commands show.
  return createFakeApi({ sessions: FAKE_SESSIONS, seed: 1 });
}

async function printKey(context: Context): Promise<void> {
  const fake = await fakeOf();
  await context.io.stdout.write(
    fake.webhooks.publicKey.endsWith("\n") ? fake.webhooks.publicKey : `${fake.webhooks.publicKey}\n`,
  );
}

export async function trigger(
  context: Context,
  event: EventName,
  options: { to: string; session?: string | undefined },
): Promise<void> {
  const { io } = context;
  const fake = await fakeOf();
  const session =
    options.session ??
    fake.sessions.find(
      ({ session, chat, transcript, participants }) =>
        session.status === "ENDED" && chat.length > 0 && transcript.length > 0 && participants.length > 0,
    )?.session.id ??
    "";
  let payload: object;
  try {
    payload = fake.webhooks.event(event, session);
  } catch (error) {
    throw new CommandError(`${(error as Error).message.replace(/^fake\.webhooks\.event\(\): /, "")}.`);
  }
  const request = await fake.webhooks.request(payload, { url: options.to });
  const delivery = request.headers.get("rtk-uuid");
  let response: Response;
  try {
    response = await io.fetch(new Request(request, { signal: io.signal }));
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CommandError(`Could not deliver to ${options.to}: ${cause}.`);
  }
  await response.body?.cancel().catch(() => {});
  if (context.json) {
    await io.stdout.write(`${JSON.stringify({ event, session, delivery, to: options.to, status: response.status })}\n`);
  } else {
    await io.stdout.write(`${event} about session ${session} -> ${options.to}: HTTP ${response.status}\n`);
    if (!response.ok) await note(io, "RealtimeKit sends a delivery again when the endpoint does not answer 2xx.");
  }
  if (!response.ok) throw new CommandError(`${options.to} answered HTTP ${response.status}.`);
}
