import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACCOUNT, APP, rejectionOf } from "@realtimekit-sessions/test-kit";
import { expect, test } from "vitest";
// The built module: it serves the spec the build copied beside it, as the published package does.
import { startMockServer } from "../dist/index.js";
import { loadedBudget } from "../src/budget.js";

const SESSIONS = `/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions`;

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

test.each(["SIGTERM", "SIGHUP", "SIGKILL"] as const)(
  "ends Prism when the process that started it is killed with %s",
  async (signal) => {
    // A program that starts the mock and then waits, printing the pids of the process that
    // runs Prism and of Prism itself.
    const program = `
      import { readFileSync } from "node:fs";
      import { startMockServer } from ${JSON.stringify(new URL("../dist/index.js", import.meta.url).href)};
      const mock = await startMockServer();
      const prism = Number(readFileSync(\`/proc/\${mock.pid}/task/\${mock.pid}/children\`, "utf8").trim());
      console.log(JSON.stringify({ guard: mock.pid, prism }));
      setInterval(() => {}, 1_000);
    `;
    const user = spawn(process.execPath, ["--input-type=module", "-e", program], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve) =>
      user.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString())),
    );
    const { guard, prism } = JSON.parse(line) as { guard: number; prism: number };
    expect([isRunning(guard), isRunning(prism)]).toEqual([true, true]);

    user.kill(signal);

    const deadline = Date.now() + 15_000;
    while ((isRunning(guard) || isRunning(prism)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect([isRunning(guard), isRunning(prism)]).toEqual([false, false]);
  },
);

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

  const failure = (await rejectionOf(startMockServer({ specPath }))) as Error;
  await rm(dir, { recursive: true });

  expect(failure?.message).toMatch(/^Prism exited before answering/);
  expect(failure?.message).toContain("Prism said:");
});

test("waits longer for Prism on a busy machine: the idle budget times the load average per core", () => {
  expect(loadedBudget(0, 2)).toBe(30_000);
  expect(loadedBudget(2, 2)).toBe(30_000);
  expect(loadedBudget(11, 2)).toBe(165_000);
  expect(loadedBudget(3, 4)).toBe(30_000);
});

test("gives up after an explicit startupTimeoutMs, saying how long it waited", async () => {
  const failure = (await rejectionOf(startMockServer({ startupTimeoutMs: 1 }))) as Error;

  expect(failure?.message).toMatch(/^Prism did not answer at http:\/\/127\.0\.0\.1:\d+ within \d+ ms/);
});
