// What every benchmark shares: the server process, the statistics, the interleaved runner.
import { type ChildProcess, fork } from "node:child_process";
import { createRandom, type Random } from "@realtimekit-sessions/testing";

export const ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
export const APP = "4f1d2b9c8e7a6d5c4b3a291807f6e5d4";
export const SESSION = "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d";
export const TOKEN = "bench-token";

export interface Server {
  /** Origin of the loopback API; the API root is `${origin}/client/v4`. */
  origin: string;
  stop(): void;
}

/** Starts the loopback API in its own process. */
export async function startServer(): Promise<Server> {
  const child: ChildProcess = fork(new URL("./server.ts", import.meta.url), { execArgv: ["--import", "tsx"] });
  const origin = await new Promise<string>((resolve, reject) => {
    child.once("message", (message: { origin: string }) => resolve(message.origin));
    child.once("exit", (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
  return { origin, stop: () => child.kill() };
}

export interface Summary {
  median: number;
  /** Lower and upper quartile: the spread of the middle half of the samples. */
  p25: number;
  p75: number;
  samples: number;
  /** The samples in the order they were taken: one per round, for comparisons round by round. */
  rounds: number[];
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const position = (sorted.length - 1) * q;
    const low = Math.floor(position);
    const high = Math.ceil(position);
    return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (position - low);
  };
  return { median: at(0.5), p25: at(0.25), p75: at(0.75), samples: sorted.length, rounds: values };
}

/**
 * Runs every candidate once per round, after `warmups` rounds that are not counted, so that
 * drift in the machine hits all of them alike. Each round takes them in a new order, shuffled
 * from a fixed seed: no candidate always follows the same neighbour and inherits the garbage or
 * the cold caches it leaves behind, and a run is the same sequence every time.
 */
export async function interleave<Name extends string>(
  candidates: Record<Name, () => Promise<number>>,
  rounds: number,
  warmups: number,
): Promise<Record<Name, Summary>> {
  const names = Object.keys(candidates) as Name[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Name, number[]>;
  const random = createRandom(0x5e55_1075);
  for (let round = 0; round < warmups + rounds; round++) {
    for (const name of shuffled(names, random)) {
      const value = await candidates[name]();
      if (round >= warmups) samples[name].push(value);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(samples[name])])) as Record<Name, Summary>;
}

/** `items` in a new order (Fisher-Yates), drawn from `random`. */
function shuffled<T>(items: readonly T[], random: Random): T[] {
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j] as T, order[i] as T];
  }
  return order;
}

/**
 * How `candidate` compares to `baseline` measured next to it: the ratio of their samples
 * round by round, summarized. A machine that slows for a while slows both samples of a round,
 * so this is steadier than a ratio of medians.
 */
export function pairedRatio(candidate: Summary, baseline: Summary): Summary {
  return summarize(candidate.rounds.map((value, round) => value / (baseline.rounds[round] ?? Number.NaN)));
}

export function format(value: number, digits = 1): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function spread(summary: Summary, digits = 1): string {
  return `${format(summary.p25, digits)} to ${format(summary.p75, digits)}`;
}
