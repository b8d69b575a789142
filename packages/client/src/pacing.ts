// Paces a job's requests to the API's rate limit, from what the answers say about it:
// `Ratelimit` (requests left, seconds to the reset), `Ratelimit-Policy` (the quota per window)
// and, after a 429, `Retry-After`. It sends as fast as the window allows, but never more than
// `maxShare` of a window's quota, so that other clients of the same token (the production app)
// keep the rest; and it never waits on a header that contradicts the answers it came with.
//
// A separate entry point, `@realtimekit-sessions/client/pacing`: the client only knows the
// `Pacer` hook, which it calls before an attempt's timer starts, so waiting for a turn is never
// taken for a slow answer.
import { refusal, whole } from "./arguments.js";
import { sleep } from "./attempt.js";
import type { Pacer } from "./options.js";
import { rateLimitOf, retryAfterMs } from "./rate-limit.js";

export type { Pacer } from "./options.js";

/** Time as the pacer reads and waits for it: the system's by default, a virtual one in tests. */
export interface PacerClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** A wait the pacer starts, as `onWait` hears of it: once per window it waits for, not per request. */
export interface PacerWait {
  /** How long, in milliseconds. */
  ms: number;
  /** `refused`: the API answered 429; `spent`: the window's allowance (or this job's share of it) is used. */
  reason: "refused" | "spent";
}

/** What `createPacer()` takes: every option has a default. */
export interface PacerOptions {
  /**
   * Most requests in flight at once, across every client the pacer is given to.
   * @default 8
   */
  concurrency?: number | undefined;
  /**
   * Most of a window's quota this job may use, above 0 and at most 1: the rest is left to other
   * clients of the same token, such as the production app.
   * @default 0.8
   */
  maxShare?: number | undefined;
  /** Ends every wait, and refuses every turn after it: the job's own stop (Ctrl-C). */
  signal?: AbortSignal | undefined;
  /** Hears of each wait for a window, to tell a person (a job that waits minutes should say so). */
  onWait?: ((wait: PacerWait) => void) | undefined;
  /** @default the system's clock */
  clock?: PacerClock | undefined;
}

/** A pacer of the API's rate limit, to give to every client of one job (`{ pacer }`). */
export interface RateLimitPacer extends Pacer {
  /** Turns granted (requests sent to the API), and how many of them were answered 429. */
  readonly stats: { readonly requests: number; readonly limited: number };
}

/** How long to wait when nothing says when to try again (a 429 without a reset). */
export const FALLBACK_WAIT_MS = 1_000;
/** The longest wait any header can cause; past it, one request asks again. */
export const MAX_WAIT_MS = 300_000;
// Quotas and windows beyond these are not a policy but a broken header: treated as unknown.
const MAX_QUOTA = 1_000_000;
const MAX_WINDOW_S = 24 * 60 * 60;

const SYSTEM_CLOCK: PacerClock = { now: () => Date.now(), sleep: (ms, signal) => sleep(ms, [signal]) };

/**
 * A pacer for the requests of one job (a backfill, a nightly sync, an export): give it to the
 * client as `{ pacer }`. Requests wait for their turn before their `timeoutMs` starts, and each
 * answer updates the pace. Requests to the storage host of a download are not paced.
 *
 * @example
 * const pacer = createPacer({ maxShare: 0.5, onWait: ({ ms }) => console.error(`waiting ${ms} ms`) });
 * const client = createSessionsClient({ pacer });
 */
export function createPacer(options: PacerOptions = {}): RateLimitPacer {
  const concurrency = whole("concurrency", options.concurrency, 8, 1);
  const maxShare = options.maxShare ?? 0.8;
  if (!(maxShare > 0 && maxShare <= 1)) throw refusal("maxShare", "a number above 0 and at most 1", maxShare);
  const { clock = SYSTEM_CLOCK, onWait, signal: stop } = options;
  const stats = { requests: 0, limited: 0 };
  /** Requests per window, once a sane `Ratelimit-Policy` said so. */
  let quota: number | undefined;
  let inFlight = 0;
  // The current window. Answers to requests sent in an earlier one say nothing about it.
  let epoch = 0;
  let window = newWindow();
  /** The API reports no limit at all: nothing to pace but the concurrency ceiling. */
  let unlimited = false;
  /** The end of the window whose wait `onWait` last heard of. */
  let announced: number | undefined;
  let changed = signalled();
  const wakeAll = () => {
    changed.resolve();
    changed = signalled();
  };
  stop?.addEventListener("abort", wakeAll, { once: true });

  function newWindow() {
    return {
      end: undefined as number | undefined,
      remaining: quota,
      sent: 0,
      inFlight: 0,
      refused: false,
    };
  }

  /** 0 to send now, a wait in milliseconds, or undefined to wait for an answer. */
  const waitMs = (now: number): number | undefined => {
    if (inFlight >= concurrency) return undefined;
    if (unlimited) return 0;
    const budget = quota === undefined ? Number.POSITIVE_INFINITY : Math.floor(quota * maxShare) - window.sent;
    // Until an answer says how much is left, one request at a time finds out.
    const available =
      window.remaining === undefined ? (window.inFlight === 0 ? 1 : 0) : window.remaining - window.inFlight;
    if (Math.min(budget, available) > 0) return 0;
    if (window.end !== undefined) return Math.min(window.end - now, MAX_WAIT_MS);
    if (window.inFlight > 0) return undefined;
    // This job's share is spent, and nothing says until when: ask again after a while.
    window.end = now + FALLBACK_WAIT_MS;
    return FALLBACK_WAIT_MS;
  };

  /** Waits for a turn; resolves with the window the request goes out in. */
  const acquire = async (signal: AbortSignal | undefined): Promise<number> => {
    for (;;) {
      stop?.throwIfAborted();
      signal?.throwIfAborted();
      const now = clock.now();
      if (window.end !== undefined && now >= window.end) {
        epoch++;
        window = newWindow();
      }
      const wait = waitMs(now);
      if (wait === 0) {
        inFlight++;
        window.inFlight++;
        window.sent++;
        stats.requests++;
        return epoch;
      }
      if (wait !== undefined && window.end !== announced) {
        announced = window.end;
        onWait?.({ ms: wait, reason: window.refused ? "refused" : "spent" });
      }
      await wake(changed.promise, wait, signal);
    }
  };

  /** Resolves when `changed` fires, `ms` have passed or `signal` aborts; leaves no listener or timer. */
  const wake = async (changed: Promise<void>, ms: number | undefined, signal: AbortSignal | undefined) => {
    const sleeping = new AbortController();
    const end = () => sleeping.abort();
    signal?.addEventListener("abort", end);
    const ended = new Promise<void>((resolve) => sleeping.signal.addEventListener("abort", () => resolve()));
    try {
      await Promise.race([changed, ended, ms === undefined ? ended : clock.sleep(ms, sleeping.signal).catch(() => {})]);
    } finally {
      signal?.removeEventListener("abort", end);
      end();
    }
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
      window.refused = true;
      unlimited = false;
      return;
    }
    if (sentIn !== epoch) return;
    // An answer that went through is evidence of allowance: nothing left and a reset that is
    // not in the future contradicts it, so it says nothing (seen: `r=0;t=0` on every 200).
    if (!limit || (limit.remaining === 0 && limit.reset === 0)) {
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
    async turn(signal) {
      const sentIn = await acquire(signal);
      let recorded = false;
      return (response) => {
        if (recorded) return;
        recorded = true;
        inFlight--;
        if (sentIn === epoch) window.inFlight--;
        if (response) learn(sentIn, response);
        wakeAll();
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
