// `export`: every session matching the list filters as NDJSON, oldest first, with its
// participants and files if asked, paced to the rate limit, resumable, and in flat memory: the
// list's pages feed a bounded window of sessions in work, and lines are written in list order
// as their sessions complete.
import { setMaxListeners } from "node:events";
import type { ListSessionsQuery, Session, SessionsClient } from "@realtimekit-sessions/client";
import { createDownloads, type Downloads } from "@realtimekit-sessions/client/downloads";
import { createPacer, type PacerWait } from "@realtimekit-sessions/client/pacing";
import type { Times } from "../commands/options.js";
import type { Context } from "../context.js";
import { progressOf } from "../progress.js";
import { createFolder, saveFiles } from "./files.js";
import { openOutput } from "./resume.js";

export interface ExportOptions {
  query: ListSessionsQuery;
  /** `--from` and `--to` as given: a relative one is kept as written, so that a resumed run keeps its first run's period. */
  times?: Times | undefined;
  /** Embed each session's full participant list. */
  participants: boolean;
  /** NDJSON file, resumable; standard output when not given. */
  out?: string | undefined;
  /** Folder for each session's chat, transcript and summary. */
  files?: string | undefined;
  /** Most requests in flight. */
  concurrency: number;
  /** Most of a window's rate-limit quota to use. */
  maxShare: number;
}

export interface ExportResult {
  written: number;
  skipped: number;
  requests: number;
  limited: number;
  seconds: number;
  interrupted: boolean;
}

/** The order sessions are exported in: oldest first, so new sessions do not shift earlier pages. */
const EXPORT_ORDER = { sort_by: "createdAt", sort_order: "ASC", per_page: 100 } as const;
/** Sessions in work or waiting to be written, per request allowed in flight. */
const WINDOW_PER_REQUEST = 4;
/** Waits longer than this are said on standard error. */
const ANNOUNCED_WAIT_MS = 5_000;

export async function runExport(context: Context, options: ExportOptions): Promise<ExportResult> {
  const { io } = context;
  // Each session of the window in work listens to the interrupt (its requests, its files'
  // streams), and stops listening once it settles: a signal with as many listeners as the window
  // is busy, not leaking. They listen to a signal of this export's own, allowed any number, so
  // that Node.js does not warn of a leak and the caller's signal is left as it was.
  const interrupt = new AbortController();
  setMaxListeners(0, interrupt.signal);
  const forward = () => interrupt.abort(io.signal.reason);
  if (io.signal.aborted) forward();
  else io.signal.addEventListener("abort", forward, { once: true });
  try {
    return await exportSessions(context, options, interrupt.signal);
  } finally {
    io.signal.removeEventListener("abort", forward);
  }
}

async function exportSessions(context: Context, options: ExportOptions, signal: AbortSignal): Promise<ExportResult> {
  const { io } = context;
  const started = io.clock.now();
  const say = (line: string) => io.stderr.write(`${line}\n`);
  const pacer = createPacer({
    concurrency: options.concurrency,
    maxShare: options.maxShare,
    clock: io.clock,
    signal,
    // A long wait is said even when standard error is no terminal: a silent job looks hung.
    onWait: ({ ms, reason }) => {
      // On a terminal, over the progress line rather than after it.
      const clear = io.stderr.isTTY ? "\r\u001b[2K" : "";
      if (ms > ANNOUNCED_WAIT_MS)
        void say(`${clear}${waitLine(ms, reason, options.out !== undefined)}`).catch(() => {});
    },
  });
  const client = await context.client({ pacer });
  const output = options.out
    ? await openOutput(options.out, fingerprintOf(options), options.query, say)
    : {
        done: new Set<string>(),
        append: (text: string) => io.stdout.write(text),
        close: async () => {},
        query: undefined,
      };
  // A resumed export asks for what its first run did: `--from 30d` stays the period it was then.
  if (output.query) options = { ...options, query: output.query };
  if (options.files) await createFolder(options.files);
  const downloads = options.files ? createDownloads(client) : undefined;

  // On a terminal, progress; never on the terminal the lines themselves go to.
  const progress = options.out || !io.stdout.isTTY ? progressOf(io, "Exporting", "sessions") : undefined;
  const total = progress && io.stderr.isTTY ? await totalOf(client, options.query, signal) : undefined;
  let written = 0;
  const window: Promise<string>[] = [];
  const flush = async (keep: number) => {
    while (window.length > keep) {
      await output.append(await (window.shift() as Promise<string>));
      written++;
      progress?.update(written, total === undefined ? undefined : total - output.done.size);
    }
  };
  let interrupted = false;
  try {
    for await (const session of client.iterateSessions({ ...options.query, ...EXPORT_ORDER }, { signal })) {
      if (output.done.has(session.id)) continue;
      const line = lineOf(client, downloads, session, options, signal);
      // Awaited in order by flush; until then, a failure must not count as unhandled.
      line.catch(() => {});
      window.push(line);
      await flush(options.concurrency * WINDOW_PER_REQUEST - 1);
    }
    await flush(0);
  } catch (error) {
    // Interrupted: the sessions in hand are not written, so the next run does them.
    if (!signal.aborted) throw error;
    interrupted = true;
  } finally {
    await progress?.stop();
    await output.close();
  }
  return {
    written,
    skipped: output.done.size,
    requests: pacer.stats.requests,
    limited: pacer.stats.limited,
    seconds: (io.clock.now() - started) / 1000,
    interrupted,
  };
}

/** A session's NDJSON line, once its participants and files are in. */
async function lineOf(
  client: SessionsClient,
  downloads: Downloads | undefined,
  session: Session,
  options: ExportOptions,
  signal: AbortSignal,
): Promise<string> {
  const record: Record<string, unknown> = { ...session };
  if (options.participants) {
    const participants = [];
    for await (const participant of client.iterateParticipants(session.id, { per_page: 100 }, { signal })) {
      participants.push(participant);
    }
    record.participants = participants;
  }
  if (downloads && options.files) await saveFiles(downloads, session.id, options.files, signal);
  return `${JSON.stringify(record)}\n`;
}

async function totalOf(client: SessionsClient, query: ListSessionsQuery, signal: AbortSignal) {
  return (await client.listSessions({ ...query, per_page: 1 }, { signal })).paging?.total_count;
}

/** One line for a wait of the pacer's: what it waits for, how long, and how to stop and resume. */
/** The line a long wait for the rate limit is said in; `resumable` when running again continues. */
export function waitLine(ms: number, reason: PacerWait["reason"], resumable: boolean): string {
  const why = reason === "refused" ? "the API answered 429" : "no requests are left in it";
  const resume = resumable ? "; run the same command again to resume" : "";
  return `Waiting ${Math.ceil(ms / 1000)} s for the rate limit's window to reset (${why}). Ctrl-C stops${resume}.`;
}

/** What must match for a run to continue another's file. */
function fingerprintOf(options: ExportOptions): string {
  const query = { ...options.query };
  const { from, to } = options.times ?? {};
  if (from?.relative) query.start_time = from.given;
  if (to?.relative) query.end_time = to.given;
  return JSON.stringify({ query, participants: options.participants, files: options.files ?? null });
}
