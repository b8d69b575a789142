// The smallest case of every benchmark, in the test run: the bench code works and measures
// what it claims to. No timing is asserted; `pnpm bench` measures.
import { afterAll, beforeAll, expect, test } from "vitest";
import { benchPacing, benchStart, exportPeakRss } from "../src/cli.js";
import { benchExport } from "../src/export.js";
import { type Server, startServer } from "../src/harness.js";
import { benchImports } from "../src/imports.js";
import { benchRequests } from "../src/requests.js";
import { benchSizes } from "../src/sizes.js";
import { benchTestKits } from "../src/test-kits.js";
import { benchWebhooks } from "../src/webhooks.js";
import { pagination, transcript } from "../src/workers.js";

let server: Server;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

test("per-request cost: every client completes the same calls", async () => {
  const result = await benchRequests(server, { batch: 3, rounds: 1, warmups: 0 });
  for (const operation of [result.getSession, result.listSessions]) {
    expect(Object.keys(operation)).toEqual([
      "raw fetch",
      "raw fetch with a timeout",
      "openapi-fetch",
      "cloudflare SDK",
      "ours",
    ]);
    for (const summary of Object.values(operation)) expect(summary.median).toBeGreaterThan(0);
  }
});

test("cold import: every package imports in a fresh process", async () => {
  const { time, peak } = await benchImports(1, 0);
  expect(Object.keys(time)).toEqual(["bare node", "ours", "openapi-fetch", "cloudflare SDK"]);
  for (const summary of [...Object.values(time), ...Object.values(peak)]) expect(summary.median).toBeGreaterThan(0);
});

test("bundle size: every bundle builds, and the SDK's is the larger", async () => {
  const sizes = await benchSizes();
  expect(Object.keys(sizes)).toHaveLength(6);
  expect(sizes["ours, whole client"]?.gzipped).toBeLessThan(sizes["cloudflare SDK, full"]?.gzipped ?? 0);
});

test("pagination: both readers get every session of every page", async () => {
  for (const mode of ["ours", "sequential"] as const) {
    expect((await pagination(server.origin, mode, 3, 10, 1, 0)).sessions).toBe(30);
  }
});

test("transcript: ours reads as many records as there are lines, and papaparse alone the header too", async () => {
  const ours = await transcript(server.origin, "ours", 300_000);
  const naive = await transcript(server.origin, "naive", 300_000);
  const papaparse = await transcript(server.origin, "papaparse", 300_000);
  expect(ours.rows).toBeGreaterThan(1000);
  expect(ours.rows).toBe(naive.rows);
  expect(papaparse.rows).toBe(ours.rows + 1);
});

test("test kits: the fake and Prism both get ready and answer the client's calls", async () => {
  const result = await benchTestKits({ fakeReadies: 2, prismStarts: 1, calls: 20, rounds: 1 });
  expect(Object.keys(result.ready)).toEqual([
    "fake, 10 sessions",
    "fake, 1,000 sessions",
    "fake, 10,000 sessions",
    "Prism mock",
  ]);
  for (const summary of [
    ...Object.values(result.ready),
    ...Object.values(result.callsPerSecond),
    ...Object.values(result.large),
  ]) {
    expect(summary.median).toBeGreaterThan(0);
  }
});

test("export: ours and both SDK loops export every session of a small rate-limited API", async () => {
  const result = await benchExport({ sessions: 12, requests: 10, windowMs: 1_000, latencyMs: 1 });
  expect(Object.keys(result)).toEqual([
    "ours: realtimekit-sessions export --max-share 1",
    "official SDK, naive Promise.all",
    "official SDK, sequential loop",
  ]);
  expect(result["ours: realtimekit-sessions export --max-share 1"].sessions).toBe(12);
  expect(result["official SDK, sequential loop"].requests).toBeGreaterThanOrEqual(13);
});

test("the CLI: start-up, the export's peak memory, and its pacing beside a second client", async () => {
  const start = await benchStart(1, 0);
  expect(Object.keys(start)).toEqual([
    "bare node (node -e 0)",
    "realtimekit-sessions --version",
    "realtimekit-sessions --help",
  ]);
  const memory = await exportPeakRss(20);
  expect(memory.exported).toBe(20);
  expect(memory.mb).toBeGreaterThan(10);
  const pacing = await benchPacing({ sessions: 15, requests: 10, windowMs: 1_000, otherEveryMs: 250 });
  expect(pacing.requests).toBeGreaterThanOrEqual(16);
  expect(pacing.otherSent).toBeGreaterThan(0);
});

test("webhook verification: ours and raw crypto.subtle.verify both verify", async () => {
  const result = await benchWebhooks({ batch: 5, rounds: 1, warmups: 0 });
  expect(Object.keys(result)).toEqual(["raw crypto.subtle.verify", "ours"]);
  for (const summary of Object.values(result)) expect(summary.median).toBeGreaterThan(0);
});
