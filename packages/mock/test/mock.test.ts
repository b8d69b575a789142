import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rejectionOf } from "@realtimekit-sessions/test-kit";
import { expect, test } from "vitest";
// The built module: it serves the spec the build copied beside it, as the published package does.
import { startMockServer } from "../dist/index.js";

const SESSIONS = "/accounts/023e105f4ecef8ad9ca31a8372d0c353/realtime/kit/4f1d2b9c8e7a6d5c4b3a291807f6e5d4/sessions";

function isRunning(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("serves the spec on a loopback port until closed, then leaves no process behind", async () => {
  const mock = await startMockServer();
  try {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${mock.url}${SESSIONS}`, { headers: { authorization: "Bearer any" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const body = (await response.json()) as { success: boolean; data: { sessions: unknown[] } };
    expect(body.success).toBe(true);
    expect(body.data.sessions.length).toBeGreaterThan(0);
    expect(isRunning(mock.pid)).toBe(true);
  } finally {
    await mock.close();
  }
  // A process that is gone holds no socket. Its port is not probed: the system may already have
  // given it to a server of another test running in parallel, which the probe would then disturb.
  expect(isRunning(mock.pid)).toBe(false);
  await expect(mock.close()).resolves.toBeUndefined();
});

test("validates requests when errors are on", async () => {
  await using mock = await startMockServer({ errors: true });

  const response = await fetch(`${mock.url}${SESSIONS}?sort_order=UP`, { headers: { authorization: "Bearer any" } });

  expect(response.status).toBe(422);
  expect(response.headers.get("sl-violations")).toContain("sort_order");
});

test("fails with Prism's own words when the spec cannot be served, and stops Prism", async () => {
  const dir = await mkdtemp(join(tmpdir(), "mock-test-"));
  const specPath = join(dir, "broken.yaml");
  await writeFile(specPath, "openapi: 3.1.0\npaths: [\n");

  const failure = (await rejectionOf(startMockServer({ specPath, startupTimeoutMs: 15_000 }))) as Error;
  await rm(dir, { recursive: true });

  expect(failure?.message).toMatch(/^Prism exited before answering/);
  expect(failure?.message).toContain("Prism said:");
});
