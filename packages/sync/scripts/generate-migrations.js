// Generates src/generated/migrations.ts from the numbered SQL files in migrations/, so that the
// bundle carries them (a Worker has no file system to read them from). `pnpm generate` writes
// it; the test run imports `generateMigrations()` to check that the committed file is current.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

export const MIGRATIONS_URL = new URL("../migrations/", import.meta.url);
export const SQLITE_MIGRATIONS_URL = new URL("../migrations/sqlite/", import.meta.url);
export const OUTPUT_URL = new URL("../src/generated/migrations.ts", import.meta.url);
const NAME_RE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * @param {URL} directory
 * @returns {Promise<string[]>} a line of the array for each numbered SQL file of `directory`
 */
async function entriesOf(directory) {
  const files = (await readdir(directory)).filter((file) => file.endsWith(".sql")).sort();
  const entries = [];
  for (const [index, file] of files.entries()) {
    const [, number, name] = NAME_RE.exec(file) ?? [];
    if (Number(number) !== index + 1) {
      throw new Error(
        `${directory.pathname}${file}: expected the name ${String(index + 1).padStart(4, "0")}_<name>.sql`,
      );
    }
    const sql = await readFile(new URL(file, directory), "utf8");
    entries.push(`  { version: ${index + 1}, name: ${JSON.stringify(name)}, sql: ${JSON.stringify(sql)} },`);
  }
  return entries;
}

/** @returns {Promise<string>} the contents migrations.ts must have for the SQL files */
export async function generateMigrations() {
  const postgres = await entriesOf(MIGRATIONS_URL);
  const sqlite = await entriesOf(SQLITE_MIGRATIONS_URL);
  if (postgres.length !== sqlite.length) {
    throw new Error(
      `migrations/ has ${postgres.length} migrations and migrations/sqlite/ ${sqlite.length}: each version is written for both`,
    );
  }
  return `// Generated from migrations/*.sql and migrations/sqlite/*.sql by scripts/generate-migrations.js:
// do not edit. Add or change a SQL file, then run \`pnpm generate\`; the test run fails while this
// file is stale.

/** One migration of the schema: applied once, in order, in the transaction that records it. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration for Postgres, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
${postgres.join("\n")}
];

/** The same migrations for SQLite (D1), oldest first. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
${sqlite.join("\n")}
];
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await writeFile(OUTPUT_URL, await generateMigrations());
  console.log(`wrote ${OUTPUT_URL.pathname}`);
}
