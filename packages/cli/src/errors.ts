// The CLI's own failures, each carrying the one line the user reads and the exit code. Kept free
// of imports, so that declaring the commands loads none of what running them needs.

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A failure the command explains itself, in words that say what to do: exit code 1. */
export class CommandError extends Error {
  override readonly name = "CommandError";
}

/** The command has told the user what happened already; only its exit code is left to give. */
export class AlreadySaid extends Error {
  override readonly name = "AlreadySaid";
  readonly exitCode: number;

  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.exitCode = exitCode;
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** The mirror's database could not be opened, read or written (`sync`, `sql`). */
export const EXIT_DATABASE = 3;
export const EXIT_INTERRUPTED = 130;
