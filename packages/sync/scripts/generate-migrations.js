// Generates src/generated/migrations.ts from the numbered SQL files in migrations/, so that the
// bundle carries them (a Worker has no file system to read them from). `pnpm generate` writes
// it; the test run imports `generateMigrations()` to check that the committed file is current.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

export const MIGRATIONS_URL = new URL("../migrations/", import.meta.url);
export const OUTPUT_URL = new URL("../src/generated/migrations.ts", import.meta.url);
const NAME_RE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** @returns {Promise<string>} the contents migrations.ts must have for the SQL files */
export async function generateMigrations() {
  const files = (await readdir(MIGRATIONS_URL)).filter((file) => file.endsWith(".sql")).sort();
  const entries = [];
  for (const [index, file] of files.entries()) {
    const [, number, name] = NAME_RE.exec(file) ?? [];
    if (Number(number) !== index + 1) {
      throw new Error(`migrations/${file}: expected the name ${String(index + 1).padStart(4, "0")}_<name>.sql`);
    }
    const sql = await readFile(new URL(file, MIGRATIONS_URL), "utf8");
    entries.push(`  { version: ${index + 1}, name: ${JSON.stringify(name)}, sql: ${JSON.stringify(sql)} },`);
  }
  return `// Generated from migrations/*.sql by scripts/generate-migrations.js: do not edit.
// Add or change a SQL file, then run \`pnpm generate\`; the test run fails while this file is stale.

/** One migration of the schema: applied once, in order, in the transaction that records it. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
${entries.join("\n")}
];
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await writeFile(OUTPUT_URL, await generateMigrations());
  console.log(`wrote ${OUTPUT_URL.pathname}`);
}
