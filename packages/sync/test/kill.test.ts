// Killed with SIGKILL anywhere (in a migration, between a batch's statements, before a commit),
// the next run continues: it ends where a fresh backfill of the same app does, nothing lost and
// nothing twice. A real process, killed for real, on PGlite and on a PostgreSQL server.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSessionsClient } from "@realtimekit-sessions/client";
import { runProcess, startPostgres, type TestPostgres } from "@realtimekit-sessions/test-kit";
import { createFakeApi } from "@realtimekit-sessions/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMirror, type DatabaseInput, MIRROR_PARTS } from "../src/index.js";
import { tablesOf } from "./engines.js";

const CHILD = new URL("./kill-child.mjs", import.meta.url).pathname;
const NOW = Date.parse("2026-11-30T12:00:00Z");
const SESSIONS = 250;
// In the migration (its statements ran, not committed), in the first page's batch, and in a
// later page's.
const KILL_AT = [5, 60, 420];

let folder: string;
let server: TestPostgres;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "realtimekit-kill-"));
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
  await rm(folder, { recursive: true, force: true });
});

async function syncTo(database: DatabaseInput) {
  const fake = createFakeApi({ sessions: SESSIONS, now: NOW });
  const client = createSessionsClient({ apiToken: "kill-test-token", ...fake, retries: 0 });
  const mirror = await createMirror({ client, database, include: MIRROR_PARTS });
  await mirror.sync();
  const tables = await tablesOf(mirror.database);
  const migrations = await mirror.database.query("SELECT version FROM realtimekit.schema_migrations");
  await mirror.close();
  return { tables, migrations };
}

describe.each(["PGlite", "PostgreSQL"])("on %s", (engine) => {
  let expected: Awaited<ReturnType<typeof syncTo>>;
  beforeAll(async () => {
    expected = await syncTo(
      engine === "PGlite" ? join(folder, `${engine}-backfill`) : await server.database("backfill"),
    );
  });

  test.each(KILL_AT)("killed at statement %i, the next run ends where a fresh backfill does", async (killAt) => {
    const database =
      engine === "PGlite" ? join(folder, `${engine}-${killAt}`) : await server.database(`killed_${killAt}`);
    const killed = await runProcess(process.execPath, [CHILD, database, String(killAt), String(SESSIONS), String(NOW)]);
    expect(killed.stdout).not.toContain("finished");
    expect(killed.code).not.toBe(0);
    const after = await syncTo(database);
    expect(after.migrations).toEqual([{ version: 1 }]);
    expect(after.tables).toEqual(expected.tables);
  });
});
