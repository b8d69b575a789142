// The rate-limit state an answer reports, from the headers of the IETF rate-limit draft that
// Cloudflare's API sends on every answer:
//   Ratelimit: "default";r=50;t=30        (name; requests remaining; seconds to reset)
//   Ratelimit-Policy: "burst";q=100;w=60  (name; quota; window in seconds)

/** Where the caller stands against the API's rate limit, as of one answer. */
export interface RateLimit {
  /** Requests left in the current window. */
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
  /** Requests allowed in a window, when the answer says. */
  limit: number | undefined;
  /** Length of the window in seconds, when the answer says. */
  window: number | undefined;
}

/** The rate-limit state in `headers`, or undefined when they carry none. Of several limits, the one with the fewest requests left. */
export function rateLimitOf(headers: Headers): RateLimit | undefined {
  const limits = items(headers.get("ratelimit")).filter((item) => item.r !== undefined);
  if (limits.length === 0) return undefined;
  const tightest = limits.reduce((low, item) => ((item.r ?? 0) < (low.r ?? 0) ? item : low));
  const policies = items(headers.get("ratelimit-policy"));
  const policy = policies.find((item) => item.name === tightest.name) ?? policies[0];
  return { remaining: tightest.r ?? 0, reset: tightest.t ?? 0, limit: policy?.q, window: policy?.w };
}

interface Item {
  name: string;
  r?: number;
  t?: number;
  q?: number;
  w?: number;
}

/** `"default";r=50;t=30, "burst";r=2;t=1` as `[{ name: "default", r: 50, t: 30 }, ...]`. */
function items(value: string | null): Item[] {
  if (!value) return [];
  return value.split(",").map((item) => {
    const [name = "", ...parameters] = item.split(";").map((part) => part.trim());
    const numbers: Record<string, number> = {};
    for (const parameter of parameters) {
      const [key = "", number] = parameter.split("=");
      if (number !== undefined && Number.isFinite(Number(number))) numbers[key] = Number(number);
    }
    return { ...numbers, name: name.replace(/"/g, "") };
  });
}

/** `retry-after-ms`, or `Retry-After` in seconds or as an HTTP date, in milliseconds. */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const wait = Number.isFinite(Number(value)) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(wait) ? undefined : Math.max(0, wait);
}
