// `transcript`: a session's transcript as rows (a table, or NDJSON), or with `--format` the file
// itself as the API serves it (CSV, JSON, SRT or VTT).
import { InvalidArgumentError, Option } from "@commander-js/extra-typings";
import type { TranscriptFormat, TranscriptRow } from "@realtimekit-sessions/client/downloads";
import type { Context, ContextOf } from "../context.js";
import { UsageError } from "../errors.js";
import { note, offset, printTable } from "../output.js";
import type { Parent } from "./options.js";

const FORMATS = ["csv", "json", "srt", "vtt"] as const;

export function addTranscript(program: Parent, context: ContextOf): void {
  program
    .command("transcript")
    .description("print a session's transcript: its utterances, or with --format the file itself")
    .argument("<session-id>")
    .addOption(
      new Option("--format <format>", "print the file as the API serves it, in this format (any case)")
        .choices(FORMATS)
        .argParser((value) => {
          const format = value.toLowerCase();
          if (!(FORMATS as readonly string[]).includes(format)) {
            throw new InvalidArgumentError(`--format takes one of ${FORMATS.join(", ")}, not ${value}.`);
          }
          return format as (typeof FORMATS)[number];
        }),
    )
    .action((sessionId, options, command) => showTranscript(context(command), sessionId, options));
}

export async function showTranscript(
  context: Context,
  sessionId: string,
  options: { format?: (typeof FORMATS)[number] | undefined },
): Promise<void> {
  const { io, json } = context;
  if (options.format && context.flags.json) {
    throw new UsageError("--format prints the file as it is and --json prints its rows: choose one.");
  }
  const client = await context.client();
  const { createDownloads } = await import("@realtimekit-sessions/client/downloads");
  const downloads = createDownloads(client);
  const rows: TranscriptRow[] = [];
  try {
    if (options.format) {
      const format = options.format.toUpperCase() as TranscriptFormat;
      const decoder = new TextDecoder();
      for await (const chunk of downloads.downloadFile(sessionId, "transcript", { format, signal: io.signal })) {
        await io.stdout.write(decoder.decode(chunk, { stream: true }));
      }
      return io.stdout.write(decoder.decode());
    }
    for await (const row of downloads.downloadTranscript(sessionId, { signal: io.signal })) {
      if (json) await io.stdout.write(`${JSON.stringify(row)}\n`);
      else rows.push(row);
    }
  } catch (error) {
    const { explainMissing } = await import("./missing.js");
    await explainMissing(error, client, sessionId, "transcript", io.signal);
  }
  if (json) return;
  if (rows.length === 0) return note(io, `The transcript of session ${sessionId} is empty.`);
  // Every row's time as its offset from the session's start, whichever layout the file had.
  const start = rows.some((row) => row.startMs === undefined)
    ? Date.parse((await client.getSession(sessionId, {}, { signal: io.signal })).started_at)
    : 0;
  await printTable(
    io,
    ["at", "speaker", "text"],
    rows.map((row) => [
      offset(row.startMs ?? (row.startedAt ? Date.parse(row.startedAt) - start : undefined)),
      row.participantName,
      row.text,
    ]),
  );
}
