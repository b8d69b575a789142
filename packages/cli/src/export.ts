// `export`: every session matching the list filters as NDJSON, with its participants and files
// if asked, paced to the rate limit and resumable. The output file is its own record of what is
// done: a session's line is written only once everything else of it is saved, so a run that
// stops (Ctrl-C, a crash, a lost network) and is started again with the same arguments skips
// the sessions already in the file and does the rest, none twice and none lost.
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rename, stat, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ListSessionsQuery, RealtimeKitApiError, type Session } from "@realtimekit-sessions/client";
import type { Context } from "./context.js";
import { UsageError } from "./fail.js";
import { progressBar } from "./output.js";
import { createPacer } from "./pacer.js";

export interface ExportOptions {
  query: ListSessionsQuery;
  /** Embed each session's full participant list. */
  participants: boolean;
  /** NDJSON file; standard output when not given (not resumable). */
  out?: string | undefined;
  /** Folder for each session's chat, transcript and summary. */
  files?: string | undefined;
  /** Ceiling on requests in flight. */
  concurrency: number;
  signal: AbortSignal;
}

export interface ExportResult {
  written: number;
  skipped: number;
  requests: number;
  limited: number;
  seconds: number;
}

/** The order sessions are exported in: oldest first, so new sessions do not shift earlier pages. */
const EXPORT_ORDER = { sort_by: "createdAt", sort_order: "ASC", per_page: 100 } as const;

export async function runExport(
  base: Context,
  options: ExportOptions,
  say: (line: string) => void,
): Promise<ExportResult> {
  const started = Date.now();
  const pacer = createPacer({ concurrency: options.concurrency });
  const context = base.withFetch((fetch) => pacer.wrap(fetch));
  const done = options.out ? await resume(options, say) : new Set<string>();

  const pending: Session[] = [];
  try {
    const sessions = context.client.iterateSessions({ ...options.query, ...EXPORT_ORDER }, { signal: options.signal });
    for await (const session of sessions) if (!done.has(session.id)) pending.push(session);
  } catch (error) {
    // Interrupted while listing: nothing new was written; the next run lists again.
    if (!options.signal.aborted) throw error;
  }
  if (options.files) await mkdir(options.files, { recursive: true });

  const output = options.out ? createWriteStream(options.out, { flags: "a" }) : process.stdout;
  const bar =
    !base.json && process.stderr.isTTY && pending.length > 0 ? progressBar("Exporting", "sessions") : undefined;
  bar?.start(pending.length);
  let written = 0;
  let next = 0;
  const worker = async () => {
    try {
      await work();
    } catch (error) {
      // Interrupted: the session in hand is not written, so the next run does it again.
      if (!options.signal.aborted) throw error;
    }
  };
  const work = async () => {
    while (next < pending.length && !options.signal.aborted) {
      const session = pending[next++] as Session;
      const record: Record<string, unknown> = { ...session };
      if (options.participants) {
        const participants = [];
        for await (const participant of context.client.iterateParticipants(
          session.id,
          { per_page: 100 },
          { signal: options.signal },
        )) {
          participants.push(participant);
        }
        record.participants = participants;
      }
      if (options.files) await saveFiles(context, base, session.id, options.files, options.signal);
      if (options.signal.aborted) return;
      await new Promise<void>((resolve, reject) =>
        output.write(`${JSON.stringify(record)}\n`, (error) => (error ? reject(error) : resolve())),
      );
      written++;
      bar?.update(written);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  } finally {
    bar?.stop();
    if (output !== process.stdout)
      await new Promise<void>((resolve) => (output as ReturnType<typeof createWriteStream>).end(resolve));
  }
  return {
    written,
    skipped: done.size,
    requests: pacer.stats.requests,
    limited: pacer.stats.limited,
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * The ids already in the output file, after cutting off a line the last run left half-written.
 * A state file beside it holds the arguments it was started with: another export's file is not
 * appended to.
 */
async function resume(options: ExportOptions, say: (line: string) => void): Promise<Set<string>> {
  const out = options.out as string;
  const statePath = `${out}.export.json`;
  const fingerprint = JSON.stringify({
    query: options.query,
    participants: options.participants,
    files: options.files ?? null,
  });
  const exists = await stat(out).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await writeFile(statePath, `${JSON.stringify({ fingerprint })}\n`);
    await writeFile(out, "");
    return new Set();
  }
  const state = await readFile(statePath, "utf8").then(
    (text) => JSON.parse(text) as { fingerprint: string },
    () => undefined,
  );
  if (state?.fingerprint !== fingerprint) {
    throw new UsageError(
      `${out} exists and was not written by an export with these arguments: choose another --out, or delete it to start over.`,
    );
  }
  const text = await readFile(out, "utf8");
  const complete = text.lastIndexOf("\n") + 1;
  if (complete < text.length) await truncate(out, Buffer.byteLength(text.slice(0, complete)));
  const ids = new Set<string>();
  for (const line of text.slice(0, complete).split("\n")) {
    if (line) ids.add((JSON.parse(line) as { id: string }).id);
  }
  say(`Resuming the export into ${out}: ${ids.size} sessions are already there.`);
  return ids;
}

/** The session's chat, transcript and summary, where they exist, each written whole or not at all. */
async function saveFiles(context: Context, base: Context, sessionId: string, folder: string, signal: AbortSignal) {
  const links: [string, () => Promise<string>][] = [
    ["chat.csv", async () => (await context.client.getChatDownload(sessionId, { signal })).chat_download_url],
    [
      "transcript.csv",
      async () => (await context.client.getTranscriptDownload(sessionId, {}, { signal })).transcript_download_url,
    ],
    ["summary.md", async () => (await context.client.getSummaryDownload(sessionId, { signal })).summaryDownloadUrl],
  ];
  for (const [suffix, link] of links) {
    let url: string;
    try {
      url = await link();
    } catch (error) {
      // No chat, transcript or summary for this session: nothing to save.
      if (error instanceof RealtimeKitApiError && error.status === 404) continue;
      throw error;
    }
    // The storage host is not the API: no credentials, no pacing.
    const response = await base.fetch(new Request(url, { signal }));
    if (!response.ok)
      throw new Error(`The storage host answered HTTP ${response.status} for the ${suffix} of ${sessionId}`);
    const path = join(folder, `${sessionId}.${suffix}`);
    await writeFile(`${path}.partial`, Buffer.from(await response.arrayBuffer()));
    await rename(`${path}.partial`, path);
  }
}
