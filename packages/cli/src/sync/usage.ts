// `usage` and `report`: the sync package's `usage()`, `usageReport()` and `sessionReport()` over
// the mirror, printed as a table, CSV or NDJSON, or rendered by the report package into one HTML
// file. The period is always said with the answer, its relative times resolved.
import { randomUUID } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import type { MirrorDatabase, UsageBy, UsageRows } from "@realtimekit-sessions/sync";
import { DEFAULT_FROM, DEFAULT_TO, type ReportFlags, type UsageFlags } from "../commands/usage.js";
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { fileError } from "../files.js";
import { note, participantMinutes, printJsonLines, printTable, when } from "../output.js";
import { periodOf, type ResolvedTime, timeOf } from "../time.js";
import { readableMirror } from "./open.js";

interface Period {
  from: ResolvedTime;
  to: ResolvedTime;
}

function periodFrom(context: Context, flags: { from?: string | undefined; to?: string | undefined }): Period {
  const now = context.io.clock.now();
  const from = timeOf("--from", flags.from ?? DEFAULT_FROM, now);
  const to = timeOf("--to", flags.to ?? DEFAULT_TO, now);
  periodOf(from, to);
  return { from, to };
}

/** `2026-11-06T09:00:00.000Z to 2026-12-06T09:00:00.000Z (UTC; --from 30d, --to now)`. */
function periodLine({ from, to }: Period): string {
  const given = from.relative || to.relative ? `; --from ${from.given}, --to ${to.given}` : "";
  return `from ${from.iso} to ${to.iso} (UTC${given})`;
}

/** Runs `work` on the mirror, and closes it whatever happens. */
async function withMirror<T>(context: Context, database: string | undefined, work: (db: MirrorDatabase) => Promise<T>) {
  const db = await readableMirror(context, database);
  const { MirrorDatabaseError } = await import("@realtimekit-sessions/sync");
  try {
    return await work(db);
  } catch (error) {
    throw error instanceof UsageError || error instanceof MirrorDatabaseError
      ? error
      : MirrorDatabaseError.from(error, db.description);
  } finally {
    await db.close();
  }
}

/** The columns of each grouping, in order, with how a terminal shows them. */
const COLUMNS: {
  [By in UsageBy]: { [Key in keyof UsageRows[By][number]]: (value: UsageRows[By][number][Key]) => string };
} = {
  day: {
    day: String,
    sessions: (n) => n.toLocaleString("en-US"),
    participant_minutes: participantMinutes,
    participants: (n) => n.toLocaleString("en-US"),
  },
  meeting: {
    meeting_id: (id) => id ?? "",
    meeting: (name) => name ?? "",
    sessions: (n) => n.toLocaleString("en-US"),
    participant_minutes: participantMinutes,
    participants: (n) => n.toLocaleString("en-US"),
    last_session_at: when,
  },
  participant: {
    participant: String,
    name: (name) => name ?? "",
    sessions: (n) => n.toLocaleString("en-US"),
    participant_minutes: participantMinutes,
    last_joined_at: when,
  },
};

export async function runUsage(context: Context, flags: UsageFlags): Promise<void> {
  const { io } = context;
  const period = periodFrom(context, flags);
  const rows = await withMirror(context, flags.database, async (db) => {
    const { usage } = await import("@realtimekit-sessions/sync");
    return usage(db, { by: flags.by, from: period.from.iso, to: period.to.iso });
  });
  const columns = COLUMNS[flags.by] as Record<string, (value: unknown) => string>;
  const names = Object.keys(columns);
  const format = flags.format ?? (context.json ? "json" : "table");
  // Machine output carries the period in every row, so that no row is read without it.
  const withPeriod = (row: object) => ({ period_from: period.from.iso, period_to: period.to.iso, ...row });
  if (format === "json") {
    await printJsonLines(io, rows.map(withPeriod));
  } else if (format === "csv") {
    const { default: Papa } = await import("papaparse");
    await io.stdout.write(
      `${Papa.unparse(rows.map(withPeriod), { columns: ["period_from", "period_to", ...names], newline: "\n" })}\n`,
    );
  } else {
    await io.stdout.write(`Usage by ${flags.by}, sessions started ${periodLine(period)}:\n`);
    if (rows.length === 0) await io.stdout.write("No sessions started in the period.\n");
    else {
      await printTable(
        io,
        names.map((name) => name.replace(/_/g, "-")),
        rows.map((row) => names.map((name) => (columns[name] as (value: unknown) => string)((row as never)[name]))),
      );
    }
  }
  if (format === "table" || io.stderr.isTTY) {
    const totals = rows as { sessions?: number; participant_minutes: number }[];
    const minutes = totals.reduce((sum, row) => sum + row.participant_minutes, 0);
    const said =
      flags.by === "participant"
        ? `${rows.length} participants; their own minutes add up to ${participantMinutes(minutes)}.`
        : `${totals.reduce((sum, row) => sum + (row.sessions ?? 0), 0).toLocaleString("en-US")} sessions, ${participantMinutes(minutes)} participant-minutes (everyone's time in the calls, added up).`;
    await note(io, format === "table" ? said : `Sessions started ${periodLine(period)}: ${said}`);
  }
}

export async function runReport(context: Context, flags: ReportFlags): Promise<void> {
  const { io } = context;
  if (flags.session !== undefined && (flags.from !== undefined || flags.to !== undefined)) {
    throw new UsageError("--session shows the whole session: drop --from and --to.");
  }
  if (flags.session !== undefined && flags.session.trim() === "") throw new UsageError("--session takes a session id.");
  const period = flags.session === undefined ? periodFrom(context, flags) : undefined;
  const out = flags.out ?? (flags.session === undefined ? "usage.html" : `session-${basename(flags.session)}.html`);
  const { html, said } = await withMirror(context, flags.database, async (db) => {
    const sync = await import("@realtimekit-sessions/sync");
    const report = await import("@realtimekit-sessions/report");
    if (flags.session !== undefined) {
      const data = await sync.sessionReport(db, flags.session);
      if (!data) {
        throw new UsageError(
          `session ${flags.session} is not in the mirror (${db.description}): run \`realtimekit-sessions sync\`, or check the id.`,
        );
      }
      if (context.flags.json) return { html: `${JSON.stringify(data)}\n`, said: undefined };
      return {
        html: report.renderSessionReport(data),
        said: `session ${data.session.id} (${data.participants.length} participants, ${data.chat.length} chat messages)`,
      };
    }
    const data = await sync.usageReport(db, { from: period?.from.iso as string, to: period?.to.iso as string });
    if (context.flags.json) return { html: `${JSON.stringify(data)}\n`, said: undefined };
    return {
      html: report.renderUsageReport(data),
      said: `${data.headline.sessions.value ?? 0} sessions started ${periodLine(period as Period)}`,
    };
  });
  if (context.flags.json || out === "-") {
    await io.stdout.write(html);
    return;
  }
  await writeWhole(out, html);
  await note(
    io,
    `Wrote ${out} (${Math.ceil(Buffer.byteLength(html) / 1024)} KB): ${said}. Open it in any browser; it needs no network.`,
  );
}

/** Writes `text` to `path` whole or not at all: a temporary file beside it, renamed over it. */
async function writeWhole(path: string, text: string): Promise<void> {
  const partial = `${path}.${randomUUID().slice(0, 8)}.partial`;
  try {
    await writeFile(partial, text);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => {});
    throw fileError(error, "write", path);
  }
}
