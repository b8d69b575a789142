// The client in every runtime it promises, each running the same scenario (scenario/scenario.js)
// against the built packages: the scenario's result in each runtime must equal its result on
// this Node.js, which is checked on its own first. Runtimes come from the npm registry as
// packages that ship their binary; workerd runs through Miniflare, with and without
// `nodejs_compat`, on a bundle made the way wrangler makes one.
import { join } from "node:path";
import { runProcess } from "@realtimekit-sessions/test-kit";
import { createFakeApi } from "@realtimekit-sessions/testing";
import { type ServedFakeApi, serveFakeApi } from "@realtimekit-sessions/testing/serve";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NOW, runScenario, SEED, SESSIONS } from "../scenario/scenario.js";
import { binary } from "../src/examples.js";

const HERE = new URL("..", import.meta.url).pathname;
const MAIN = join(HERE, "scenario/main.js");

const PROGRAMS = [
  { runtime: "Node.js 20.19.0 (the minimum)", command: () => [binary("node-20", "bin/node"), MAIN] },
  { runtime: "Node.js 22", command: () => [binary("node-22", "bin/node"), MAIN] },
  { runtime: "Node.js 24", command: () => [binary("node-24", "bin/node"), MAIN] },
  { runtime: "Bun", command: () => [binary("@oven/bun-linux-x64", "bin/bun"), MAIN] },
  {
    runtime: "Deno (network to loopback only, no other permission)",
    command: () => [binary("@deno/linux-x64-glibc", "deno"), "run", "--allow-net=127.0.0.1", MAIN],
  },
];

let served: ServedFakeApi;
let reference: Awaited<ReturnType<typeof runScenario>>;

beforeAll(async () => {
  served = await serveFakeApi(createFakeApi({ seed: SEED, sessions: SESSIONS, now: NOW }));
  reference = await runScenario({ networkUrl: served.url });
});

afterAll(() => served?.close());

describe("the scenario on this Node.js, the reference for every runtime", () => {
  test("calls every operation", () => {
    expect(Object.keys(reference.operations).sort()).toEqual(
      [
        "generateSummary",
        "getChatDownload",
        "getParticipant",
        "getPeerReport",
        "getSession",
        "getSummaryDownload",
        "getTranscriptDownload",
        "listParticipants",
        "listSessions",
      ].sort(),
    );
    expect(reference.operations.listSessions.count).toBe(5);
  });

  test("walks every page, in process and over the network", () => {
    expect(reference.walk.count).toBe(SESSIONS);
    expect(new Set(reference.walk.ids).size).toBe(SESSIONS);
    expect([...(reference.network?.walked ?? [])].sort()).toEqual([...reference.walk.ids].sort());
  });

  test("downloads the transcript as CSV, JSON and subtitles, and the chat and summary", () => {
    expect(reference.transcript.length).toBeGreaterThan(0);
    expect(reference.transcriptJson.map((row) => row[2])).toEqual(reference.transcript.map((row) => row[2]));
    expect(reference.network?.transcript).toEqual(reference.transcript.map((row) => row[2]));
    expect(reference.subtitles).toMatch(/^WEBVTT\n/);
    expect(reference.chat.length).toBeGreaterThan(0);
    expect(reference.summary).toMatch(/^## Meeting Summary/);
  });

  test("rejects with typed errors, retries a 503 and stops at an abort", () => {
    expect(reference.notFound).toEqual({ name: "RealtimeKitApiError", isRealtimeKitError: true, status: 404 });
    expect(reference.retry).toEqual({ count: 1, statuses: [503, 200] });
    expect(reference.aborted).toEqual({ name: "RealtimeKitAbortError", isRealtimeKitError: true });
  });

  test("verifies a signed webhook delivery and refuses a tampered one", () => {
    expect(reference.webhooks).toMatchObject({
      event: "meeting.transcript",
      sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      tampered: { name: "RealtimeKitWebhookError", isRealtimeKitError: true },
    });
    expect(reference.webhooks.key).toMatch(/^8a3f0c52-5d1e-4b7a-9c2e-0f6b1d4e7a90:[0-9a-f]{64}$/);
  });
});

describe.each(PROGRAMS)("$runtime", ({ command }) => {
  test("runs the scenario with the same result", async () => {
    const [program = "", ...args] = command();

    const { code, stdout, stderr } = await runProcess(program, [...args, served.url], { cwd: HERE });

    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(reference)));
  });
});

/**
 * The scenario as a Worker bundle, made as wrangler makes one: an ES module for the browser
 * platform (so packages' `browser` fields apply), with the workerd, worker and browser conditions.
 */
async function workerBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(HERE, "scenario/worker.js")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    // Node.js built-ins are left to the runtime: with nodejs_compat workerd provides them,
    // without it a module that imports one fails to load, as it would once deployed.
    external: ["node:*"],
    write: false,
    logLevel: "error",
  });
  return result.outputFiles[0]?.text ?? "";
}

describe.each([
  { runtime: "workerd, without nodejs_compat", flags: [] as string[] },
  { runtime: "workerd, with nodejs_compat", flags: ["nodejs_compat"] },
])("$runtime", ({ flags }) => {
  test("runs the scenario with the same result", async () => {
    const worker = new Miniflare({
      modules: [{ type: "ESModule", path: join(HERE, "worker.js"), contents: await workerBundle() }],
      compatibilityDate: "2025-07-18",
      compatibilityFlags: flags,
      bindings: { NETWORK_URL: served.url },
    });
    try {
      const response = await worker.dispatchFetch("http://worker.test/");
      const text = await response.text();

      expect(response.status, text).toBe(200);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(reference)));
    } finally {
      await worker.dispose();
    }
  });
});
