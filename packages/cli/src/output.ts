// Human output on a terminal (aligned tables, times labelled UTC, readable lengths), machine
// output when piped or with --json (JSON, or NDJSON for lists). cli-table3 is loaded only by a
// command that prints a table.
import type { Io } from "./io.js";

/** One JSON value per line. */
export async function printJsonLines(io: Io, values: Iterable<unknown>): Promise<void> {
  for (const value of values) await io.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Aligned columns without borders, as gh and wrangler print lists. */
export async function printTable(io: Io, head: string[], rows: (string | number)[][]): Promise<void> {
  const { default: Table } = await import("cli-table3");
  const table = new Table({
    head: head.map((title) => title.toUpperCase()),
    chars: BORDERLESS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 2 },
  });
  table.push(...rows.map((row) => row.map(String)));
  await io.stdout.write(`${table.toString()}\n`);
}

/** A note for the person at the terminal, on standard error so that it never mixes into data. */
export async function note(io: Io, line: string): Promise<void> {
  await io.stderr.write(`${line}\n`);
}

/** `2026-10-03 14:05 UTC`, or "-" for none. */
export function when(time: string | null | undefined): string {
  if (!time) return "-";
  const parsed = new Date(time);
  if (Number.isNaN(parsed.getTime())) return time;
  const iso = parsed.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `2 d 4 h`, `1 h 05 min`, `12 min`, `45 s`. */
export function duration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes) || minutes < 0) return "-";
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  const whole = Math.round(minutes);
  if (whole >= 48 * 60) return `${Math.floor(whole / 1440)} d ${Math.floor((whole % 1440) / 60)} h`;
  return whole >= 60 ? `${Math.floor(whole / 60)} h ${String(whole % 60).padStart(2, "0")} min` : `${whole} min`;
}

/**
 * Participant-minutes (everyone's time in a call, added up) as a whole number: a count, never
 * written as a length such as `4 h 42 min`, which would read as how long the call was.
 */
export function participantMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes) || minutes < 0) return "-";
  return Math.round(minutes).toLocaleString("en-US");
}

/** A session's length: from its start to its end, or "live for …" while it runs. */
export function sessionLength(startedAt: string, endedAt: string | null | undefined, now: number): string {
  const start = Date.parse(startedAt);
  if (!endedAt) return `live for ${duration((now - start) / 60_000)}`;
  return duration((Date.parse(endedAt) - start) / 60_000);
}

/** `00:12:05` from the start of the session. */
export function offset(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "-";
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const part = (value: number) => String(value).padStart(2, "0");
  return `${part(Math.floor(seconds / 3600))}:${part(Math.floor(seconds / 60) % 60)}:${part(seconds % 60)}`;
}

const BORDERLESS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "",
};
