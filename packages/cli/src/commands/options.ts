// Flag values the commands share: numbers in bounds, and the list filters of `sessions list`
// and `export`. A value out of bounds is refused before anything is sent, with what is allowed.
import { type Command, InvalidArgumentError, Option, type OptionValues } from "@commander-js/extra-typings";
import type { ListSessionsQuery } from "@realtimekit-sessions/client";
import type { GlobalOptions } from "../context.js";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { note } from "../output.js";
import { echoOf, type ResolvedTime, timeOf } from "../time.js";

/** What a module that adds commands is given: the program, or a command group. */
export type Parent = Pick<Command, "command">;

/** The global flags each command uses, when not all of them: the rest it refuses (`refuseUnused`). */
const USES = new WeakMap<object, ReadonlySet<keyof GlobalOptions>>();

/** Declares the only global flags `command` uses; given any other, it stops before doing anything. */
export function uses(command: object, flags: readonly (keyof GlobalOptions)[]): void {
  USES.set(command, new Set(flags));
}

const FLAG_NAMES: Record<keyof GlobalOptions, string> = {
  token: "--token",
  account: "--account",
  app: "--app",
  baseUrl: "--base-url",
  timeout: "--timeout",
  json: "--json",
  verbose: "--verbose",
  fake: "--fake",
};

/** The global flags given that `command` does not use: none for a command that uses them all. */
export function unusedFlags(command: object, given: GlobalOptions): string[] {
  const used = USES.get(command);
  if (!used) return [];
  return (Object.keys(FLAG_NAMES) as (keyof GlobalOptions)[])
    .filter((flag) => given[flag] !== undefined && !used.has(flag))
    .map((flag) => FLAG_NAMES[flag]);
}

const WHOLE_RE = /^\d+$/;
const DECIMAL_RE = /^\d+(\.\d+)?$/;
const RANGE_RE = /^(\d+):(\d+)$/;

/** A number written as `pattern` allows, refused with `message` unless `inBounds` (NaN never is). */
const bounded =
  (pattern: RegExp, inBounds: (number: number) => boolean, message: string) =>
  (value: string): number => {
    const number = pattern.test(value) ? Number(value) : Number.NaN;
    if (!inBounds(number)) throw new InvalidArgumentError(message);
    return number;
  };

/** A whole number from 1 to `max`, written in digits. */
export const whole = (flag: string, max: number) =>
  bounded(
    WHOLE_RE,
    (number) => number >= 1 && number <= max,
    `${flag} takes a whole number from 1 to ${max.toLocaleString("en")}.`,
  );

/** Seconds, from more than 0 to 600. */
export const seconds = (flag: string) =>
  bounded(DECIMAL_RE, (number) => number > 0 && number <= 600, `${flag} takes seconds, above 0 and at most 600.`);

/** A share of a whole, above 0 and at most 1. */
export const share = (flag: string) =>
  bounded(
    DECIMAL_RE,
    (number) => number > 0 && number <= 1,
    `${flag} takes a share above 0 and at most 1, such as 0.8.`,
  );

/** Adds the list filters, shared by `sessions list` and `export`. */
export function withFilters<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) {
  return command
    .addOption(new Option("--status <status>", "LIVE or ENDED").choices(["LIVE", "ENDED"] as const))
    .option("--from <time>", "only sessions from this time on: ISO 8601, or 30d, 2w, 12h, today, yesterday")
    .option("--to <time>", "only sessions up to this time: ISO 8601, or 30d, 2w, 12h, today, yesterday")
    .option("--search <text>", "free text in the meeting title, meeting id or session id")
    .option("--meeting <id>", "only sessions of this meeting (associated_id)")
    .option("--participants <min:max>", "only sessions with this many participants, for example 1:10");
}

export interface Filters {
  status?: "LIVE" | "ENDED" | undefined;
  from?: string | undefined;
  to?: string | undefined;
  search?: string | undefined;
  meeting?: string | undefined;
  participants?: string | undefined;
}

/** The `--from` and `--to` of a command, resolved. */
export interface Times {
  from?: ResolvedTime | undefined;
  to?: ResolvedTime | undefined;
}

/** The filters as the API's query, each checked first; relative times resolved against `now`. */
export function queryOf(filters: Filters, now: number): { query: ListSessionsQuery; times: Times } {
  const query: ListSessionsQuery = {};
  if (filters.status) query.status = filters.status;
  const from = filters.from === undefined ? undefined : timeOf("--from", filters.from, now);
  const to = filters.to === undefined ? undefined : timeOf("--to", filters.to, now);
  if (from && to && from.ms > to.ms) {
    throw new UsageError(`--from ${from.given} (${from.iso}) is after --to ${to.given} (${to.iso}).`);
  }
  if (from) query.start_time = from.iso;
  if (to) query.end_time = to.iso;
  if (filters.search !== undefined) query.search = filters.search;
  if (filters.meeting !== undefined) query.associated_id = filters.meeting;
  if (filters.participants !== undefined) {
    const [, min, max] = RANGE_RE.exec(filters.participants) ?? [];
    if (min === undefined || max === undefined) {
      throw new UsageError(
        `--participants takes a range written min:max, for example 1:10, not ${filters.participants}.`,
      );
    }
    if (Number(min) > Number(max)) {
      throw new UsageError(`--participants ${filters.participants}: the least (${min}) is above the most (${max}).`);
    }
    query.participants = `${Number(min)}:${Number(max)}`;
  }
  return { query, times: { from, to } };
}

/** Says, on standard error, what each relative time of `times` resolved to. */
export async function echoTimes(io: Io, times: Times): Promise<void> {
  for (const line of [echoOf("--from", times.from), echoOf("--to", times.to)]) {
    if (line) await note(io, line);
  }
}
