// One request and its answer: the single place where the caller's signal, the call's deadline
// and the attempt's timer are joined, and where a failure to get an answer is classified.
import {
  causeWithoutSecrets,
  RealtimeKitAbortError,
  RealtimeKitArgumentError,
  RealtimeKitConnectionError,
  RealtimeKitError,
  RealtimeKitTimeoutError,
  redact,
} from "./errors.js";

/** The whole call's clock: a signal that fires when `ms` have passed since the call began. */
export interface Deadline {
  readonly ms: number;
  readonly signal: AbortSignal;
  clear(): void;
}

/** What an attempt runs under. */
export interface Clocks {
  operation: string;
  timeoutMs: number;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  deadline: Deadline | undefined;
  secrets: readonly string[];
}

export interface Answer {
  response: Response;
  /** The body as text, when the attempt was asked to read it. */
  text: string | undefined;
}

export function startDeadline(ms: number | undefined): Deadline | undefined {
  if (ms === undefined) return undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  return { ms, signal: controller.signal, clear: () => clearTimeout(timer) };
}

/**
 * Sends `request` and waits for the answer: with `read`, until its whole body is read as text;
 * without, until its headers (the body is then the caller's to read, under `clocks.signal`).
 * Redirects are not followed unless `init.redirect` says so. Rejects only with a
 * RealtimeKitError, and leaves no timer behind; the timeout, the deadline and the caller's
 * signal hold even against a fetch, or a body, that ignores the signal.
 */
export async function attempt(
  fetch: (request: Request) => Promise<Response>,
  url: string,
  init: { method: string; headers?: Record<string, string>; redirect?: RequestRedirect },
  clocks: Clocks,
  attempts: number,
  read: boolean,
): Promise<Answer> {
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(), clocks.timeoutMs);
  const others = [clocks.signal, clocks.deadline?.signal].filter((signal) => signal !== undefined);
  // AbortSignal.any is not free: join only when there is something to join.
  const signal = others.length === 0 ? timer.signal : AbortSignal.any([timer.signal, ...others]);
  try {
    const response: unknown = await within(fetch(new Request(url, { redirect: "manual", ...init, signal })), signal);
    if (!isResponse(response)) {
      throw new RealtimeKitArgumentError("fetch", "fetch must resolve to a Response");
    }
    return { response, text: read ? await within(response.text(), signal) : undefined };
  } catch (cause) {
    throw failureOf(clocks, cause, attempts, timer.signal.aborted);
  } finally {
    clearTimeout(timeout);
  }
}

/**
 * Why no answer came, as the error to throw: the caller's abort, the deadline, the attempt's
 * timer (`timedOut`), or else the connection.
 */
export function failureOf(clocks: Clocks, cause: unknown, attempts: number, timedOut: boolean): RealtimeKitError {
  if (cause instanceof RealtimeKitError) return cause;
  const { operation } = clocks;
  if (clocks.signal?.aborted) return aborted(operation, clocks.signal, attempts);
  if (clocks.deadline?.signal.aborted) {
    return new RealtimeKitTimeoutError(`${operation}: no answer within the deadline of ${clocks.deadline.ms} ms`, {
      attempts,
    });
  }
  if (timedOut) {
    return new RealtimeKitTimeoutError(`${operation}: no complete answer within ${clocks.timeoutMs} ms`, { attempts });
  }
  const refused = permissionRefused(cause);
  return new RealtimeKitConnectionError(`${operation}: ${redact(refused ?? describeCause(cause), clocks.secrets)}`, {
    cause: causeWithoutSecrets(cause, clocks.secrets),
    attempts,
  });
}

/**
 * What the runtime refused, when it refused the request itself (Deno without `--allow-net`):
 * no retry changes that.
 */
export function permissionRefused(cause: unknown): string | undefined {
  const name = (cause as { name?: unknown } | undefined)?.name;
  if (name !== "NotCapable" && name !== "PermissionDenied") return undefined;
  return `the runtime refused network access (--allow-net): ${(cause as Error).message}`;
}

/**
 * `promise`, or the signal's reason as soon as `signal` aborts: a fetch or a body that ignores
 * its signal cannot outlive it.
 */
export function within<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** A Response, from this realm or any other (a polyfill's, a test double's): judged by shape. */
function isResponse(value: unknown): value is Response {
  const shaped = value as Partial<Response> | null | undefined;
  return (
    typeof shaped?.status === "number" && typeof shaped.headers?.get === "function" && typeof shaped.text === "function"
  );
}

export function aborted(operation: string, signal: AbortSignal | undefined, attempts: number): RealtimeKitAbortError {
  return new RealtimeKitAbortError(`${operation}: aborted by the caller's signal`, { cause: signal?.reason, attempts });
}

/** Resolves after `ms`, or rejects as soon as one of `signals` fires; leaves no timer behind either way. */
export function sleep(ms: number, signals: (AbortSignal | undefined)[]): Promise<void> {
  const signal = AbortSignal.any(signals.filter((candidate) => candidate !== undefined));
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function describeCause(cause: unknown): string {
  // fetch rejects with "fetch failed"; the reason (ECONNRESET, ECONNREFUSED, ...) is its cause.
  const inner = (cause as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const detail = inner?.code ?? inner?.message ?? (cause instanceof Error ? cause.message : String(cause));
  return `the connection failed (${detail})`;
}
