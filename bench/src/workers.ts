// Runs the worker scripts in fresh processes and reads their JSON results.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const BENCH = fileURLToPath(new URL("..", import.meta.url));

export function runWorker<T>(script: string, args: (string | number)[], flags: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", ...flags, fileURLToPath(new URL(script, import.meta.url)), ...args.map(String)],
      { cwd: BENCH, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${script}: ${stderr || error.message}`)) : resolve(JSON.parse(stdout) as T),
    );
  });
}

export interface PaginationResult {
  sessions: number;
  seconds: number;
  heapFirst: number;
  heapLast: number;
  maxRss: number;
}

export interface TranscriptResult {
  bytes: number;
  rows: number;
  seconds: number;
  maxRss: number;
}

export const pagination = (
  origin: string,
  mode: "ours" | "sequential",
  pages: number,
  perPage: number,
  latency: number,
  work: number,
) =>
  runWorker<PaginationResult>("./pagination-worker.ts", [origin, mode, pages, perPage, latency, work], ["--expose-gc"]);

export const transcript = (origin: string, mode: "raw" | "naive" | "papaparse" | "ours", bytes: number) =>
  runWorker<TranscriptResult>("./transcript-worker.ts", [origin, mode, bytes]);
