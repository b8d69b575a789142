// The built binary, as a user runs it: one run of each command against the fake served on
// loopback, and what only a real process shows: pipes that close, a full disk, signals, a kill.
import { spawn } from "node:child_process";
import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProcess } from "@realtimekit-sessions/test-kit";
import { createFakeApi, type FakeApi } from "@realtimekit-sessions/testing";
import { type ServedFakeApi, serveFakeApi } from "@realtimekit-sessions/testing/serve";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CLI, TOKEN } from "./fake.js";
import { lines } from "./io.js";

let served: ServedFakeApi;
let fake: FakeApi;
let directory: string;
/** Replaces what the server answers with, for the tests that need other headers. */
let answer: (request: Request) => Promise<Response>;

beforeAll(async () => {
  fake = createFakeApi({
    apiToken: TOKEN,
    sessions: [
      { status: "ENDED", chat: 2, transcript: 3, summaryReady: true, participants: 2 },
      ...Array.from({ length: 39 }, () => ({ status: "ENDED" as const })),
    ],
    rateLimit: { requests: 1000, windowMs: 1000 },
  });
  answer = (request) => fake.fetch(request);
  served = await serveFakeApi(fake, { handle: (request) => answer(request) });
  directory = await mkdtemp(join(tmpdir(), "cli-smoke-"));
});
afterAll(async () => {
  await served?.close();
  await rm(directory, { recursive: true, force: true });
});

const environment = () => ({
  CLOUDFLARE_API_TOKEN: TOKEN,
  CLOUDFLARE_ACCOUNT_ID: fake.accountId,
  REALTIMEKIT_APP_ID: fake.appId,
  CLOUDFLARE_BASE_URL: served.baseUrl,
});

async function cli(args: string[]) {
  const result = await runProcess(process.execPath, [CLI, ...args], { env: environment() });
  expect(result.stdout + result.stderr).not.toContain(TOKEN);
  return result;
}

describe("each command, once, as a process", () => {
  const first = () => fake.sessions[0];
  test.each([
    ["sessions list", () => ["sessions", "list"], (out: string) => expect(lines(out)).toHaveLength(20)],
    [
      "sessions get",
      () => ["sessions", "get", first()?.session.id ?? ""],
      (out: string) => expect(JSON.parse(out).id).toBe(first()?.session.id),
    ],
    [
      "participants",
      () => ["participants", first()?.session.id ?? ""],
      (out: string) => expect(lines(out)).toHaveLength(2),
    ],
    [
      "participant",
      () => ["participant", first()?.session.id ?? "", first()?.participants[0]?.id ?? ""],
      (out: string) => expect(JSON.parse(out).id).toBe(first()?.participants[0]?.id),
    ],
    [
      "peer-report",
      () => ["peer-report", first()?.participants[0]?.peer_events?.[0]?.peer_id ?? ""],
      (out: string) => expect(JSON.parse(out).peer_report).toBeDefined(),
    ],
    ["chat", () => ["chat", first()?.session.id ?? ""], (out: string) => expect(lines(out)).toHaveLength(2)],
    [
      "transcript",
      () => ["transcript", first()?.session.id ?? "", "--format", "csv"],
      (out: string) => expect(out).toContain(first()?.transcript[0]?.text),
    ],
    [
      "summary",
      () => ["summary", first()?.session.id ?? ""],
      (out: string) => expect(out.trimEnd()).toBe(first()?.summary.text.trimEnd()),
    ],
    ["export", () => ["export", "--include", "participants"], (out: string) => expect(lines(out)).toHaveLength(40)],
  ])("%s", async (_, args, check) => {
    const { code, stdout, stderr } = await cli(args());
    expect(code, stderr).toBe(0);
    check(stdout);
  });

  test("--version", async () => {
    const { version } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
    expect(await cli(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  test("from a clone, the README's own command line: builds what it needs, and its output pipes into jq", async () => {
    const root = new URL("../../../", import.meta.url).pathname;
    const readme = await readFile(join(root, "README.md"), "utf8");
    const line = /^pnpm -s cli sessions list --fake \| jq -s length$/m.exec(readme)?.[0];
    expect(line, "the README's command line").toBeDefined();

    const { code, stdout, stderr } = await runProcess("sh", ["-c", line ?? ""], { cwd: root });

    expect(code, stderr).toBe(0);
    // jq read every line as JSON: one session each, a page of the API's default 20.
    expect(stdout).toBe("20\n");
  });
});

test("from a clone, the README's three commands: sync, usage by meeting, and the report written", async () => {
  const root = new URL("../../../", import.meta.url).pathname;
  const readme = await readFile(join(root, "README.md"), "utf8");
  const sync = /^pnpm -s cli sync --fake$/m.exec(readme)?.[0];
  const usage = /^pnpm -s cli usage --by meeting$/m.exec(readme)?.[0];
  const report = /^pnpm -s cli report --fake --out usage\.html$/m.exec(readme)?.[0];
  expect([sync, usage, report], "the README's command lines").toEqual([
    expect.any(String),
    expect.any(String),
    expect.any(String),
  ]);
  const folder = await mkdtemp(join(tmpdir(), "realtimekit-readme-mirror-"));
  try {
    // As written, with the mirror's folder moved out of the clone.
    const env = { REALTIMEKIT_DATABASE: join(folder, "mirror") };
    const synced = await runProcess("sh", ["-c", sync ?? ""], { cwd: root, env });
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stderr).toMatch(/120 sessions/);
    const answered = await runProcess("sh", ["-c", usage ?? ""], { cwd: root, env });
    expect(answered.code, answered.stderr).toBe(0);
    const rows = lines(answered.stdout).map((line) => JSON.parse(line));
    expect(rows.reduce((sum, row) => sum + row.sessions, 0)).toBe(120);
    const minutes = rows.map((row) => row.participant_minutes);
    expect(minutes).toEqual([...minutes].sort((a, b) => b - a));
    const written = await runProcess("sh", ["-c", report ?? ""], { cwd: root, env });
    expect(written.code, written.stderr).toBe(0);
    // After the banner of the build `pnpm cli` runs first.
    expect(written.stderr).toMatch(/^Wrote usage\.html \(\d+ KB\): 120 sessions started from /m);
    expect(await readFile(join(root, "usage.html"), "utf8")).toMatch(/^<!doctype html>[\s\S]*<svg[\s\S]*<\/html>\n$/);
  } finally {
    await rm(folder, { recursive: true, force: true });
    await rm(join(root, "usage.html"), { force: true });
  }
});

describe("standard output that goes away", () => {
  test("a pipe closed after the first line (| head -1) ends quietly, exit 0", async () => {
    const child = spawn(process.execPath, [CLI, "--fake", "sessions", "list", "--all", "--json"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await exited;
    expect([code, stderr]).toEqual([0, ""]);
  });

  test("a full disk (>/dev/full) is one line, exit 1", async () => {
    const full = await open("/dev/full", "w");
    try {
      const child = spawn(process.execPath, [CLI, "--fake", "sessions", "list", "--all", "--json"], {
        stdio: ["ignore", full.fd, "pipe"],
      });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      let stderr = "";
      child.stderr?.on("data", (chunk) => {
        stderr += chunk;
      });
      const code = await exited;
      expect([code, stderr]).toEqual([1, "error: Could not write to standard output: the disk is full.\n"]);
    } finally {
      await full.close();
    }
  });
});

describe("signals", () => {
  test("Ctrl-C while the export waits for a window hours away: exit 130 at once, with how to resume", async () => {
    answer = async (request) => {
      const real = await fake.fetch(request);
      const headers = new Headers(real.headers);
      headers.set("ratelimit", '"default";r=0;t=36000');
      return new Response(real.body, { status: real.status, headers });
    };
    const out = join(directory, "waiting.ndjson");
    const child = spawn(process.execPath, [CLI, "export", "--include", "participants", "--out", out], {
      env: { ...process.env, ...environment() },
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    let stderr = "";
    // Interrupted once it says it waits: a window this far away would otherwise hold it for hours.
    const waiting = new Promise<void>((resolve) => {
      child.stderr?.on("data", (chunk) => {
        stderr += chunk;
        if (stderr.includes("\n")) resolve();
      });
    });
    await waiting;
    child.kill("SIGINT");
    const code = await exited;
    answer = (request) => fake.fetch(request);

    expect(code).toBe(130);
    expect(stderr).toBe(
      "Waiting 300 s for the rate limit's window to reset (no requests are left in it). Ctrl-C stops; run the same command again to resume.\n" +
        `Interrupted after 0 sessions to ${out}. Run the same command again to resume.\n`,
    );
  });

  test("killed half-way (kill -9) and run again, continues without a duplicate or a missing session", async () => {
    answer = async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return fake.fetch(request);
    };
    const out = join(directory, "killed.ndjson");
    const args = ["export", "--include", "participants", "--out", out, "--concurrency", "1"];
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...environment() } });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await new Promise<void>((resolve) => {
      const poll = setInterval(async () => {
        if (lines(await readFile(out, "utf8").catch(() => "")).length >= 5) {
          clearInterval(poll);
          child.kill("SIGKILL");
          resolve();
        }
      }, 10);
    });
    await exited;
    answer = (request) => fake.fetch(request);
    const partial = lines(await readFile(out, "utf8")).length;
    const again = await cli(args);

    const ids = lines(await readFile(out, "utf8")).map((line) => JSON.parse(line).id);
    expect(partial).toBeGreaterThanOrEqual(5);
    expect(partial).toBeLessThan(40);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`Resuming the export into ${out}: ${partial} sessions are already there.`);
    expect(ids.sort()).toEqual(fake.sessions.map(({ session }) => session.id).sort());
  });
});
