// `usage` and `report`: the declarations; the work is in ../sync/usage.ts, loaded when the
// command runs (with the sync package, and the report package for `report`).
import { Option } from "@commander-js/extra-typings";
import type { ContextOf } from "../context.js";
import { type Parent, uses } from "./options.js";
import { formatOption, mirrorOption } from "./sync.js";

/** What `usage` groups by (the sync package's USAGE_BY; the command test checks they agree). */
export const USAGE_BY = ["day", "meeting", "participant"] as const;

/** The period a command reads when `--from` and `--to` are not given. */
export const DEFAULT_FROM = "30d";
export const DEFAULT_TO = "now";

const TIMES = "ISO 8601, or 30d, 2w, 12h, today, yesterday, now";

export function addUsage(program: Parent, context: ContextOf): void {
  const usage = program
    .command("usage")
    .description("sessions, participant-minutes and participants from the mirror, by day, meeting or participant")
    .addOption(new Option("--by <grouping>", "what each row is").choices(USAGE_BY).default("day" as const))
    .option("--from <time>", `sessions started from this time on (${TIMES}; default: ${DEFAULT_FROM})`)
    .option("--to <time>", `sessions started before this time (default: ${DEFAULT_TO})`)
    .addOption(mirrorOption())
    .addOption(formatOption())
    .action(async (options, command) => {
      const { runUsage } = await import("../sync/usage.js");
      await runUsage(context(command), options);
    });
  // The mirror's, or with --fake a mirror of the fake (--verbose shows the fake's requests).
  uses(usage, ["fake", "json", "verbose"]);

  const report = program
    .command("report")
    .description("the usage and call quality of a period, or one session, as one self-contained HTML page")
    .option("--from <time>", `sessions started from this time on (${TIMES}; default: ${DEFAULT_FROM})`)
    .option("--to <time>", `sessions started before this time (default: ${DEFAULT_TO})`)
    .option("--session <id>", "one session's page instead: who was in the call when, its quality, chat and transcript")
    .addOption(mirrorOption())
    .option(
      "--out <file>",
      "where to write the page, - for standard output (default: usage.html, or session-<id>.html)",
    )
    .action(async (options, command) => {
      const { runReport } = await import("../sync/usage.js");
      await runReport(context(command), options);
    });
  uses(report, ["fake", "json", "verbose"]);
}

export interface UsageFlags {
  by: (typeof USAGE_BY)[number];
  from?: string | undefined;
  to?: string | undefined;
  database?: string | undefined;
  format?: "table" | "csv" | "json" | undefined;
}

export interface ReportFlags {
  from?: string | undefined;
  to?: string | undefined;
  session?: string | undefined;
  database?: string | undefined;
  out?: string | undefined;
}
