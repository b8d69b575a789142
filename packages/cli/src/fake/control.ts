// The fake a command acts on, through its controls: the one `fake serve` serves, when the
// command is told its URL (`--base-url`, else CLOUDFLARE_BASE_URL), or else one made in this
// process with the data of `--fake`. Either way the same requests, answered the same way.
import type { FakeDescription } from "@realtimekit-sessions/testing/serve";
import { type Context, FAKE_SESSIONS } from "../context.js";
import { CommandError, UsageError } from "../errors.js";
import { note } from "../output.js";

/** How long a control request may take when `--timeout` is not given. */
const CONTROL_TIMEOUT_MS = 30_000;

/** A fake's controls, and what the command tells the user about where it is. */
export interface Controls {
  /** Calls control `path` (below `/__fake`) and resolves to its answer, parsed. */
  call<T>(path: string, init?: { method: "POST"; body?: object }): Promise<T>;
  /** `the fake at http://127.0.0.1:8788`, or `the built-in fake`. */
  readonly name: string;
  /** Whether it is served (so that what it does outlives the command). */
  readonly served: boolean;
}

/** The controls of the served fake the command was pointed at, or of the built-in one. */
export async function controlsOf(context: Context, { builtIn }: { builtIn: boolean }): Promise<Controls> {
  const { io, flags } = context;
  const given = flags.baseUrl ?? (io.env.CLOUDFLARE_BASE_URL || undefined);
  if (flags.fake && flags.baseUrl !== undefined) {
    throw new UsageError("--fake and --base-url name two fakes: give one.");
  }
  if (given === undefined || flags.fake) {
    if (!builtIn) {
      throw new UsageError(
        "This acts on a served fake: give its --base-url (or CLOUDFLARE_BASE_URL), as `realtimekit-sessions fake serve` prints it.",
      );
    }
    return builtInControls(context);
  }
  const origin = URL.canParse(given) ? new URL(given).origin : undefined;
  if (!origin || !/^https?:/.test(origin)) throw new UsageError(`--base-url takes an http(s) URL, not ${given}.`);
  const name = `the fake at ${origin}`;
  const call = async <T>(path: string, init?: { method: "POST"; body?: object }): Promise<T> => {
    const timeout = AbortSignal.timeout((flags.timeout ?? CONTROL_TIMEOUT_MS / 1000) * 1000);
    let response: Response;
    try {
      response = await io.fetch(
        new Request(`${origin}/__fake${path}`, {
          method: init?.method ?? "GET",
          ...(init?.body ? { body: JSON.stringify(init.body), headers: { "content-type": "application/json" } } : {}),
          signal: AbortSignal.any([io.signal, timeout]),
        }),
      );
    } catch (error) {
      if (io.signal.aborted) throw error;
      const cause = timeout.aborted
        ? "no answer in time"
        : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
      throw new CommandError(`Could not reach ${name}: ${cause}. Is \`realtimekit-sessions fake serve\` running?`);
    }
    return answerOf<T>(response, name);
  };
  // Only a served fake answers its description: anything else at that URL is not one.
  await call<FakeDescription>("");
  return { call, name, served: true };
}

/** The fake of `--fake`, in this process: what it does ends with the command. */
async function builtInControls(context: Context): Promise<Controls> {
  const { createFakeApi } = await import("@realtimekit-sessions/testing");
  const { fakeControls } = await import("@realtimekit-sessions/testing/serve");
  // The data of `--fake`, so that the ids match what its other commands show.
  const fake = createFakeApi({ sessions: FAKE_SESSIONS, seed: 1, now: context.io.clock.now() });
  const controls = fakeControls(fake, fake);
  const name = "the built-in fake";
  return {
    name,
    served: false,
    async call<T>(path: string, init?: { method: "POST"; body?: object }): Promise<T> {
      const request = new Request(`http://fake.invalid/__fake${path}`, {
        method: init?.method ?? "GET",
        ...(init?.body ? { body: JSON.stringify(init.body) } : {}),
      });
      return answerOf<T>(await controls(request, path), name);
    },
  };
}

/** A control's answer: its JSON, or its error as the command's one line. */
async function answerOf<T>(response: Response, name: string): Promise<T> {
  const text = await response.text();
  let body: { error?: unknown } | undefined;
  try {
    body = JSON.parse(text) as { error?: unknown };
  } catch {
    body = undefined;
  }
  if (response.ok && body && typeof body === "object") return body as T;
  if (body && typeof body.error === "string") throw new CommandError(`${capitalized(name)} says: ${body.error}.`);
  throw new CommandError(
    `${capitalized(name)} is not a served fake (it answered HTTP ${response.status}): give the URL \`realtimekit-sessions fake serve\` prints.`,
  );
}

const capitalized = (text: string) => `${text[0]?.toUpperCase() ?? ""}${text.slice(1)}`;

/** `fake end-session <id>`: ends the session on the served fake, and says what it delivered. */
export async function endSession(context: Context, id: string): Promise<void> {
  const { io } = context;
  const controls = await controlsOf(context, { builtIn: false });
  const ended = await controls.call<{
    session: { id: string; ended_at: string; minutes_consumed: number };
    deliveries: { event: string; status: number | null }[];
  }>(`/sessions/${encodeURIComponent(id)}/end`, { method: "POST" });
  if (context.json) {
    await io.stdout.write(`${JSON.stringify(ended)}\n`);
    return;
  }
  const { session, deliveries } = ended;
  await io.stdout.write(
    `Session ${session.id} ended at ${session.ended_at}, ${session.minutes_consumed} participant-minutes.\n`,
  );
  for (const { event, status } of deliveries) {
    await io.stdout.write(`${event} delivered: ${status === null ? "no answer" : `HTTP ${status}`}\n`);
  }
  if (deliveries.length === 0) {
    await note(io, "No webhook was delivered: start `fake serve` with --webhook <your endpoint> to have them sent.");
  }
}
