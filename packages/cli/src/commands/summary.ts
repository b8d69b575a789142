// `summary`: a session's AI summary; `--generate` starts one, `--wait` waits for it.
import type { Context, ContextOf } from "../context.js";
import { note, printJsonLines } from "../output.js";
import { progressOf } from "../progress.js";
import { type Parent, seconds } from "./options.js";

export function addSummary(program: Parent, context: ContextOf): void {
  program
    .command("summary")
    .description("print a session's AI summary (Markdown)")
    .argument("<session-id>")
    .option("--generate", "start generating it, and print the generation's status")
    .option("--wait", "wait until it is ready, generating it if needed")
    .option("--max-wait <seconds>", "with --wait: give up after this long (default: 300)", seconds("--max-wait"))
    .action((sessionId, options, command) => showSummary(context(command), sessionId, options));
}

export interface SummaryOptions {
  generate?: true | undefined;
  wait?: true | undefined;
  maxWait?: number | undefined;
}

export async function showSummary(context: Context, sessionId: string, options: SummaryOptions): Promise<void> {
  const { io } = context;
  // The summary is a document: piped, it stays Markdown (`> notes.md`); JSON only when asked.
  const json = Boolean(context.flags.json);
  const client = await context.client();
  const { createDownloads } = await import("@realtimekit-sessions/client/downloads");
  const downloads = createDownloads(client);
  let text: string;
  try {
    if (options.generate && !options.wait) {
      const generation = await client.generateSummary(sessionId, { signal: io.signal });
      if (json) return printJsonLines(io, [generation]);
      return note(
        io,
        `Generating the summary of ${sessionId}${generation.status ? ` (${generation.status})` : ""}; run the same command with --wait instead of --generate to wait for it.${context.flags.fake ? FAKE_FORGETS : ""}`,
      );
    }
    text = options.wait
      ? await waitFor(context, sessionId, downloads.waitForSummary, options.maxWait)
      : await downloads.downloadSummary(sessionId, { signal: io.signal });
  } catch (error) {
    // The summary's own 404 (RealtimeKitSummaryNotReadyError) is an API error like the others.
    const { explainMissing } = await import("./missing.js");
    text = await explainMissing(error, client, sessionId, "summary", io.signal);
  }
  if (json) return printJsonLines(io, [{ session_id: sessionId, summary: text }]);
  await io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

/** `--fake` makes a new fake for each command: what one command generated, the next does not see. */
const FAKE_FORGETS =
  " (With --fake, each command starts a new fake that has not seen this one: use --generate --wait together.)";

type WaitForSummary = (sessionId: string, options: { signal: AbortSignal; maxWaitMs: number }) => Promise<string>;

/** The client's wait, with the time so far on a terminal. */
async function waitFor(
  context: Context,
  sessionId: string,
  waitForSummary: WaitForSummary,
  maxWait = 300,
): Promise<string> {
  const { io } = context;
  await note(io, `Waiting for the summary of ${sessionId} (at most ${maxWait} s; it usually takes a minute or two).`);
  const progress = progressOf(io, "Waited", "s", { rate: false });
  const ticking = new AbortController();
  const started = io.clock.now();
  const tick = async () => {
    while (!ticking.signal.aborted) {
      progress.update(Math.round((io.clock.now() - started) / 1000));
      await io.clock.sleep(1_000, ticking.signal).catch(() => {});
    }
  };
  const ticker = tick();
  try {
    return await waitForSummary(sessionId, { signal: io.signal, maxWaitMs: maxWait * 1000 });
  } finally {
    ticking.abort();
    await ticker;
    await progress.stop();
  }
}
