// @realtimekit-sessions/sync in a Worker (the `workerd` and `worker` export conditions): the
// mirror on D1, or on Postgres through Hyperdrive with the `postgres` driver you create. No
// embedded database and no file system: `database` is a driver, never a URL or a directory.
import { type DatabaseInput, driverDatabase, type MirrorDatabase } from "./database.js";
import type { Mirror, MirrorOptions } from "./mirror.js";
import { createMirrorWith } from "./mirror.js";

export * from "./common.js";

/**
 * Wraps the driver `input` is. In a Worker the mirror opens nothing itself: a URL or a
 * directory is refused.
 */
export async function openDatabase(input: DatabaseInput): Promise<MirrorDatabase> {
  const database = driverDatabase(input);
  if (!database) {
    throw new TypeError(
      "createMirror(): in a Worker, database is a D1 binding (env.DB) or a postgres sql (postgres(env.HYPERDRIVE.connectionString)), not a URL or a directory",
    );
  }
  return database;
}

/**
 * A mirror of every session of the client's app, from a Worker: in D1, or in Postgres through
 * Hyperdrive. Its schema is migrated here; `close()` leaves the binding or driver open.
 *
 * @example
 * const mirror = await createMirror({ client, database: env.DB });
 * // a Cron Trigger: await mirror.sync({ signal: AbortSignal.timeout(25_000) });
 * // a queue consumer: const answer = await mirror.handleWebhook(storedDelivery);
 */
export function createMirror(options: MirrorOptions): Promise<Mirror> {
  return createMirrorWith(openDatabase, options);
}
