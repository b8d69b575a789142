// In-process runs of the command line: an `Io` of fakes that records what each stream got,
// and a clock whose time moves only when everything else is waiting for it.
import { expect } from "vitest";
import type { Clock, Io, Output } from "../src/io.js";
import { OutputError } from "../src/io.js";
import { runCli } from "../src/main.js";

export interface TestOutput extends Output {
  text: string;
}

export interface OutputOptions {
  isTTY?: boolean;
  columns?: number;
  /** Fails every write after this many bytes, as a closed pipe (EPIPE) or a full disk (ENOSPC). */
  failAfter?: { bytes: number; code: "EPIPE" | "ENOSPC" };
}

export function testOutput(name: "standard output" | "standard error", options: OutputOptions = {}): TestOutput {
  const output = {
    text: "",
    isTTY: options.isTTY ?? false,
    columns: options.isTTY ? (options.columns ?? 160) : undefined,
    async write(text: string) {
      if (options.failAfter && output.text.length + text.length > options.failAfter.bytes) {
        throw new OutputError(name, options.failAfter.code);
      }
      output.text += text;
    },
  };
  return output;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  fetch?: (request: Request) => Promise<Response>;
  stdout?: OutputOptions;
  stderr?: OutputOptions;
  clock?: Clock;
  signal?: AbortSignal;
  /** Never to appear in any output. */
  secret?: string;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `argv` in this process, as `realtimekit-sessions ...argv`. */
export async function run(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const stdout = testOutput("standard output", options.stdout);
  const stderr = testOutput("standard error", options.stderr);
  const io: Io = {
    stdout,
    stderr,
    env: options.env ?? {},
    clock: options.clock ?? { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    fetch: options.fetch ?? (() => Promise.reject(new Error("this test sends no request"))),
    signal: options.signal ?? new AbortController().signal,
  };
  const code = await runCli(argv, io);
  if (options.secret) expect(stdout.text + stderr.text).not.toContain(options.secret);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const lines = (text: string) => text.split("\n").filter(Boolean);

export interface VirtualClock extends Clock {
  /** Runs `work` to its end, moving time to the next timer whenever nothing else can happen. */
  run<T>(work: Promise<T>): Promise<T>;
}

/** Time that passes only when every promise is waiting for it: exact, and instant. */
export function virtualClock(start = Date.UTC(2026, 10, 1)): VirtualClock {
  let now = start;
  let sequence = 0;
  const timers = new Set<{ at: number; order: number; resolve: () => void }>();
  const settle = async () => {
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = { at: now + Math.max(0, ms), order: sequence++, resolve };
        timers.add(timer);
        signal?.addEventListener(
          "abort",
          () => {
            timers.delete(timer);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    },
    async run(work) {
      let done = false;
      work.then(
        () => {
          done = true;
        },
        () => {
          done = true;
        },
      );
      for (;;) {
        await settle();
        if (done) return work;
        const [next] = [...timers].sort((a, b) => a.at - b.at || a.order - b.order);
        if (!next) throw new Error("deadlock: the work waits, and no timer will ever wake it");
        timers.delete(next);
        now = next.at;
        next.resolve();
      }
    },
  };
}
