// Applies the schema's migrations: all that are missing, in one transaction with the rows that
// record them, under a lock so that two mirrors opening one database at once apply them once.
// Killed halfway, the transaction leaves nothing behind, and the next open starts again.
//
// Written here rather than taken from a migration library: the libraries for Node.js each drive
// one client (`pg` mostly) and read files at run time, where this runs the same migrations
// through PGlite, postgres.js and pg, from the bundle. It is the part of them the mirror needs:
// numbered SQL, a table of what was applied, a transaction, a lock and a refusal of the future.
import type { MirrorDatabase } from "./database.js";
import { MirrorDatabaseError } from "./errors.js";
import { MIGRATIONS, type Migration } from "./generated/migrations.js";

/** The schema the mirror's tables live in. */
export const SCHEMA = "realtimekit";
/** The schema version this package writes: that of its newest migration. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database's mirror schema to `SCHEMA_VERSION`. Refuses, with one line, a database
 * whose schema a newer version of this package wrote.
 */
export async function migrate(database: MirrorDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  const latest = migrations.length;
  try {
    await database.transaction(async (tx) => {
      // One key for every mirror: a second process waits here until the first has committed.
      await tx.query("SELECT pg_advisory_xact_lock(2029061401)");
      await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
        CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_migrations (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        );`);
      const [row] = await tx.query<{ version: number | null }>(
        `SELECT max(version) AS version FROM ${SCHEMA}.schema_migrations`,
      );
      const current = Number(row?.version ?? 0);
      if (current > latest) {
        throw new MirrorDatabaseError(
          `the mirror's schema is version ${current}, newer than this version of @realtimekit-sessions/sync knows (${latest}): upgrade the package, or use another database`,
          database.description,
          "schema-newer",
        );
      }
      for (const migration of migrations.slice(current)) {
        await tx.exec(migration.sql);
        await tx.query(`INSERT INTO ${SCHEMA}.schema_migrations (version, name) VALUES ($1, $2)`, [
          migration.version,
          migration.name,
        ]);
      }
    });
  } catch (error) {
    throw MirrorDatabaseError.from(error, database.description);
  }
}
