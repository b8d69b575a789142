// The mirror in workerd: a Worker bundled by wrangler (`deploy --dry-run`) from
// workerd/worker.ts, run by Miniflare with local D1 databases and Hyperdrive bound to a real
// PostgreSQL server. In it, `createMirror` from the Workers entry plays the convergence scenario
// against the fake's `fetch`, injected; here, fast-check makes the scenarios and compares the
// mirror with a fresh backfill, table by table.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startPostgres, type TestPostgres } from "@realtimekit-sessions/test-kit";
import fc from "fast-check";
import { parse } from "jsonc-parser";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Basics } from "./basics.js";
import { type Scenario, scenario } from "./scenario.js";

const HERE = new URL("./workerd/", import.meta.url).pathname;
const WRANGLER = new URL("../node_modules/.bin/wrangler", import.meta.url).pathname;

interface Config {
  compatibility_date: string;
  compatibility_flags: string[];
  d1_databases: { binding: string }[];
  hyperdrive: { binding: string }[];
}

let server: TestPostgres;
let worker: Miniflare;
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "rtk-sync-workerd-"));
  // Bundled as `wrangler deploy` bundles it, no account asked for and nothing sent.
  await promisify(execFile)(
    WRANGLER,
    ["deploy", "--dry-run", "--outdir", out, "--config", join(HERE, "wrangler.jsonc")],
    { env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" } },
  );
  server = await startPostgres();
  const config = parse(await readFile(join(HERE, "wrangler.jsonc"), "utf8")) as Config;
  const [main, backfill] = await Promise.all([server.database("workerd_main"), server.database("workerd_backfill")]);
  worker = new Miniflare({
    modules: true,
    // Module names are taken relative to this root (by default the working directory, outside which the bundle is).
    modulesRoot: out,
    scriptPath: join(out, "worker.js"),
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
    d1Databases: config.d1_databases.map(({ binding }) => binding),
    hyperdrives: { HYPERDRIVE_MAIN: main, HYPERDRIVE_BACKFILL: backfill },
  });
  await worker.ready;
});

afterAll(async () => {
  await worker?.dispose();
  await server?.stop();
  if (out) await rm(out, { recursive: true, force: true });
});

/** Runs of the property in workerd: fewer than in this process, each a whole scenario in one request. */
const RUNS = { d1: 20, hyperdrive: 10 } as const;

describe.each(["d1", "hyperdrive"] as const)("createMirror in workerd, on %s", (engine) => {
  test("a backfill as the API answers; an unchanged mirror costs a list page and its live sessions; a retry is a duplicate, a forgery refused; opened again, migrated once", async () => {
    const response = await worker.dispatchFetch("http://worker.test/", {
      method: "POST",
      body: JSON.stringify({ engine }),
    });
    const seen = (await response.json()) as Basics & { error?: string };
    expect(seen.error).toBeUndefined();
    expect(seen.mirrored).toEqual(seen.api);
    expect(seen.api.length).toBe(30);
    expect(seen.live).toBeGreaterThan(0);
    expect(seen.unchangedRequests).toBe(1 + seen.live);
    expect(seen.answers.map(({ status }) => status)).toEqual([200, 200, 400]);
    expect(seen.answers.slice(0, 2).map(({ body }) => body)).toEqual(["ok", "duplicate"]);
    expect(seen.migrations).toBe(1);
  });

  test("any syncs, deliveries, changes and kills, then one sync: every table equals a fresh backfill", async () => {
    const seen = { sessions: 0, participants: 0, chat: 0, kills: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, async (value: Scenario) => {
        const response = await worker.dispatchFetch("http://worker.test/", {
          method: "POST",
          body: JSON.stringify({ engine, scenario: value }),
        });
        const result = (await response.json()) as {
          error?: string;
          tables: Record<string, unknown[]>;
          fromScratch: Record<string, unknown[]>;
          expected: { sessions: number; participants: number };
          kills: number;
        };
        expect(result.error).toBeUndefined();
        expect(result.tables).toEqual(result.fromScratch);
        expect([result.tables.sessions?.length, result.tables.participants?.length]).toEqual([
          result.expected.sessions,
          result.expected.participants,
        ]);
        seen.sessions += result.tables.sessions?.length ?? 0;
        seen.participants += result.tables.participants?.length ?? 0;
        seen.chat += result.tables.chat_messages?.length ?? 0;
        seen.kills += result.kills;
      }),
      { seed: 31, numRuns: RUNS[engine] },
    );
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
  });
});
