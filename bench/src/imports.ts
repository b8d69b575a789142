// 2. Cold import: a new Node.js process that imports one client and exits, against a bare
// process; wall time measured from outside, peak memory reported by the process itself.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { interleave, type Summary, summarize } from "./harness.js";

const CANDIDATES = {
  "bare node": "",
  ours: 'await import("@realtimekit-sessions/client");',
  "openapi-fetch": 'await import("openapi-fetch");',
  "cloudflare SDK": 'await import("cloudflare");',
} as const;
export type ImportCandidate = keyof typeof CANDIDATES;

const BENCH = fileURLToPath(new URL("..", import.meta.url));

function once(code: string, memory: number[]): () => Promise<number> {
  return () =>
    new Promise((resolve, reject) => {
      const start = performance.now();
      execFile(
        process.execPath,
        ["--input-type=module", "-e", `${code}process.stdout.write(String(process.resourceUsage().maxRSS));`],
        { cwd: BENCH },
        (error, stdout) => {
          if (error) return reject(error);
          memory.push(Number(stdout) / 1024);
          resolve(performance.now() - start);
        },
      );
    });
}

export async function benchImports(rounds: number, warmups: number) {
  const memory = Object.fromEntries(Object.keys(CANDIDATES).map((name) => [name, [] as number[]])) as Record<
    ImportCandidate,
    number[]
  >;
  const time = await interleave(
    Object.fromEntries(
      Object.entries(CANDIDATES).map(([name, code]) => [name, once(code, memory[name as ImportCandidate])]),
    ) as Record<ImportCandidate, () => Promise<number>>,
    rounds,
    warmups,
  );
  const peak = Object.fromEntries(
    Object.entries(memory).map(([name, values]) => [name, summarize(values.slice(warmups))]),
  ) as Record<ImportCandidate, Summary>;
  return { time, peak };
}
