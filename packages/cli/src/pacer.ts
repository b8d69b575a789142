// Paces requests to the API's rate limit, from what every answer says about it: `Ratelimit`
// (requests left, seconds to the reset) and, after a 429, `Retry-After`. Requests go out as
// fast as the allowance left in the window permits, and wait for the reset once it is spent,
// so that a long export runs close to the allowance without asking for 429s.
import { rateLimitOf, retryAfterMs } from "@realtimekit-sessions/client/raw";

export interface Pacer {
  /** Wraps a fetch so that each request waits for its turn and each answer updates the pace. */
  wrap(fetch: (request: Request) => Promise<Response>): (request: Request) => Promise<Response>;
  /** Requests sent, and how many of them were answered 429. */
  readonly stats: { requests: number; limited: number };
}

export function createPacer(options: { concurrency: number }): Pacer {
  // Until an answer says how much is left, one request at a time finds out: a run that starts
  // just after another one spent the window must not send a whole burst into it.
  let remaining = 1;
  let resetAt = 0;
  /** Requests per window, once an answer's `Ratelimit-Policy` says. */
  let allowance: number | undefined;
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const stats = { requests: 0, limited: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Lets waiting requests go while the window and the concurrency ceiling allow. */
  function release(): void {
    const now = Date.now();
    // A new window: the whole allowance, when known; otherwise one request to learn it.
    if (resetAt > 0 && now >= resetAt) {
      remaining = allowance ?? inFlight + 1;
      resetAt = 0;
    }
    while (waiting.length > 0 && inFlight < options.concurrency && remaining - inFlight > 0) {
      inFlight++;
      waiting.shift()?.();
    }
    // Spent: wait for the reset the last answer announced (an answer in flight may come first).
    if (waiting.length > 0 && remaining - inFlight <= 0 && resetAt > now && !timer) {
      timer = setTimeout(
        () => {
          timer = undefined;
          release();
        },
        Math.max(1, resetAt - now),
      );
    }
  }

  return {
    stats,
    wrap(fetch) {
      return async (request) => {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          release();
        });
        stats.requests++;
        try {
          const response = await fetch(request);
          const limit = rateLimitOf(response.headers);
          if (limit?.limit !== undefined) allowance = limit.limit;
          if (response.status === 429) {
            stats.limited++;
            remaining = 0;
            resetAt = Date.now() + (retryAfterMs(response.headers) ?? (limit?.reset ?? 1) * 1000);
          } else if (limit) {
            // The answer counts itself; requests still in flight will count the rest.
            remaining = limit.remaining;
            resetAt = Date.now() + limit.reset * 1000;
          } else if (remaining !== Number.POSITIVE_INFINITY) {
            // An API that reports no limit: nothing to pace but the concurrency ceiling.
            remaining = Number.POSITIVE_INFINITY;
          }
          return response;
        } finally {
          inFlight--;
          release();
        }
      };
    },
  };
}
