// Live mode (`pnpm contract:live`) proven against upstreams on 127.0.0.1 that this test
// controls: one that answers as the spec says, and one that breaks it in each way that
// matters. Each run is the real thing: vitest with the live config, Prism's proxy, the client.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ACCOUNT, APP, runProcess, SESSION } from "@realtimekit-sessions/test-kit";
import { expect, test } from "vitest";
import { json, startUpstream } from "../support/upstream.js";

const require = createRequire(import.meta.url);
const VITEST = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
const CONTRACT_TESTS = new URL("..", import.meta.url).pathname;
const CREDENTIALS = {
  CLOUDFLARE_API_TOKEN: "live-test-token",
  CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
  REALTIMEKIT_APP_ID: APP,
};

/** Runs live mode as `pnpm contract:live` does, with only the given variables set. */
async function live(env: Record<string, string>): Promise<{ code: number; output: string }> {
  const { code, stdout, stderr } = await runProcess(
    process.execPath,
    [VITEST, "run", "--config", "vitest.live.config.ts"],
    {
      cwd: CONTRACT_TESTS,
      env: { ...env, NO_COLOR: "1", CI: "true" },
    },
  );
  return { code, output: stdout + stderr };
}

test("passes against a conforming upstream, read-only, with a report of every operation", async () => {
  const upstream = await startUpstream();
  try {
    const { code, output } = await live({ ...CREDENTIALS, LIVE_UPSTREAM_URL: upstream.url });

    expect(output).toContain(`Live contract report: ${upstream.url}, through prism proxy --errors`);
    for (const operation of [
      "listSessions",
      "getSession",
      "listParticipants",
      "getParticipant",
      "getPeerReport",
      "getChatDownload",
      "getTranscriptDownload",
      "getSummaryDownload",
    ]) {
      expect(output).toMatch(new RegExp(`^ {2}${operation} +200 +no violations$`, "m"));
    }
    expect(output).toMatch(/^ {2}generateSummary +- +no violations$/m);
    expect(output).toContain("generateSummary: not run (read-only run; set LIVE_ALLOW_WRITES=1 to start a summary)");
    expect(code, output).toBe(0);
    expect(upstream.requests.map((request) => request.method)).not.toContain("POST");
    expect(upstream.requests.every((request) => request.headers.authorization === "Bearer live-test-token")).toBe(true);
    expect(upstream.requests.some((request) => "prefer" in request.headers)).toBe(false);
  } finally {
    await upstream.close();
  }
});

test("fails naming the operation and the field when the upstream breaks the spec", async () => {
  const upstream = await startUpstream({
    getSession: (response) =>
      json(response, 200, {
        success: true,
        data: {
          id: "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d",
          associated_id: "bbbf5e93-289c-4c9b-bd44-d677a9206df7",
          meeting_display_name: "Weekly product sync",
          type: "meeting",
          status: "FINISHED",
          live_participants: 0,
          max_concurrent_participants: 2,
          minutes_consumed: 12.7,
          organization_id: "4f1d2b9c8e7a6d5c4b3a291807f6e5d4",
          started_at: "2023-02-01T10:50:36.846Z",
          created_at: "2023-02-01T10:50:36.840Z",
          updated_at: "2023-02-01T10:57:33.002Z",
        },
      }),
    getChatDownload: (response) => json(response, 418, { success: false }),
    getTranscriptDownload: (response) =>
      json(response, 200, {
        success: true,
        data: {
          sessionId: "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d",
          transcript_download_url_expiry: "2026-11-22T12:00:00Z",
        },
      }),
  });
  try {
    const { code, output } = await live({ ...CREDENTIALS, LIVE_UPSTREAM_URL: upstream.url });

    expect(code, output).not.toBe(0);
    expect(output).toMatch(
      /^ {2}getSession +500 +1 violation\(s\):\n +- response\.body\.data\.status: .*allowed values/m,
    );
    expect(output).toMatch(
      /^ {2}getChatDownload +418 +1 violation\(s\):\n +- response: Unable to match the returned status code/m,
    );
    expect(output).toMatch(
      /^ {2}getTranscriptDownload +500 +1 violation\(s\):\n +- response\.body\.data: .*required property 'transcript_download_url'/m,
    );
    expect(output).toMatch(/^ {2}listSessions +200 +no violations$/m);
    expect(output).toContain("3 of 9 operations broke the spec.");
  } finally {
    await upstream.close();
  }
});

test("starts a summary only when writes are allowed", async () => {
  const upstream = await startUpstream();
  try {
    const { code, output } = await live({ ...CREDENTIALS, LIVE_UPSTREAM_URL: upstream.url, LIVE_ALLOW_WRITES: "1" });

    expect(code, output).toBe(0);
    expect(output).toMatch(/^ {2}generateSummary +200 +no violations$/m);
    expect(upstream.requests.filter((request) => request.method === "POST").map((request) => request.url)).toEqual([
      `/client/v4/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/summary`,
    ]);
  } finally {
    await upstream.close();
  }
});

test("refuses to run without credentials, saying what to set, and sends nothing", async () => {
  const upstream = await startUpstream();
  try {
    const { code, output } = await live({ LIVE_UPSTREAM_URL: upstream.url, CLOUDFLARE_ACCOUNT_ID: "acc" });

    expect(code).not.toBe(0);
    expect(output).toContain(
      "Live mode needs credentials and an app to test against: set CLOUDFLARE_API_TOKEN, REALTIMEKIT_APP_ID.",
    );
    expect(upstream.requests).toEqual([]);
  } finally {
    await upstream.close();
  }
});
