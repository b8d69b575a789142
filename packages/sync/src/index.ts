// @realtimekit-sessions/sync: a mirror of every session of a RealtimeKit app in Postgres.
export {
  type DatabaseInput,
  fromPglite,
  fromPgPool,
  fromPostgres,
  type MirrorDatabase,
  openDatabase,
  type PGliteLike,
  type PgPoolClientLike,
  type PgPoolLike,
  type PostgresQueryLike,
  type PostgresSqlLike,
  type Queryable,
} from "./database.js";
export { type DatabaseFailure, MirrorDatabaseError } from "./errors.js";
export type { Migration } from "./generated/migrations.js";
export { migrate, SCHEMA, SCHEMA_VERSION } from "./migrate.js";
export {
  createMirror,
  MIRROR_PARTS,
  type Mirror,
  type MirrorOptions,
  type MirrorPart,
  type SyncOptions,
  type SyncProgress,
  type SyncSummary,
} from "./mirror.js";
