// The schema's migrations: the bundled module is what the SQL files make, and applying them is
// idempotent, recorded, and refused by an older package.
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { generateMigrations, OUTPUT_URL } from "../scripts/generate-migrations.js";
import { MirrorDatabaseError, migrate, SCHEMA_VERSION } from "../src/index.js";
import { engines } from "./engines.js";

test("the committed migrations module is what migrations/*.sql make (run `pnpm generate` if not)", async () => {
  expect(await readFile(OUTPUT_URL, "utf8")).toBe(await generateMigrations());
});

describe.each(engines())("on $name", (engine) => {
  test("applied once however often the mirror opens; a newer schema is refused in one line", async () => {
    const database = await engine.fresh();
    await migrate(database);
    await migrate(database);
    expect(await database.query("SELECT version, name FROM realtimekit.schema_migrations")).toEqual([
      { version: 1, name: "mirror" },
    ]);
    expect(SCHEMA_VERSION).toBe(1);
    const older = await migrate(database, []).catch((error: unknown) => error);
    expect(older).toBeInstanceOf(MirrorDatabaseError);
    expect((older as MirrorDatabaseError).failure).toBe("schema-newer");
    expect((older as Error).message).toMatch(/^PostgreSQL main|^PGlite main/);
    expect((older as Error).message).toContain(
      "the mirror's schema is version 1, newer than this version of @realtimekit-sessions/sync knows (0): upgrade the package, or use another database",
    );
  });
});
