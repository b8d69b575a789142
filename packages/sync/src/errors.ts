// The mirror's failures: each one line that says what went wrong and what to do, in the
// client's error family (`instanceof RealtimeKitError` catches them too).
import { RealtimeKitError } from "@realtimekit-sessions/client";

/** What kind of database failure it was: the CLI's exit code and the webhook's status follow from it. */
export type DatabaseFailure =
  | "unreachable"
  | "authentication"
  | "not-a-directory"
  | "read-only"
  | "disk-full"
  | "schema-newer"
  | "other";

/** The database could not be opened, read or written. Nothing was half-written: a batch commits whole or not at all. */
export class MirrorDatabaseError extends RealtimeKitError {
  static override readonly errorName: string = "MirrorDatabaseError";
  /** What kind of failure it was. */
  readonly failure: DatabaseFailure;
  /** The database, as `"PGlite at ./mirror"` or a URL without its credentials. */
  readonly database: string;

  constructor(message: string, database: string, failure: DatabaseFailure = "other", cause?: unknown) {
    super(`${database}: ${message}`, { cause });
    this.failure = failure;
    this.database = database;
  }

  /** The error a driver threw, said in one line; an error that is one already passes through. */
  static from(error: unknown, database: string): MirrorDatabaseError {
    if (error instanceof MirrorDatabaseError) return error;
    const { code, message } = describe(error);
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EHOSTUNREACH" || code === "CONNECT_TIMEOUT") {
      return new MirrorDatabaseError(
        `could not connect (${code}): is the server running, and is the host and port right?`,
        database,
        "unreachable",
        error,
      );
    }
    if (code === "28P01" || code === "28000") {
      return new MirrorDatabaseError(
        "the server refused the user name or password in the URL",
        database,
        "authentication",
        error,
      );
    }
    if (code === "53100" || code === "ENOSPC" || /no space left on device/i.test(message)) {
      return new MirrorDatabaseError(
        "the disk is full: nothing of the batch was written; free some space and run the sync again",
        database,
        "disk-full",
        error,
      );
    }
    if (code === "EROFS" || code === "EACCES" || code === "EPERM") {
      return new MirrorDatabaseError(`cannot write there (${code})`, database, "read-only", error);
    }
    if (code === "3D000")
      return new MirrorDatabaseError(`${firstLine(message)}: create it first`, database, "other", error);
    return new MirrorDatabaseError(firstLine(message) || "the database failed", database, "other", error);
  }
}

function describe(error: unknown): { code: string | undefined; message: string } {
  let code: string | undefined;
  let message = "";
  // A driver's error may wrap the system's (an AggregateError of each address tried, a cause).
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const found = current as { code?: unknown; message?: unknown; errors?: unknown[]; cause?: unknown };
    if (typeof found.code === "string" && code === undefined) code = found.code;
    if (typeof found.message === "string" && !message) message = found.message;
    current = found.errors?.[0] ?? found.cause;
  }
  return { code, message };
}

const firstLine = (text: string) => text.split("\n")[0]?.trim() ?? "";
