// Human output on a terminal (aligned tables, readable times and minutes), machine output when
// piped or with --json (JSON, or NDJSON for lists, no colours).
import { SingleBar } from "cli-progress";
import Table from "cli-table3";

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

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function printTable(head: string[], rows: (string | number)[][]): void {
  // Aligned columns without borders, as gh and wrangler print lists.
  const table = new Table({
    head: head.map((title) => title.toUpperCase()),
    chars: BORDERLESS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 2 },
  });
  table.push(...rows.map((row) => row.map(String)));
  process.stdout.write(`${table.toString()}\n`);
}

/** `2026-10-03 14:05` in UTC, or "-" for none. */
export function when(time: string | null | undefined): string {
  return time ? `${time.slice(0, 10)} ${time.slice(11, 16)}` : "-";
}

/** `1 h 05 min`, `12 min`, `45 s`. */
export function duration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "-";
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  const whole = Math.round(minutes);
  return whole >= 60 ? `${Math.floor(whole / 60)} h ${String(whole % 60).padStart(2, "0")} min` : `${whole} min`;
}

/** A session's length, from its start to its end (or to now, while it is live). */
export function sessionLength(startedAt: string, endedAt: string | null | undefined): string {
  const end = endedAt ? Date.parse(endedAt) : Date.now();
  return duration((end - Date.parse(startedAt)) / 60_000);
}

export interface Progress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

/** A progress bar on standard error, with the count, the rate and the time left. */
export function progressBar(verb: string, noun: string): Progress {
  const bar = new SingleBar({
    format: `${verb} [{bar}] {value}/{total} ${noun} | {rate}/s | {eta_formatted} left`,
    stream: process.stderr,
    hideCursor: true,
    etaBuffer: 50,
  });
  let started = 0;
  return {
    start(total) {
      started = Date.now();
      bar.start(total, 0, { rate: "0.0" });
    },
    update(done) {
      bar.update(done, { rate: (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) });
    },
    stop: () => bar.stop(),
  };
}
