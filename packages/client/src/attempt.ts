// One request and its answer: the single place where the caller's signal, the call's deadline
// and the attempt's timer are joined, and where a failure to get an answer is classified.
import { refusal } from "./arguments.js";
import {
  causeWithoutSecrets,
  RealtimeKitAbortError,
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

/** What an attempt runs under: its call's operation, timeout, signal, deadline and secrets. */
export interface AttemptPolicy {
  operation: string;
  timeoutMs: number;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  deadline?: Deadline | undefined;
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

/** The signals given, joined: undefined when none is, the signal itself when one is. */
export function anyOf(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const given = signals.filter((signal) => signal) as AbortSignal[];
  // AbortSignal.any is not free: join only when there is something to join.
  return given[1] ? AbortSignal.any(given) : given[0];
}

/**
 * Sends `url` with `init` and waits for the answer: with `read`, until its whole body is read as
 * text; without, until its headers (the body is then the caller's to read, under
 * `attemptPolicy.signal`). `fetch` is the caller's, given a Request; without one, the global fetch is
 * called with the URL, which spares building a Request it would build again. Redirects are not
 * followed unless `init.redirect` says so. Rejects only with a RealtimeKitError, and leaves no
 * timer behind; the timeout, the deadline and the caller's signal hold even against a fetch, or
 * a body, that ignores the signal.
 */
export function attempt(
  fetch: ((request: Request) => Promise<Response>) | undefined,
  url: string,
  init: { method: string; headers: Record<string, string>; redirect?: RequestRedirect },
  attemptPolicy: AttemptPolicy,
  attempts: number,
  read: boolean,
): Promise<Answer> {
  const timer = new AbortController();
  const signal = anyOf([timer.signal, attemptPolicy.signal, attemptPolicy.deadline?.signal]) as AbortSignal;
  const request = { redirect: "manual", ...init, signal } as const;
  // One promise, settled by whichever comes first: the answer, the attempt's own timer, or the
  // caller's signal or deadline. Every call takes this path: it awaits nothing of its own.
  return new Promise<Answer>((resolve, reject) => {
    const fail = (cause?: unknown) => {
      clearTimeout(timeout);
      reject(failureOf(attemptPolicy, cause, attempts, timer.signal.aborted));
    };
    const timeout = setTimeout(() => {
      timer.abort();
      // failureOf() tells a timeout by the timer's signal: no reason to carry.
      fail();
    }, attemptPolicy.timeoutMs);
    // Nothing is sent once the caller has given up.
    if (signal.aborted) return fail(signal.reason);
    const answer = (async () => {
      const response: unknown = await (fetch ? fetch(new Request(url, request)) : globalThis.fetch(url, request));
      if (!isResponse(response)) throw refusal("fetch", "a function resolving to a Response");
      return { response, text: read ? await response.text() : undefined };
    })();
    // The attempt's own timer settles it directly, with no listener to add and remove on the
    // hot path. A caller's signal or a deadline settles it through the signal joined for this
    // attempt alone, so that a fetch that never settles leaves no listener on the caller's.
    within(answer, signal === timer.signal ? undefined : signal).then((value) => {
      clearTimeout(timeout);
      resolve(value);
    }, fail);
  });
}

/**
 * Why no answer came, as the error to throw: the caller's abort, the deadline, the attempt's
 * timer (`timedOut`), or else the connection.
 */
export function failureOf(
  attemptPolicy: AttemptPolicy,
  cause: unknown,
  attempts: number,
  timedOut: boolean,
): RealtimeKitError {
  if (cause instanceof RealtimeKitError) return cause;
  const { operation } = attemptPolicy;
  if (attemptPolicy.signal?.aborted) return aborted(operation, attemptPolicy.signal, attempts);
  const deadline = attemptPolicy.deadline?.signal.aborted;
  if (deadline || timedOut) {
    return new RealtimeKitTimeoutError(
      `${operation}: no complete answer within ${deadline ? `the deadline of ${attemptPolicy.deadline?.ms}` : attemptPolicy.timeoutMs} ms`,
      { attempts },
    );
  }
  return new RealtimeKitConnectionError(`${operation}: ${redact(describeCause(cause), attemptPolicy.secrets)}`, {
    cause: causeWithoutSecrets(cause, attemptPolicy.secrets),
    attempts,
  });
}

/**
 * Whether the runtime refused the request itself (Deno without `--allow-net`): no retry changes
 * that. Its message, which names the permission, is the failure's.
 */
export function permissionRefused(cause: unknown): boolean {
  return /^(NotCapable|PermissionDenied)$/.test(String((cause as Error | undefined)?.name));
}

/**
 * `promise`, or the signal's reason as soon as `signal` aborts: a fetch, a body or a timer that
 * ignores its signal cannot outlive it. Without a signal, `promise` itself.
 */
export function within<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    if (signal.aborted) return stop();
    // Gone once it fires, since `promise` may then never settle (a timer cleared on abort).
    signal.addEventListener("abort", stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
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
export async function sleep(ms: number, signals: (AbortSignal | undefined)[]): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await within(
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
      anyOf(signals),
    );
  } finally {
    clearTimeout(timer);
  }
}

function describeCause(cause: unknown): string {
  // fetch rejects with "fetch failed"; the reason (ECONNRESET, ECONNREFUSED, ...) is its cause.
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const detail = inner?.code ?? inner?.message ?? (cause as { message?: unknown } | undefined)?.message ?? cause;
  return `the connection failed (${typeof detail === "string" ? detail : typeof detail})`;
}
