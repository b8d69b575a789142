// What both entries of @realtimekit-sessions/sync export, Node.js's (./index.ts) and Workers'
// (./worker.ts): everything but the opening of a database, which each does its own way.
export {
  type D1DatabaseLike,
  type D1PreparedStatementLike,
  type DatabaseInput,
  fromD1,
  fromPglite,
  fromPgPool,
  fromPostgres,
  MEMORY,
  type MirrorDatabase,
  type PGliteLike,
  type PgPoolClientLike,
  type PgPoolLike,
  type PostgresQueryLike,
  type PostgresSqlLike,
  type Queryable,
} from "./database.js";
export type { DialectName } from "./dialect.js";
export { type DatabaseFailure, MirrorDatabaseError } from "./errors.js";
export type { Migration } from "./generated/migrations.js";
export { migrate, SCHEMA, SCHEMA_VERSION } from "./migrate.js";
export {
  MIRROR_PARTS,
  type Mirror,
  type MirrorOptions,
  type MirrorPart,
  type SyncOptions,
  type SyncProgress,
  type SyncSummary,
} from "./mirror.js";
export {
  type Compared,
  type DayUsage,
  type Headline,
  type LengthBin,
  type LiveSession,
  type MeetingUsage,
  type ParticipantCount,
  type ParticipantUsage,
  poorOf,
  QUALITY_THRESHOLDS,
  type QualityDay,
  type QualitySession,
  type QualityThresholds,
  type SessionFiles,
  type SessionParticipantReport,
  type SessionReport,
  sessionReport,
  type TimeInput,
  USAGE_BY,
  type UsageBy,
  type UsageOptions,
  type UsagePeriod,
  type UsageReport,
  type UsageRows,
  type UsageSource,
  usage,
  usageReport,
} from "./usage.js";
