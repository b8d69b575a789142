// A request allowance per window, with the headers Cloudflare's API sends: `Ratelimit` and
// `Ratelimit-Policy` on every answer (IETF draft rate-limit headers), `Retry-After` on a 429.

/** The fake's request allowance (`createFakeApi({ rateLimit })`): so many requests a window. */
export interface RateLimitOptions {
  /** Requests allowed per window. */
  requests: number;
  /** Length of the window, in milliseconds. */
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export interface RateLimiter {
  /** Counts one request (unless refused) and says whether it may go on. */
  take(): RateLimitDecision;
}

export function createRateLimiter({ requests, windowMs }: RateLimitOptions): RateLimiter {
  if (!Number.isInteger(requests) || requests < 1) {
    throw new TypeError(`createFakeApi(): rateLimit.requests must be a whole number above 0, not ${requests}`);
  }
  if (!Number.isInteger(windowMs) || windowMs < 1) {
    throw new TypeError(`createFakeApi(): rateLimit.windowMs must be a whole number above 0, not ${windowMs}`);
  }
  const policy = `"default";q=${requests};w=${Math.ceil(windowMs / 1_000)}`;
  let windowStart = Number.NEGATIVE_INFINITY;
  let used = 0;
  return {
    take() {
      const now = Date.now();
      if (now >= windowStart + windowMs) {
        windowStart = now;
        used = 0;
      }
      const allowed = used < requests;
      if (allowed) used++;
      const resetSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1_000));
      return {
        allowed,
        headers: {
          ratelimit: `"default";r=${requests - used};t=${resetSeconds}`,
          "ratelimit-policy": policy,
          ...(allowed ? {} : { "retry-after": String(resetSeconds) }),
        },
      };
    },
  };
}
