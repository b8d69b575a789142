// The CLI's export against a loopback API that enforces a rate limit the way Cloudflare's does
// (an allowance per window, `Ratelimit` headers on every answer, 429 with `Retry-After` beyond
// it), each answer 50 ms late as over a real network: its wall time against the least the
// allowance permits, and its 429s, beside a naive `Promise.all` and a sequential loop over the
// official SDK doing the same work (every session, with its participants).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProcess } from "@realtimekit-sessions/test-kit";
import { createFakeApi, type FakeApi } from "@realtimekit-sessions/testing";
import { serveFakeApi } from "@realtimekit-sessions/testing/serve";
import Cloudflare from "cloudflare";
import { CLI } from "./cli.js";
import { TOKEN } from "./harness.js";

export interface ExportBenchOptions {
  sessions: number;
  /** Requests allowed per window, and the window. */
  requests: number;
  windowMs: number;
  /** Added to every answer, as a network would. */
  latencyMs: number;
}

export interface ExportRun {
  seconds: number;
  requests: number;
  limited: number;
  /** Sessions whose participants never came (the naive run gives up on some). */
  failed: number;
  sessions: number;
}

export type ExportCandidates =
  | "ours: realtimekit-sessions export --max-share 1"
  | "official SDK, naive Promise.all"
  | "official SDK, sequential loop";

/** A fresh rate-limited API on loopback: a new fake, so every run starts with a full allowance. */
async function withApi<T>(
  options: ExportBenchOptions,
  run: (fake: FakeApi, baseUrl: string) => Promise<T>,
): Promise<T> {
  const fake = createFakeApi({
    seed: 3,
    sessions: Array.from({ length: options.sessions }, () => ({ status: "ENDED" as const })),
    rateLimit: { requests: options.requests, windowMs: options.windowMs },
  });
  await using server = await serveFakeApi(fake, {
    handle: async (request) => {
      await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      return fake.fetch(request);
    },
  });
  return await run(fake, server.baseUrl);
}

const counted = (fake: FakeApi, started: number, sessions: number, failed = 0): ExportRun => ({
  seconds: (performance.now() - started) / 1000,
  requests: fake.requests.length,
  limited: fake.requests.filter((request) => request.status === 429).length,
  failed,
  sessions,
});

async function ours(options: ExportBenchOptions): Promise<ExportRun> {
  return withApi(options, async (fake, baseUrl) => {
    const directory = await mkdtemp(join(tmpdir(), "bench-export-"));
    try {
      const started = performance.now();
      const { code, stderr } = await runProcess(
        process.execPath,
        // The whole allowance, as the SDK's loops take it; by default the export leaves a fifth to other clients.
        [CLI, "export", "--include", "participants", "--max-share", "1", "--out", join(directory, "out.ndjson")],
        {
          env: {
            CLOUDFLARE_API_TOKEN: TOKEN,
            CLOUDFLARE_ACCOUNT_ID: fake.accountId,
            REALTIMEKIT_APP_ID: fake.appId,
            CLOUDFLARE_BASE_URL: baseUrl,
          },
        },
      );
      if (code !== 0) throw new Error(`the export failed: ${stderr}`);
      const exported = Number(/^Exported (\d+) sessions/m.exec(stderr)?.[1] ?? 0);
      return counted(fake, started, exported);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
}

/** Every session, page by page, then each one's participants, as the SDK's user would write it. */
async function official(options: ExportBenchOptions, mode: "naive" | "sequential"): Promise<ExportRun> {
  return withApi(options, async (fake, baseUrl) => {
    // The SDK's defaults: 2 retries, honouring Retry-After.
    const sdk = new Cloudflare({ apiToken: TOKEN, baseURL: baseUrl });
    const scope = { account_id: fake.accountId, app_id: fake.appId };
    const started = performance.now();
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const answer = await sdk.realtimeKit.sessions.getSessions(fake.appId, {
        account_id: fake.accountId,
        page_no: page,
        per_page: 100,
      });
      const sessions = answer.data?.sessions ?? [];
      ids.push(...sessions.map((session) => session.id ?? ""));
      if (sessions.length < 100) break;
    }
    const participants = (id: string) =>
      sdk.realtimeKit.sessions.getSessionParticipants(id, scope).then(
        () => true,
        () => false,
      );
    let failed = 0;
    if (mode === "naive") {
      failed = (await Promise.all(ids.map(participants))).filter((ok) => !ok).length;
    } else {
      for (const id of ids) if (!(await participants(id))) failed++;
    }
    return counted(fake, started, ids.length - failed, failed);
  });
}

export async function benchExport(options: ExportBenchOptions): Promise<Record<ExportCandidates, ExportRun>> {
  return {
    "ours: realtimekit-sessions export --max-share 1": await ours(options),
    "official SDK, naive Promise.all": await official(options, "naive"),
    "official SDK, sequential loop": await official(options, "sequential"),
  };
}
