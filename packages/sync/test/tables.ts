// What two mirrors compare by, in either dialect; no test framework here (a Worker runs it too).
import type { MirrorDatabase } from "../src/common.js";

/** Every table of the mirror, row by row, as JSON without `synced_at`: what two mirrors compare by. */
export async function tablesOf(database: MirrorDatabase): Promise<Record<string, unknown[]>> {
  const tables = ["sessions", "participants", "chat_messages", "transcript_utterances", "summaries", "peer_reports"];
  const result: Record<string, unknown[]> = {};
  if (database.dialect === "sqlite") {
    for (const table of tables) {
      const rows = await database.query<Record<string, unknown>>(`SELECT * FROM realtimekit_${table}`);
      result[table] = rows
        .map(({ synced_at: _, ...row }) => JSON.stringify(row))
        .sort()
        .map((row) => JSON.parse(row));
    }
    return result;
  }
  for (const table of tables) {
    const rows = await database.query<{ row: string }>(
      `SELECT (to_jsonb(t) - 'synced_at')::text AS row FROM realtimekit.${table} t ORDER BY (to_jsonb(t) - 'synced_at')::text`,
    );
    result[table] = rows.map(({ row }) => JSON.parse(row));
  }
  return result;
}

/** Drops the mirror's tables and views (and its schema, in Postgres): the next mirror starts empty. */
export async function dropMirror(database: MirrorDatabase): Promise<MirrorDatabase> {
  if (database.dialect !== "sqlite") {
    await database.exec("DROP SCHEMA IF EXISTS realtimekit CASCADE");
    return database;
  }
  // Views first, and the sessions after the tables that refer to them.
  const objects = await database.query<{ type: string; name: string }>(
    "SELECT type, name FROM sqlite_master WHERE name LIKE 'realtimekit\\_%' ESCAPE '\\' AND type IN ('table', 'view') ORDER BY type = 'table', name = 'realtimekit_sessions'",
  );
  for (const { type, name } of objects) await database.query(`DROP ${type.toUpperCase()} ${name}`);
  return database;
}
