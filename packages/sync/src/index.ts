// @realtimekit-sessions/sync: a mirror of every session of a RealtimeKit app in Postgres (the
// embedded PGlite, or a server), or in D1 from a Worker (the `workerd` entry, ./worker.ts).
import type { Mirror, MirrorOptions } from "./mirror.js";
import { createMirrorWith } from "./mirror.js";
import { openDatabase } from "./open.js";

export * from "./common.js";
export { openDatabase };

/**
 * A mirror of every session of the client's app in Postgres: opened (and its schema migrated)
 * here, closed with `close()`.
 *
 * @example
 * const mirror = await createMirror({ client: createSessionsClient({ pacer: createPacer() }), database: "./mirror" });
 * await mirror.sync();
 * console.log(await mirror.database.query("SELECT * FROM realtimekit.meeting_usage ORDER BY participant_minutes DESC LIMIT 5"));
 * await mirror.close();
 */
export function createMirror(options: MirrorOptions): Promise<Mirror> {
  return createMirrorWith(openDatabase, options);
}
