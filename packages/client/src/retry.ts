import {
  createApiError,
  RealtimeKitAbortError,
  RealtimeKitConnectionError,
  type RealtimeKitError,
  RealtimeKitTimeoutError,
  redact,
} from "./errors.js";

export interface RetryPolicy {
  retries: number;
  timeoutMs: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  signal: AbortSignal | undefined;
}

/**
 * What a method makes of a 2xx answer's body: the value it resolves to, or a refusal, with
 * the reason when there is one more precise than "not a success envelope".
 */
export type Accepted<T> = { value: T } | { problem?: string | undefined };

/** What openapi-fetch gives back for one request read as text. */
export interface Answer {
  data?: string;
  error?: unknown;
  response: Response;
}

/**
 * Makes `attempt` until it yields an answer `accept` takes, or a failure that is final: a
 * status other than 408, 429 or 5xx (but 501), or `policy.retries` retries spent. Each attempt
 * builds a new request and gets its own timeout, joined to the caller's signal; waits between
 * attempts follow `Retry-After` or an exponential backoff with jitter, never above
 * `maxRetryDelayMs`. Timers and listeners are always cleared before this settles.
 */
export async function withRetries<T>(
  operation: string,
  policy: RetryPolicy,
  secrets: readonly string[],
  attempt: (signal: AbortSignal) => Promise<Answer>,
  accept: (text: string | undefined) => Accepted<T>,
): Promise<T> {
  const { signal: caller, timeoutMs } = policy;
  for (let attempts = 1; ; attempts++) {
    if (caller?.aborted) throw aborted(operation, caller, Math.max(1, attempts - 1));
    const controller = new AbortController();
    const onAbort = () => controller.abort(caller?.reason);
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    caller?.addEventListener("abort", onAbort, { once: true });
    let failure: RealtimeKitError;
    let response: Response | undefined;
    try {
      const answer = await attempt(controller.signal);
      response = answer.response;
      const accepted = response.ok ? accept(answer.data) : undefined;
      if (accepted && "value" in accepted) return accepted.value;
      failure = createApiError(
        operation,
        response,
        response.ok ? parseLoosely(answer.data) : answer.error,
        secrets,
        attempts,
        accepted?.problem,
      );
    } catch (cause) {
      if (caller?.aborted) throw aborted(operation, caller, attempts);
      failure = controller.signal.aborted
        ? new RealtimeKitTimeoutError(`${operation}: no complete answer within ${timeoutMs} ms`, { attempts })
        : new RealtimeKitConnectionError(`${operation}: ${redact(describeCause(cause), secrets)}`, { cause, attempts });
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onAbort);
    }
    const retryable = response ? RETRYABLE_STATUS(response.status) : true;
    if (!retryable || attempts > policy.retries) throw failure;
    try {
      await sleep(retryDelay(attempts, response, policy), caller);
    } catch {
      throw aborted(operation, caller, attempts);
    }
  }
}

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 429 || (status >= 500 && status !== 501);

/** How long to wait before attempt `attempts + 1`: what the server asked for, or a backoff. */
function retryDelay(attempts: number, response: Response | undefined, policy: RetryPolicy): number {
  const asked = retryAfterMs(response?.headers);
  const backoff = policy.retryDelayMs * 2 ** (attempts - 1) * (0.5 + Math.random() / 2);
  return Math.min(asked ?? backoff, policy.maxRetryDelayMs);
}

/** `retry-after-ms`, or `Retry-After` in seconds or as an HTTP date, in milliseconds. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Resolves after `ms`, or rejects as soon as `signal` fires; leaves no timer behind either way. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
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
}

export function aborted(operation: string, signal: AbortSignal | undefined, attempts: number): RealtimeKitAbortError {
  return new RealtimeKitAbortError(`${operation}: aborted by the caller's signal`, { cause: signal?.reason, attempts });
}

function describeCause(cause: unknown): string {
  // fetch rejects with "fetch failed"; the reason (ECONNRESET, ECONNREFUSED, ...) is its cause.
  const inner = (cause as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const detail = inner?.code ?? inner?.message ?? (cause instanceof Error ? cause.message : String(cause));
  return `the connection failed (${detail})`;
}

/** JSON when `text` is JSON, else `text` itself, so an error can say what came back. */
export function parseLoosely(text: string | undefined): unknown {
  if (text === undefined || text === "") return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
