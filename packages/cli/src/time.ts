// Times as every flag takes them: ISO 8601, or relative to the command's clock (`30d`, `2w`,
// `12h`, `today`, `yesterday`, `now`). All resolve in UTC, and a relative time is echoed with
// what it resolved to, so the period is never in doubt.
import { UsageError } from "./errors.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const UNITS_MS = { h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS } as const;
const RELATIVE_RE = /^(\d{1,6})(h|d|w)$/;
const ISO_RE = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(Z|[+-]\d\d:?\d\d)?)?$/i;
/** The latest time JavaScript's Date can hold, either side of the epoch. */
const MAX_MS = 8.64e15;

/** A time a flag was given, resolved. */
export interface ResolvedTime {
  /** ISO 8601, UTC. */
  iso: string;
  ms: number;
  /** As the flag was given. */
  given: string;
  /** Relative to the clock (`30d`, `yesterday`), rather than a written time. */
  relative: boolean;
}

/**
 * `value` of `flag` as a time: ISO 8601 (a date is its midnight UTC; a time without an offset
 * is UTC), `<n>h`, `<n>d` or `<n>w` before `now`, `today` or `yesterday` (their midnight UTC),
 * or `now`. Anything else is a `UsageError` that shows what is taken.
 */
export function timeOf(flag: string, value: string, now: number): ResolvedTime {
  const given = value.trim();
  const word = given.toLowerCase();
  const midnight = Math.floor(now / DAY_MS) * DAY_MS;
  let ms = Number.NaN;
  let relative = true;
  const [, amount, unit] = RELATIVE_RE.exec(word) ?? [];
  if (word === "now") ms = now;
  else if (word === "today") ms = midnight;
  else if (word === "yesterday") ms = midnight - DAY_MS;
  else if (amount !== undefined && unit !== undefined)
    ms = now - Number(amount) * UNITS_MS[unit as keyof typeof UNITS_MS];
  else {
    relative = false;
    const match = ISO_RE.exec(given);
    if (match) {
      const written = given.replace(" ", "T");
      // A date alone is UTC to Date.parse already; a time without an offset would be local.
      ms = Date.parse(written.length > 10 && match[1] === undefined ? `${written}Z` : written);
    }
  }
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_MS) {
    throw new UsageError(
      `${flag} takes an ISO 8601 time (2026-11-01, 2026-11-01T09:00:00Z) or a time before now (12h, 30d, 2w, today, yesterday), not ${value}.`,
    );
  }
  return { iso: new Date(ms).toISOString(), ms, given, relative };
}

/** `--from 30d is 2026-11-06T09:00:00.000Z (UTC)`: said for each relative time, none for a written one. */
export function echoOf(flag: string, time: ResolvedTime | undefined): string | undefined {
  return time?.relative ? `${flag} ${time.given} is ${time.iso} (UTC).` : undefined;
}

/** `from` and `to` checked to be in order. */
export function periodOf(
  from: ResolvedTime | undefined,
  to: ResolvedTime | undefined,
  flags: [string, string] = ["--from", "--to"],
): void {
  if (from && to && from.ms >= to.ms) {
    throw new UsageError(`${flags[0]} ${from.given} (${from.iso}) is not before ${flags[1]} ${to.given} (${to.iso}).`);
  }
}
