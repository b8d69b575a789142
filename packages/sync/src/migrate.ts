// Applies the schema's migrations: all that are missing, in one transaction with the rows that
// record them, under a lock so that two mirrors opening one database at once apply them once.
// Killed halfway, the transaction leaves nothing behind, and the next open starts again.
//
// Written here rather than taken from a migration library: the libraries for Node.js each drive
// one client (`pg` mostly) and read files at run time, where this runs the same migrations
// through PGlite, postgres.js and pg, from the bundle. It is the part of them the mirror needs:
// numbered SQL, a table of what was applied, a transaction, a lock and a refusal of the future.
import type { MirrorDatabase } from "./database.js";
import { dialectOf } from "./dialect.js";
import { MirrorDatabaseError } from "./errors.js";
import { MIGRATIONS, type Migration, SQLITE_MIGRATIONS } from "./generated/migrations.js";

/** The schema the mirror's tables live in. */
export const SCHEMA = "realtimekit";
/** The schema version this package writes: that of its newest migration. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database's mirror schema to `SCHEMA_VERSION`. Refuses, with one line, a database
 * whose schema a newer version of this package wrote.
 */
export async function migrate(database: MirrorDatabase, migrations?: readonly Migration[]): Promise<void> {
  if (dialectOf(database).name === "sqlite") return migrateSqlite(database, migrations ?? SQLITE_MIGRATIONS);
  return migratePostgres(database, migrations ?? MIGRATIONS);
}

async function migratePostgres(database: MirrorDatabase, migrations: readonly Migration[]): Promise<void> {
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
      if (current > latest) throw newer(database, current, latest);
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

function newer(database: MirrorDatabase, current: number, latest: number): MirrorDatabaseError {
  return new MirrorDatabaseError(
    `the mirror's schema is version ${current}, newer than this version of @realtimekit-sessions/sync knows (${latest}): upgrade the package, or use another database`,
    database.description,
    "schema-newer",
  );
}

/**
 * The same for SQLite (D1), which has no lock to take: the missing migrations and their rows
 * are one batch, and of two mirrors applying them at once the second one's fails (its tables
 * exist) and rolls back, leaving the first one's.
 */
async function migrateSqlite(database: MirrorDatabase, migrations: readonly Migration[]): Promise<void> {
  const latest = migrations.length;
  const version = async () => {
    const [row] = await database.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${SCHEMA}_schema_migrations`,
    );
    return Number(row?.version ?? 0);
  };
  try {
    await database.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}_schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at text NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )`);
    const current = await version();
    if (current > latest) throw newer(database, current, latest);
    if (current === latest) return;
    try {
      await database.transaction(async (tx) => {
        for (const migration of migrations.slice(current)) {
          await tx.exec(migration.sql);
          await tx.query(`INSERT INTO ${SCHEMA}_schema_migrations (version, name) VALUES ($1, $2)`, [
            migration.version,
            migration.name,
          ]);
        }
      });
    } catch (error) {
      if ((await version()) >= latest) return;
      throw error;
    }
  } catch (error) {
    throw MirrorDatabaseError.from(error, database.description);
  }
}
