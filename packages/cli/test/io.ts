// In-process runs of the command line: an `Io` of fakes that records what each stream got,
// and a clock whose time moves only when everything else is waiting for it.
import { expect } from "vitest";
import type { Clock, Io, Output } from "../src/io.js";
import { OutputError, systemClock } from "../src/io.js";
import { runCli } from "../src/main.js";

export interface TestOutput extends Output {
  text: string;
}

export interface OutputOptions {
  isTTY?: boolean;
  columns?: number;
  /** Fails every write after this many bytes, as a closed pipe (EPIPE) or a full disk (ENOSPC). */
  failAfter?: { bytes: number; code: "EPIPE" | "ENOSPC" };
  /** Told of each write as it happens, for a test that reads a long-running command's output. */
  onWrite?: (text: string) => void;
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
      options.onWrite?.(text);
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
    clock: options.clock ?? systemClock,
    fetch: options.fetch ?? (() => Promise.reject(new Error("this test sends no request"))),
    signal: options.signal ?? new AbortController().signal,
  };
  const code = await runCli(argv, io);
  if (options.secret) expect(stdout.text + stderr.text).not.toContain(options.secret);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const lines = (text: string) => text.split("\n").filter(Boolean);
