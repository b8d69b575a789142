// `sync` and `sql`: the declarations; the work is in ../sync/, loaded when the command runs (with
// the sync package and its embedded database).
import { InvalidArgumentError, Option } from "@commander-js/extra-typings";
import type { ContextOf } from "../context.js";
import { type Parent, share, uses, whole } from "./options.js";

// The parts a mirror can hold (the sync package's MIRROR_PARTS), here so that `--help` loads
// nothing; the command test checks the two lists agree.
export const PARTS = ["participants", "chat", "transcript", "summary", "peer_reports"] as const;
export type Part = (typeof PARTS)[number];

/** Where the mirror is when `--database` is not given and REALTIMEKIT_DATABASE is not set. */
export const DEFAULT_DATABASE = "realtimekit-mirror";

const UNITS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;
const DURATION_RE = /^(\d+(?:\.\d+)?)(s|m|h)$/;

/** `--database` of a command that reads the mirror (`sql`, `usage`, `report`). */
export const mirrorOption = () =>
  new Option("--database <url|dir>", `the mirror (default: REALTIMEKIT_DATABASE, else ./${DEFAULT_DATABASE})`);

/** `--format` of a command that prints rows (`sql`, `usage`). */
export const formatOption = () =>
  new Option("--format <format>", "table, csv or json (NDJSON); default: table on a terminal, json when piped").choices(
    ["table", "csv", "json"] as const,
  );

/** A duration such as `30s`, `5m` or `1h`, from 1 s to 24 h, in milliseconds. */
export function durationMs(value: string): number {
  const [, amount, unit] = DURATION_RE.exec(value) ?? [];
  const ms = Number(amount) * UNITS[unit as keyof typeof UNITS];
  if (!(ms >= 1_000 && ms <= 86_400_000)) {
    throw new InvalidArgumentError(`--every takes a duration from 1s to 24h, such as 30s, 5m or 1h, not ${value}.`);
  }
  return ms;
}

/** `HOST:PORT` (or `:PORT`, on loopback) to listen on. */
export function listenAddress(value: string): { host: string; port: number } {
  const at = value.lastIndexOf(":");
  const host = at > 0 ? value.slice(0, at).replace(/^\[|\]$/g, "") : "127.0.0.1";
  const port = Number(value.slice(at + 1));
  if (at < 0 || !Number.isInteger(port) || port < 0 || port > 65_535 || /\s/.test(host)) {
    throw new InvalidArgumentError(`--listen takes HOST:PORT, such as 127.0.0.1:8787 or :8787, not ${value}.`);
  }
  return { host, port };
}

export function addSync(program: Parent, context: ContextOf): void {
  program
    .command("sync")
    .description(
      "mirror every session into a Postgres database (embedded by default): a backfill, then only what changed",
    )
    .option(
      "--database <url|dir>",
      `a postgres:// URL, or a folder for the embedded database (default: REALTIMEKIT_DATABASE, else ./${DEFAULT_DATABASE})`,
    )
    .addOption(
      new Option("--include <part...>", "what to mirror of each session (default: all but peer_reports)").choices(
        PARTS,
      ),
    )
    .option(
      "--since <time>",
      "re-read every session started from this time on, whatever the mirror holds: ISO 8601, or 30d, 2w, yesterday",
    )
    .option("--watch", "keep the mirror current: sync again every --every, until Ctrl-C")
    .addOption(new Option("--every <duration>", "how often --watch syncs: 30s, 5m, 1h").argParser(durationMs))
    .addOption(
      new Option("--listen <host:port>", "also take webhook deliveries, on POST /webhook (with --watch)").argParser(
        listenAddress,
      ),
    )
    .option(
      "--webhook-key <pem-file|url>",
      "verify deliveries with this public key (a PEM file, or the URL serving it) instead of Cloudflare's",
    )
    .addOption(
      new Option("--concurrency <n>", "most requests in flight at once, up to 64")
        .argParser(whole("--concurrency", 64))
        .default(8),
    )
    .addOption(
      new Option("--max-share <share>", "most of the rate limit's allowance to use")
        .argParser(share("--max-share"))
        .default(0.8),
    )
    .action(async (options, command) => {
      const { runSync } = await import("../sync/run.js");
      await runSync(context(command), options);
    });

  const sql = program
    .command("sql")
    .description("run a query over the mirror (schema realtimekit) and print its rows")
    .argument(
      "<query>",
      'SQL, such as "SELECT * FROM realtimekit.meeting_usage ORDER BY participant_minutes DESC LIMIT 5"',
    )
    .addOption(mirrorOption())
    .addOption(formatOption())
    .action(async (query, options, command) => {
      const { runSql } = await import("../sync/sql.js");
      await runSql(context(command), query, options);
    });
  uses(sql, ["json"]);
}

export interface SyncFlags {
  database?: string | undefined;
  include?: Part[] | undefined;
  since?: string | undefined;
  watch?: true | undefined;
  every?: number | undefined;
  listen?: { host: string; port: number } | undefined;
  webhookKey?: string | undefined;
  concurrency: number;
  maxShare: number;
}

export interface SqlFlags {
  database?: string | undefined;
  format?: "table" | "csv" | "json" | undefined;
}
