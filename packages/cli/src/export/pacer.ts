// Paces the export's requests to the API's rate limit, from what the answers say about it:
// `Ratelimit` (requests left, seconds to the reset), `Ratelimit-Policy` (the quota per window)
// and, after a 429, `Retry-After`. It sends as fast as the window allows, but never more than
// `maxShare` of a window's quota, so that other clients of the same token (the production app)
// keep the rest; and it never waits on a header that makes no sense.
import { rateLimitOf, retryAfterMs } from "@realtimekit-sessions/client/raw";
import type { Clock } from "../io.js";

export interface PacerOptions {
  /** Most requests in flight at once. */
  concurrency: number;
  /** Most of a window's quota this run may use, above 0 and at most 1. */
  maxShare: number;
  /** Only requests to URLs under this prefix are paced: the API's, not the storage host's. */
  apiBase: string;
  clock: Clock;
  /** Stops every wait. */
  signal: AbortSignal;
  /**
   * How long a request may take once it is sent. The client's own timer cannot be it: it also
   * runs while a request waits here for its turn, which can be most of a window.
   */
  timeoutMs: number;
}

export interface Pacer {
  /** Wraps a fetch so that each request waits for its turn and each answer updates the pace. */
  wrap(fetch: (request: Request) => Promise<Response>): (request: Request) => Promise<Response>;
  /** API requests sent, and how many of them were answered 429. */
  readonly stats: { requests: number; limited: number };
}

/** How long to wait when nothing says when to try again (a 429 without a reset, r=0;t=0). */
export const FALLBACK_WAIT_MS = 1_000;
/** The longest wait any header can cause; past it, one request asks again. */
export const MAX_WAIT_MS = 5 * 60_000;
// Quotas and windows beyond these are not a policy but a broken header: treated as unknown.
const MAX_QUOTA = 1_000_000;
const MAX_WINDOW_S = 24 * 60 * 60;

export function createPacer(options: PacerOptions): Pacer {
  const { clock, signal } = options;
  const stats = { requests: 0, limited: 0 };
  /** Requests per window, once a sane `Ratelimit-Policy` said so. */
  let quota: number | undefined;
  let inFlight = 0;
  // The current window. Answers to requests sent in an earlier one say nothing about it.
  let epoch = 0;
  let window = {
    end: undefined as number | undefined,
    remaining: undefined as number | undefined,
    sent: 0,
    inFlight: 0,
  };
  /** The API reports no limit at all: nothing to pace but the concurrency ceiling. */
  let unlimited = false;
  let changed = signalled();
  // An interrupt wakes every wait, which then sees the signal.
  signal.addEventListener("abort", () => changed.resolve(), { once: true });

  const roll = () => {
    epoch++;
    window = { end: undefined, remaining: quota, sent: 0, inFlight: 0 };
  };

  /** 0 to send now, a wait in milliseconds, or undefined to wait for an answer. */
  const waitMs = (now: number): number | undefined => {
    if (inFlight >= options.concurrency) return undefined;
    if (unlimited) return 0;
    const budget = quota === undefined ? Number.POSITIVE_INFINITY : Math.floor(quota * options.maxShare) - window.sent;
    // Until an answer says how much is left, one request at a time finds out.
    const available =
      window.remaining === undefined ? (window.inFlight === 0 ? 1 : 0) : window.remaining - window.inFlight;
    if (Math.min(budget, available) > 0) return 0;
    if (window.end !== undefined) return Math.min(window.end - now, MAX_WAIT_MS);
    if (window.inFlight > 0) return undefined;
    // Spent, and nothing says until when: try again after a while.
    window.end = now + FALLBACK_WAIT_MS;
    return FALLBACK_WAIT_MS;
  };

  /** Waits for a turn; resolves with the window the request goes out in. */
  const acquire = async (): Promise<number> => {
    for (;;) {
      signal.throwIfAborted();
      const now = clock.now();
      if (window.end !== undefined && now >= window.end) roll();
      const wait = waitMs(now);
      if (wait === 0) {
        inFlight++;
        window.inFlight++;
        window.sent++;
        stats.requests++;
        return epoch;
      }
      const next = changed.promise;
      if (wait === undefined) {
        await next;
        continue;
      }
      const sleeping = new AbortController();
      try {
        await Promise.race([next, clock.sleep(wait, sleeping.signal).catch(() => {})]);
      } finally {
        sleeping.abort();
      }
    }
  };

  const record = (sentIn: number, response: Response | undefined) => {
    inFlight--;
    if (sentIn === epoch) window.inFlight--;
    if (response) learn(sentIn, response);
    changed.resolve();
    changed = signalled();
  };

  const learn = (sentIn: number, response: Response) => {
    const now = clock.now();
    const limit = sane(rateLimitOf(response.headers));
    if (limit?.limit !== undefined && limit.window !== undefined) quota = limit.limit;
    if (response.status === 429) {
      stats.limited++;
      // The server refuses now, whatever window the request was sent in.
      const wait = retryAfterMs(response.headers) ?? (limit?.reset ? limit.reset * 1000 : FALLBACK_WAIT_MS);
      window.remaining = 0;
      window.end = now + Math.min(Math.max(wait, 1), MAX_WAIT_MS);
      unlimited = false;
      return;
    }
    if (sentIn !== epoch) return;
    if (!limit) {
      if (window.remaining === undefined) unlimited = true;
      return;
    }
    unlimited = false;
    window.remaining = Math.min(window.remaining ?? Number.POSITIVE_INFINITY, limit.remaining);
    // The earliest reset any answer reported: each rounds up to whole seconds, so the earliest is the closest.
    if (limit.reset > 0)
      window.end = Math.min(window.end ?? Number.POSITIVE_INFINITY, now + Math.min(limit.reset * 1000, MAX_WAIT_MS));
  };

  return {
    stats,
    wrap(fetch) {
      return async (request) => {
        if (!request.url.startsWith(options.apiBase)) return fetch(request);
        const sentIn = await acquire();
        let response: Response | undefined;
        try {
          const timeout = AbortSignal.timeout(options.timeoutMs);
          response = await fetch(new Request(request, { signal: AbortSignal.any([request.signal, timeout]) }));
          return response;
        } finally {
          record(sentIn, response);
        }
      };
    },
  };
}

/** The limits an answer reports, without values no real policy has. */
function sane(limit: ReturnType<typeof rateLimitOf>) {
  if (!limit || !(limit.remaining >= 0 && limit.remaining <= MAX_QUOTA)) return undefined;
  const reset = limit.reset >= 0 && limit.reset <= MAX_WINDOW_S ? limit.reset : 0;
  const policy =
    limit.limit !== undefined &&
    limit.limit >= 1 &&
    limit.limit <= MAX_QUOTA &&
    limit.window !== undefined &&
    limit.window > 0 &&
    limit.window <= MAX_WINDOW_S;
  return {
    remaining: limit.remaining,
    reset,
    limit: policy ? limit.limit : undefined,
    window: policy ? limit.window : undefined,
  };
}

/** A promise and its resolve (Promise.withResolvers, which Node.js 20 lacks). */
function signalled(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
