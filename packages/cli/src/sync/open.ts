// The mirror as `sql`, `usage` and `report` read it: the database `--database` names, checked
// to hold a mirror this version knows, or, with `--fake`, a mirror of the fake made in memory.
import { access } from "node:fs/promises";
import type { MirrorDatabase } from "@realtimekit-sessions/sync";
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { databaseOf } from "./run.js";

const URL_RE = /^postgres(ql)?:\/\//i;

/** The mirror at `--database` (or REALTIMEKIT_DATABASE, or ./realtimekit-mirror), opened to be read. */
export async function openMirror(context: Context, given: string | undefined): Promise<MirrorDatabase> {
  const where = databaseOf(context, given);
  if (!URL_RE.test(where)) {
    try {
      await access(where);
    } catch {
      throw new UsageError(
        `there is no mirror at ${where}: run \`realtimekit-sessions sync\` first, or pass --database.`,
      );
    }
  }
  const { openDatabase, SCHEMA_VERSION, MirrorDatabaseError } = await import("@realtimekit-sessions/sync");
  const database = await openDatabase(where);
  try {
    const [found] = await database.query<{ version: number | null }>(
      `SELECT CASE WHEN to_regclass('realtimekit.schema_migrations') IS NULL THEN NULL
         ELSE (SELECT max(version) FROM realtimekit.schema_migrations) END AS version`,
    );
    const version = found?.version ?? null;
    if (version === null) {
      throw new UsageError(`${database.description} holds no mirror: run \`realtimekit-sessions sync\` first.`);
    }
    if (version > SCHEMA_VERSION) {
      throw new MirrorDatabaseError(
        `the mirror's schema is version ${version}, newer than this version of realtimekit-sessions knows (${SCHEMA_VERSION}): upgrade it`,
        database.description,
        "schema-newer",
      );
    }
    return database;
  } catch (error) {
    await database.close().catch(() => {});
    throw error instanceof UsageError ? error : MirrorDatabaseError.from(error, database.description);
  }
}

/**
 * With `--fake`, every part of the fake's sessions mirrored into memory (peer reports included),
 * so that `usage` and `report` show all they can without an account; else the mirror at
 * `--database`.
 */
export async function readableMirror(context: Context, given: string | undefined): Promise<MirrorDatabase> {
  if (!context.flags.fake) return openMirror(context, given);
  if (given !== undefined) throw new UsageError("--fake reads a mirror of the fake made in memory: drop --database.");
  const { createMirror, MEMORY, MIRROR_PARTS } = await import("@realtimekit-sessions/sync");
  const mirror = await createMirror({ client: await context.client(), database: MEMORY, include: MIRROR_PARTS });
  try {
    await mirror.sync({ signal: context.io.signal });
  } catch (error) {
    await mirror.close();
    throw error;
  }
  return mirror.database;
}
