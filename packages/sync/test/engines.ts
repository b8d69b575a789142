// The two engines every mirror test runs against: PGlite (the embedded default) and a real
// PostgreSQL server, started by the test file and stopped after it. Each test gets the schema
// afresh: `reset()` drops it, and the mirror's migrations make it again.
import { PGlite } from "@electric-sql/pglite";
import { startPostgres, type TestPostgres } from "@realtimekit-sessions/test-kit";
import { Miniflare } from "miniflare";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { type D1DatabaseLike, fromD1, fromPglite, fromPostgres, type MirrorDatabase } from "../src/index.js";

export interface Engine {
  readonly name: string;
  /**
   * A database of the engine, its mirror schema dropped: pass it as `createMirror`'s
   * `database`. Each `name` is a database of its own (`"main"` by default), for mirrors compared
   * side by side.
   */
  fresh(name?: string): Promise<MirrorDatabase>;
  /** A `postgres://` URL of it, for the server only. */
  readonly url: string | undefined;
}

/** The engines, set up before the file's tests and torn down after them. */
export function engines(): Engine[] {
  const pglites = new Map<string, Promise<PGlite>>();
  const sqls = new Map<string, Promise<postgres.Sql>>();
  let server: TestPostgres | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    for (const sql of sqls.values()) await (await sql).end({ timeout: 5 });
    for (const pglite of pglites.values()) await (await pglite).close();
    await server?.stop();
  });
  const pgliteOf = (name: string) => {
    if (!pglites.has(name)) pglites.set(name, PGlite.create());
    return pglites.get(name) as Promise<PGlite>;
  };
  const sqlOf = (name: string) => {
    if (!sqls.has(name)) {
      sqls.set(
        name,
        (server as TestPostgres)
          .database(`mirror_${name}`)
          .then((url) => postgres(url, { max: 4, onnotice: () => {} })),
      );
    }
    return sqls.get(name) as Promise<postgres.Sql>;
  };
  const reset = async (database: MirrorDatabase) => {
    await database.exec("DROP SCHEMA IF EXISTS realtimekit CASCADE");
    return database;
  };
  return [
    {
      name: "PGlite",
      url: undefined,
      fresh: async (name = "main") => reset(fromPglite(await pgliteOf(name), `PGlite ${name}`, false)),
    },
    {
      name: "PostgreSQL",
      get url() {
        return server?.url;
      },
      fresh: async (name = "main") => reset(fromPostgres(await sqlOf(name), `PostgreSQL ${name}`, false)),
    },
  ];
}

/** The D1 names `d1Engine().fresh()` takes: one database each, made when the file starts. */
const D1_NAMES = ["main", "backfill"];

/**
 * Cloudflare D1, as workerd runs it locally (Miniflare), reached from this process through
 * Miniflare's binding: the mirror's SQLite dialect and migrations, and its batched transactions.
 */
export function d1Engine(): Engine {
  let miniflare: Miniflare | undefined;
  beforeAll(async () => {
    miniflare = new Miniflare({
      modules: true,
      script: "export default { fetch: () => new Response(null, { status: 404 }) }",
      d1Databases: D1_NAMES,
    });
    await miniflare.ready;
  });
  afterAll(async () => {
    await miniflare?.dispose();
  });
  return {
    name: "D1",
    url: undefined,
    async fresh(name = "main") {
      if (!D1_NAMES.includes(name)) throw new Error(`the D1 engine has the databases ${D1_NAMES.join(", ")}`);
      const d1 = (await (miniflare as Miniflare).getD1Database(name)) as unknown as D1DatabaseLike;
      const database = fromD1(d1, `D1 ${name}`);
      // Views first, and the sessions after the tables that refer to them.
      const objects = await database.query<{ type: string; name: string }>(
        "SELECT type, name FROM sqlite_master WHERE name LIKE 'realtimekit\\_%' ESCAPE '\\' AND type IN ('table', 'view') ORDER BY type = 'table', name = 'realtimekit_sessions'",
      );
      for (const { type, name: object } of objects) await database.query(`DROP ${type.toUpperCase()} ${object}`);
      return database;
    },
  };
}

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
