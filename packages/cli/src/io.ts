// Everything a command reads from or writes to the world outside it: the two output streams,
// the environment, the clock, the network and the user's interrupt. `bin.ts` builds the real
// one from `process`; tests build one of fakes and call commands in-process.

/** One output stream, as a command sees it. */
export interface Output {
  /** Writes `text`; resolves once the stream took it, rejects with an `OutputError`. */
  write(text: string): Promise<void>;
  /** A terminal (tables and progress) rather than a pipe or a file (machine output). */
  readonly isTTY: boolean;
  /** The terminal's width in columns, when it is one. */
  readonly columns: number | undefined;
}

/** Time as the commands see it: read, and waited for, never straight from the system. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  /** The fetch real API calls go through. */
  fetch: (request: Request) => Promise<Response>;
  /** Aborts when the user interrupts the program (Ctrl-C, SIGTERM). */
  signal: AbortSignal;
}

/** Writing to standard output or standard error failed. */
export class OutputError extends Error {
  override readonly name = "OutputError";
  /** The reader went away (a closed pipe, as with `| head`): not a failure of the program. */
  readonly closed: boolean;

  constructor(stream: "standard output" | "standard error", code: string | undefined) {
    super(
      `Could not write to ${stream}: ${code === "ENOSPC" ? "the disk is full" : `the system refused (${code ?? "unknown error"})`}.`,
    );
    this.closed = code === "EPIPE" || code === "ERR_STREAM_DESTROYED";
  }
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};
