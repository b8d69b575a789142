// The CLI: its start-up (`--version`, `--help`) against a bare Node.js process; the export's
// peak memory as the number of sessions grows; and its pacing under a rate limit while a
// second client of the same token (the production app) keeps sending.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runProcess } from "@realtimekit-sessions/test-kit";
import { createFakeApi, type FakeApi } from "@realtimekit-sessions/testing";
import { serveFakeApi } from "@realtimekit-sessions/testing/serve";
import { interleave, TOKEN } from "./harness.js";

const require = createRequire(import.meta.url);
export const CLI = join(dirname(require.resolve("@realtimekit-sessions/cli/package.json")), "dist/cli.js");

const run = (args: string[]) => () =>
  new Promise<number>((resolve, reject) => {
    const started = performance.now();
    execFile(process.execPath, args, (error) => (error ? reject(error) : resolve(performance.now() - started)));
  });

/** Wall time of a process that starts and exits, in milliseconds, interleaved. */
export function benchStart(rounds: number, warmups: number) {
  return interleave(
    {
      "bare node (node -e 0)": run(["-e", "0"]),
      "realtimekit-sessions --version": run([CLI, "--version"]),
      "realtimekit-sessions --help": run([CLI, "--help"]),
    },
    rounds,
    warmups,
  );
}

/** The fake served on loopback; `work` gets it and the API root to give a client. */
export async function served<T>(
  options: Parameters<typeof createFakeApi>[0],
  work: (fake: FakeApi, baseUrl: string) => Promise<T>,
): Promise<T> {
  const fake = createFakeApi({ ...options, apiToken: TOKEN });
  await using server = await serveFakeApi(fake);
  return await work(fake, server.baseUrl);
}

export const environment = (fake: FakeApi, baseUrl: string) => ({
  CLOUDFLARE_API_TOKEN: TOKEN,
  CLOUDFLARE_ACCOUNT_ID: fake.accountId,
  REALTIMEKIT_APP_ID: fake.appId,
  CLOUDFLARE_BASE_URL: baseUrl,
});

// Loaded before the CLI: writes the process's peak RSS where the bench reads it, as it exits.
export const REPORT_RSS =
  'data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(process.env.BENCH_RSS_FILE,String(process.resourceUsage().maxRSS)));';

/** Peak RSS (MB) of `export --include participants --out FILE` over `sessions` sessions. */
export async function exportPeakRss(sessions: number): Promise<{ mb: number; exported: number }> {
  return served(
    { seed: 5, sessions: Array.from({ length: sessions }, () => ({ status: "ENDED" as const, participants: 3 })) },
    async (fake, baseUrl) => {
      const directory = await mkdtemp(join(tmpdir(), "bench-rss-"));
      try {
        const rssFile = join(directory, "rss");
        const { code, stderr } = await runProcess(
          process.execPath,
          ["--import", REPORT_RSS, CLI, "export", "--include", "participants", "--out", join(directory, "out.ndjson")],
          { env: { ...environment(fake, baseUrl), BENCH_RSS_FILE: rssFile } },
        );
        if (code !== 0) throw new Error(`the export failed: ${stderr}`);
        return {
          mb: Number(await readFile(rssFile, "utf8")) / 1024,
          exported: Number(/^Exported (\d+) sessions/m.exec(stderr)?.[1] ?? 0),
        };
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  );
}

export interface PacingOptions {
  sessions: number;
  requests: number;
  windowMs: number;
  /** The second client's pace: one request every this many milliseconds. */
  otherEveryMs: number;
}

/**
 * The export (default --max-share) against an allowance it shares with a second client that
 * sends at a steady pace for as long as the export runs.
 */
export async function benchPacing(options: PacingOptions) {
  return served(
    {
      seed: 6,
      sessions: Array.from({ length: options.sessions }, () => ({ status: "ENDED" as const })),
      rateLimit: { requests: options.requests, windowMs: options.windowMs },
    },
    async (fake, baseUrl) => {
      let running = true;
      let otherSent = 0;
      let otherRefused = 0;
      const other = (async () => {
        const url = `${baseUrl}/accounts/${fake.accountId}/realtime/kit/${fake.appId}/sessions?per_page=1`;
        while (running) {
          const answer = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
          await answer.arrayBuffer();
          otherSent++;
          if (answer.status === 429) otherRefused++;
          await new Promise((resolve) => setTimeout(resolve, options.otherEveryMs));
        }
      })();
      const started = performance.now();
      const { code, stderr } = await runProcess(process.execPath, [CLI, "export", "--include", "participants"], {
        env: environment(fake, baseUrl),
      });
      const seconds = (performance.now() - started) / 1000;
      running = false;
      await other;
      if (code !== 0) throw new Error(`the export failed: ${stderr}`);
      const [, requests = "0", limited = "0"] = /: (\d+) requests, (\d+) rate-limited\./.exec(stderr) ?? [];
      return { seconds, requests: Number(requests), limited: Number(limited), otherSent, otherRefused };
    },
  );
}
