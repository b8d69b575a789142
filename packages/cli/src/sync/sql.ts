// `sql`: one query over the mirror, in a read-only transaction (the mirror is the sync's to
// write), its rows as a table on a terminal, NDJSON when piped, or CSV. The embedded database has
// no server for psql: this is how it is queried.
import type { SqlFlags } from "../commands/sync.js";
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { note, printJsonLines, printTable } from "../output.js";
import { openMirror } from "./open.js";

export async function runSql(context: Context, query: string, flags: SqlFlags): Promise<void> {
  const { io } = context;
  if (query.trim() === "")
    throw new UsageError('the query is empty: give one, such as "SELECT * FROM realtimekit.daily_usage".');
  const database = await openMirror(context, flags.database);
  const { MirrorDatabaseError } = await import("@realtimekit-sessions/sync");
  let rows: Record<string, unknown>[];
  try {
    rows = await database.transaction(async (tx) => {
      await tx.query("SET TRANSACTION READ ONLY");
      return tx.query(query);
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // The query's own fault (its syntax, a name, a value, a write): the user's to fix.
    if (typeof code === "string" && /^(42|22|25)/.test(code)) {
      throw new UsageError(`the query failed: ${String((error as Error).message).split("\n")[0]}`);
    }
    throw error instanceof UsageError ? error : MirrorDatabaseError.from(error, database.description);
  } finally {
    await database.close();
  }
  const format = flags.format ?? (context.json ? "json" : "table");
  const columns = Object.keys(rows[0] ?? {});
  if (format === "json") {
    await printJsonLines(
      io,
      rows.map((row) => mapValues(row, plain)),
    );
  } else if (format === "csv") {
    const { default: Papa } = await import("papaparse");
    if (rows.length > 0) {
      await io.stdout.write(
        `${Papa.unparse(
          rows.map((row) => mapValues(row, text)),
          { columns, newline: "\n" },
        )}\n`,
      );
    }
  } else if (rows.length > 0) {
    await printTable(
      io,
      columns,
      rows.map((row) => columns.map((column) => text(row[column]))),
    );
  }
  if (format === "table" || io.stderr.isTTY) await note(io, `(${rows.length} ${rows.length === 1 ? "row" : "rows"})`);
}

function mapValues(row: Record<string, unknown>, map: (value: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, map(value)]));
}

/** A value as JSON has it: a time as ISO 8601, bytes as hex. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString("hex")}`;
  return value;
}

/** A value as a table or CSV cell shows it. */
function text(value: unknown): string {
  const shown = plain(value);
  if (shown === null || shown === undefined) return "";
  return typeof shown === "object" ? JSON.stringify(shown) : String(shown);
}
