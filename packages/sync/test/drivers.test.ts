// `database` takes the driver an application already has, used as it is and left open by
// close(): a PGlite instance, a postgres.js sql and a pg pool, each mirroring the same fake to
// the same rows. And a URL or a folder, opened by the mirror and closed with it.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createSessionsClient } from "@realtimekit-sessions/client";
import { startPostgres, type TestPostgres } from "@realtimekit-sessions/test-kit";
import { createFakeApi } from "@realtimekit-sessions/testing";
import pg from "pg";
import postgres from "postgres";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createMirror, type DatabaseInput } from "../src/index.js";
import { tablesOf } from "./engines.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");
let server: TestPostgres;
let folder: string;
beforeAll(async () => {
  server = await startPostgres();
  folder = await mkdtemp(join(tmpdir(), "realtimekit-drivers-"));
});
afterAll(async () => {
  await server.stop();
  await rm(folder, { recursive: true, force: true });
});

async function mirrorInto(database: DatabaseInput) {
  const fake = createFakeApi({ sessions: 25, now: NOW, seed: 11 });
  const client = createSessionsClient({ apiToken: "drivers-token", ...fake, retries: 0 });
  const mirror = await createMirror({ client, database });
  await mirror.sync();
  const tables = await tablesOf(mirror.database);
  await mirror.close();
  return tables;
}

test("a PGlite instance, a postgres.js sql and a pg pool of the application mirror the same rows, and stay open", async () => {
  const pglite = await PGlite.create();
  const sql = postgres(await server.database("driver_postgres"), { onnotice: () => {} });
  const pool = new pg.Pool({ connectionString: await server.database("driver_pg") });
  try {
    const fromPglite = await mirrorInto(pglite);
    const fromPostgres = await mirrorInto(sql);
    const fromPool = await mirrorInto(pool);
    expect(fromPglite.sessions).toHaveLength(25);
    expect(fromPostgres).toEqual(fromPglite);
    expect(fromPool).toEqual(fromPglite);
    // Left open: each still answers after the mirror closed.
    expect((await pglite.query<{ n: number }>("SELECT 1 AS n")).rows).toEqual([{ n: 1 }]);
    expect(await sql`SELECT 1 AS n`).toEqual([{ n: 1 }]);
    expect((await pool.query("SELECT 1 AS n")).rows).toEqual([{ n: 1 }]);
  } finally {
    await Promise.all([pglite.close(), sql.end({ timeout: 5 }), pool.end()]);
  }
});

test("a postgres:// URL and a folder are opened by the mirror, and closed with it", async () => {
  const fromUrl = await mirrorInto(await server.database("driver_url"));
  const fromFolder = await mirrorInto(join(folder, "mirror"));
  expect(fromUrl).toEqual(fromFolder);
  // The folder's database was closed: another instance opens it, and finds the rows.
  const again = await PGlite.create(join(folder, "mirror"));
  expect((await again.query<{ n: number }>("SELECT count(*)::int AS n FROM realtimekit.sessions")).rows).toEqual([
    { n: 25 },
  ]);
  await again.close();
});

test("anything else is refused before anything is opened", async () => {
  const client = createSessionsClient({ apiToken: "t", accountId: "a", appId: "b" });
  await expect(createMirror({ client, database: {} as DatabaseInput })).rejects.toThrow(
    /database must be a postgres:\/\/ URL, a directory, a PGlite instance, a postgres sql, a pg pool or a D1 binding/,
  );
  const file = join(folder, "a-file");
  await writeFile(file, "not a database");
  await expect(createMirror({ client, database: file })).rejects.toMatchObject({
    name: "MirrorDatabaseError",
    failure: "not-a-directory",
  });
  await expect(createMirror({ client, database: "x", include: ["everything" as "chat"] })).rejects.toThrow(
    /include takes participants, chat, transcript, summary, peer_reports, not "everything"/,
  );
});
