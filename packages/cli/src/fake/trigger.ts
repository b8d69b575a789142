// `webhooks trigger`: a delivery the fake signs, about one of its sessions, sent to the endpoint
// given; the endpoint's answer (status and body) printed, since `ok` and `duplicate` are both 200.
import type { SignedDelivery } from "@realtimekit-sessions/testing/serve";
import type { EventName } from "../commands/webhooks.js";
import type { Context } from "../context.js";
import { CommandError } from "../errors.js";
import { note } from "../output.js";
import { controlsOf } from "./control.js";

/** The most of the endpoint's answer printed: enough for a message, not a page. */
const BODY_SHOWN = 2_000;

export async function trigger(
  context: Context,
  event: EventName,
  options: { to: string; session?: string | undefined },
): Promise<void> {
  const { io } = context;
  const controls = await controlsOf(context, { builtIn: true });
  const delivery = await controls.call<SignedDelivery>("/deliveries", {
    method: "POST",
    body: { event, ...(options.session === undefined ? {} : { session: options.session }) },
  });
  let response: Response;
  try {
    response = await io.fetch(
      new Request(options.to, { method: "POST", headers: delivery.headers, body: delivery.body, signal: io.signal }),
    );
  } catch (error) {
    if (io.signal.aborted) throw error;
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CommandError(`Could not deliver to ${options.to}: ${cause}.`);
  }
  const body = await response.text().catch(() => "");
  const shown = body.length > BODY_SHOWN ? `${body.slice(0, BODY_SHOWN)}…` : body;
  const { session } = delivery;
  const id = delivery.headers["rtk-uuid"];
  if (context.json) {
    await io.stdout.write(
      `${JSON.stringify({ event, session, delivery: id, to: options.to, status: response.status, body: shown })}\n`,
    );
  } else {
    await io.stdout.write(`${event} about session ${session} -> ${options.to}: HTTP ${response.status}\n`);
    if (shown.trim() !== "") await io.stdout.write(`${shown.replace(/\n?$/, "\n")}`);
    if (!response.ok) await note(io, "RealtimeKit sends a delivery again when the endpoint does not answer 2xx.");
    else if (!controls.served) {
      await note(
        io,
        "About the built-in fake's data: run `fake serve` and pass its --base-url to trigger about a fake your endpoint can call.",
      );
    }
  }
  if (!response.ok) throw new CommandError(`${options.to} answered HTTP ${response.status}.`);
}
