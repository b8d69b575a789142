// The two engines every mirror test runs against: PGlite (the embedded default) and a real
// PostgreSQL server, started by the test file and stopped after it. Each test gets the schema
// afresh: `reset()` drops it, and the mirror's migrations make it again.
import { PGlite } from "@electric-sql/pglite";
import { startPostgres, type TestPostgres } from "@realtimekit-sessions/test-kit";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { fromPglite, fromPostgres, type MirrorDatabase } from "../src/index.js";
import { dropMirror } from "./tables.js";

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
  return [
    {
      name: "PGlite",
      url: undefined,
      fresh: async (name = "main") => dropMirror(fromPglite(await pgliteOf(name), `PGlite ${name}`, false)),
    },
    {
      name: "PostgreSQL",
      get url() {
        return server?.url;
      },
      fresh: async (name = "main") => dropMirror(fromPostgres(await sqlOf(name), `PostgreSQL ${name}`, false)),
    },
  ];
}

export { dropMirror, tablesOf } from "./tables.js";
