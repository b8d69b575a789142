// `export`: the declaration; the work is in ../export/, loaded when the command runs.
import { Option } from "@commander-js/extra-typings";
import type { Context, ContextOf } from "../context.js";
import { AlreadySaid, EXIT_INTERRUPTED } from "../errors.js";
import { note } from "../output.js";
import { echoTimes, type Filters, type Parent, queryOf, share, whole, withFilters } from "./options.js";

export const MAX_CONCURRENCY = 64;

export function addExport(program: Parent, context: ContextOf): void {
  withFilters(
    program
      .command("export")
      .description("export every matching session as NDJSON, oldest first, paced to the rate limit and resumable"),
  )
    .addOption(new Option("--include <what...>", "embed more in each line").choices(["participants"] as const))
    .option(
      "--out <file>",
      "write NDJSON here (resumable; creates missing folders, and <file>.export.json beside it) instead of to standard output",
    )
    .option("--files <dir>", "also save each session's chat, transcript and summary in this folder")
    .addOption(
      new Option("--concurrency <n>", `most requests in flight at once, up to ${MAX_CONCURRENCY}`)
        .argParser(whole("--concurrency", MAX_CONCURRENCY))
        .default(8),
    )
    .addOption(
      new Option(
        "--max-share <share>",
        "most of the rate limit's allowance to use, leaving the rest to other clients of the token",
      )
        .argParser(share("--max-share"))
        .default(0.8),
    )
    .action((options, command) => exportSessions(context(command), options));
}

export interface ExportFlags extends Filters {
  include?: "participants"[] | undefined;
  out?: string | undefined;
  files?: string | undefined;
  concurrency: number;
  maxShare: number;
}

export async function exportSessions(context: Context, flags: ExportFlags): Promise<void> {
  const { runExport } = await import("../export/run.js");
  const { io } = context;
  const { query, times } = queryOf(flags, io.clock.now());
  await echoTimes(io, times);
  const result = await runExport(context, {
    query,
    times,
    participants: (flags.include ?? []).includes("participants"),
    out: flags.out,
    files: flags.files,
    concurrency: flags.concurrency,
    maxShare: flags.maxShare,
  });
  const where = flags.out ? ` to ${flags.out}` : "";
  if (result.interrupted) {
    await note(
      io,
      `Interrupted after ${result.written} sessions${where}.${flags.out ? " Run the same command again to resume." : ""}`,
    );
    throw new AlreadySaid(EXIT_INTERRUPTED);
  }
  await note(
    io,
    `Exported ${result.written} sessions${where}${result.skipped ? ` (${result.skipped} were there already)` : ""} in ${result.seconds.toFixed(1)} s: ${result.requests} requests, ${result.limited} rate-limited.`,
  );
}
