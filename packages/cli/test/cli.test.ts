// The built CLI, run as a user runs it: against the in-process fake (--mock), or against the
// fake served on loopback with credentials in the environment, checking output, exit codes,
// error lines, that the token never shows, and that an interrupted export resumes.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProcess, serveFetch, type TestServer } from "@realtimekit-sessions/test-kit";
import { createFakeApi, type FakeApi } from "@realtimekit-sessions/testing";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

const CLI = new URL("../dist/cli.js", import.meta.url).pathname;
const TOKEN = "cli-secret-token-0123456789";

let server: TestServer;
let fake: FakeApi;
let directory: string;

/** Serves `fake` (replaced by each test that needs another) on loopback. */
function serve(options: Parameters<typeof createFakeApi>[0] = {}): FakeApi {
  fake = createFakeApi({
    apiToken: TOKEN,
    baseUrl: `${server.url}/client/v4`,
    storageUrl: `${server.url}/storage`,
    ...options,
  });
  return fake;
}

function environment(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    CLOUDFLARE_API_TOKEN: TOKEN,
    CLOUDFLARE_ACCOUNT_ID: fake.accountId,
    REALTIMEKIT_APP_ID: fake.appId,
    CLOUDFLARE_BASE_URL: fake.baseUrl,
    ...overrides,
  };
}

/** Runs the CLI with `args`; standard output is piped, so output is machine output unless said. */
async function cli(args: string[], env: Record<string, string> = environment()) {
  const result = await runProcess(process.execPath, [CLI, ...args], { env });
  expect(result.stdout + result.stderr).not.toContain(TOKEN);
  return result;
}

const lines = (text: string) => text.split("\n").filter(Boolean);

beforeAll(async () => {
  server = await serveFetch((request) => fake.fetch(request));
  serve();
});
afterAll(() => server?.close());
afterEach(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe("help and version", () => {
  test.each([
    [[], "Usage: realtimekit-sessions [options] [command]"],
    [["sessions", "list"], "Usage: realtimekit-sessions sessions list [options]"],
    [["export"], "--include <what...>"],
    [["transcript"], "--format <format>"],
    [["summary"], "--wait"],
  ])("%j --help says how to use it", async (command, expected) => {
    const { code, stdout } = await cli([...command, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain(expected);
  });

  test("--version prints the package version", async () => {
    const { version } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
    const { code, stdout } = await cli(["--version"]);
    expect([code, stdout.trim()]).toEqual([0, version]);
  });
});

describe("commands against the fake, with credentials from the environment", () => {
  test("sessions list sends every filter as the API's query, and prints NDJSON when piped", async () => {
    serve({ sessions: 30 });
    const { code, stdout } = await cli([
      "sessions",
      "list",
      "--status",
      "ENDED",
      "--from",
      "2026-10-01T00:00:00Z",
      "--to",
      "2026-12-01T00:00:00Z",
      "--search",
      "a",
      "--meeting",
      "abcdef-ghijkl",
      "--participants",
      "1:10",
      "--sort",
      "minutes",
      "--order",
      "asc",
      "--per-page",
      "5",
    ]);

    expect(code).toBe(0);
    expect(fake.requests[0]?.query).toEqual({
      status: "ENDED",
      start_time: "2026-10-01T00:00:00.000Z",
      end_time: "2026-12-01T00:00:00.000Z",
      search: "a",
      associated_id: "abcdef-ghijkl",
      participants: "1:10",
      sort_by: "minutesConsumed",
      sort_order: "ASC",
      per_page: "5",
      page_no: "1",
    });
    expect(stdout).toBe("");
  });

  test("sessions list --all walks every page", async () => {
    serve({ sessions: 45 });
    const { code, stdout } = await cli(["sessions", "list", "--all", "--per-page", "10", "--json"]);

    const ids = lines(stdout).map((line) => JSON.parse(line).id);
    expect(code).toBe(0);
    expect(ids.sort()).toEqual(fake.sessions.map(({ session }) => session.id).sort());
    expect(fake.requests).toHaveLength(5);
  });

  test("each command prints what the API holds", async () => {
    serve({ sessions: [{ status: "ENDED", chat: 2, transcript: 3, summaryReady: true, participants: 2 }] });
    const [record] = fake.sessions;
    const id = record?.session.id ?? "";
    const participant = record?.participants[0];
    const peer = participant?.peer_events?.[0]?.peer_id ?? "";

    const get = await cli(["sessions", "get", id]);
    const participants = await cli(["participants", id]);
    const one = await cli(["participant", id, participant?.id ?? ""]);
    const report = await cli(["peer-report", peer, "--section", "device_info"]);
    const chat = await cli(["chat", id]);
    const transcript = await cli(["transcript", id]);
    const subtitles = await cli(["transcript", id, "--format", "VTT"]);
    const summary = await cli(["summary", id]);

    expect(JSON.parse(get.stdout)).toEqual(record?.session);
    expect(lines(participants.stdout).map((line) => JSON.parse(line).id)).toEqual(
      [...(record?.participants ?? [])]
        .sort((a, b) => Date.parse(a.joined_at ?? "") - Date.parse(b.joined_at ?? ""))
        .map((item) => item.id),
    );
    expect(JSON.parse(one.stdout).id).toBe(participant?.id);
    expect(JSON.parse(report.stdout).peer_report.metadata.device_info).toEqual(
      record?.peerReports.get(participant?.id ?? "")?.metadata?.device_info,
    );
    expect(lines(chat.stdout).map((line) => JSON.parse(line))).toEqual(record?.chat);
    expect(lines(transcript.stdout).map((line) => JSON.parse(line).text)).toEqual(
      record?.transcript.map((item) => item.text),
    );
    expect(subtitles.stdout).toMatch(/^WEBVTT\n\n00:/);
    expect(summary.stdout).toBe(`${record?.summary.text}\n`);
  });

  test("summary --generate starts it, and --wait waits for it", async () => {
    serve({ sessions: [{ status: "ENDED", transcript: 2 }], summaryPolls: 1 });
    const id = fake.sessions[0]?.session.id ?? "";

    const missing = await cli(["summary", id]);
    const generated = await cli(["summary", id, "--generate"]);
    const waited = await cli(["summary", id, "--wait"]);

    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: Not found \(HTTP 404\): .*\(cf-ray [0-9a-f]+-FAKE\)\n$/);
    expect(generated.code).toBe(0);
    expect(generated.stderr).toContain(`Generating the summary of ${id}`);
    expect([waited.code, waited.stdout]).toEqual([0, `${fake.sessions[0]?.summary.text}\n`]);
  });
});

describe("errors: one line, an exit code, never the token", () => {
  test("no token: says which variable to set, exit 2, nothing sent", async () => {
    const before = fake.requests.length;
    const { code, stdout, stderr } = await cli(["sessions", "list"], environment({ CLOUDFLARE_API_TOKEN: "" }));

    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toBe(
      "error: No API token: set CLOUDFLARE_API_TOKEN (or pass --token), or try any command with --mock.\n",
    );
    expect(fake.requests.length).toBe(before);
  });

  test("a refused token: exit 1, what to do, the cf-ray id, and never the token", async () => {
    const { code, stderr } = await cli(["sessions", "list", "--token", `${TOKEN}-wrong`]);

    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: The API refused the token \(HTTP 401: Authentication error\)\. Set CLOUDFLARE_API_TOKEN, or pass --token, to a valid API token\. \(cf-ray [0-9a-f]{16}-FAKE\)\n$/,
    );
  });

  test("403: names the permission the token needs", async () => {
    fake.fail("listSessions", { status: 403 });
    const { code, stderr } = await cli(["sessions", "list"]);

    expect(code).toBe(1);
    expect(stderr).toContain('It needs the "Realtime" or "Realtime Admin" permission');
  });

  test("bad usage: exit 2", async () => {
    const unknown = await cli(["sessions", "list", "--colour"]);
    const range = await cli(["sessions", "list", "--participants", "many"]);
    const status = await cli(["sessions", "list", "--status", "OVER"]);

    expect([unknown.code, range.code, status.code]).toEqual([2, 2, 2]);
    expect(unknown.stderr).toContain("error: unknown option '--colour'");
    expect(range.stderr).toBe("error: --participants takes a range written min:max, for example 1:10, not many.\n");
    expect(status.stderr).toContain("Allowed choices are LIVE, ENDED");
  });

  test("--verbose logs every request with the credentials redacted", async () => {
    const { code, stderr } = await cli(["sessions", "list", "--verbose"]);

    expect(code).toBe(0);
    expect(stderr).toMatch(/GET .*\/sessions\?.* -> 200/);
  });
});

test("the global flags stand in for the environment", async () => {
  serve({ sessions: [{ status: "ENDED", breakout_rooms: [{ meeting_display_name: "Room 1" }] }] });
  const id = fake.sessions[0]?.session.id ?? "";

  const { code, stdout } = await cli(
    [
      "sessions",
      "get",
      id,
      "--breakout-rooms",
      "--token",
      TOKEN,
      "--account",
      fake.accountId,
      "--app",
      fake.appId,
      "--base-url",
      fake.baseUrl,
    ],
    { PATH: process.env.PATH ?? "" },
  );

  expect(code).toBe(0);
  expect(
    JSON.parse(stdout).breakout_rooms.map((room: { meeting_display_name: string }) => room.meeting_display_name),
  ).toEqual(["Room 1"]);
  expect(fake.requests[0]?.query).toEqual({ include_breakout_rooms: "true" });
});

test("sessions list --page and --sort created ask for that page and order", async () => {
  serve({ sessions: 12 });

  const { code, stdout } = await cli([
    "sessions",
    "list",
    "--page",
    "2",
    "--per-page",
    "5",
    "--sort",
    "created",
    "--order",
    "asc",
  ]);

  const oldest = fake.sessions
    .map(({ session }) => session)
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))
    .slice(5, 10)
    .map((session) => session.id);
  expect(code).toBe(0);
  expect(lines(stdout).map((line) => JSON.parse(line).id)).toEqual(oldest);
});

describe("--mock", () => {
  test("runs every command without an account", async () => {
    const env = { PATH: process.env.PATH ?? "" };
    const list = await cli(["--mock", "sessions", "list", "--status", "ENDED", "--json"], env);
    const [first] = lines(list.stdout).map((line) => JSON.parse(line));
    const transcript = await cli(["--mock", "transcript", first.id], env);

    expect(list.code).toBe(0);
    expect(lines(list.stdout)).toHaveLength(20);
    expect(first.status).toBe("ENDED");
    expect(transcript.code).toBe(0);
    expect(lines(transcript.stdout).length).toBeGreaterThan(0);
  });
});

describe("export", () => {
  test("writes every matching session, with its participants and files", async () => {
    serve({ sessions: 12 });
    directory = await mkdtemp(join(tmpdir(), "cli-export-"));
    const out = join(directory, "sessions.ndjson");

    const { code, stderr } = await cli([
      "export",
      "--status",
      "ENDED",
      "--include",
      "participants",
      "--out",
      out,
      "--files",
      join(directory, "files"),
    ]);

    const records = lines(await readFile(out, "utf8")).map((line) => JSON.parse(line));
    const ended = fake.sessions.filter(({ session }) => session.status === "ENDED");
    expect(code).toBe(0);
    expect(stderr).toMatch(
      new RegExp(`^Exported ${ended.length} sessions to .* in [\\d.]+ s: \\d+ requests, 0 rate-limited\\.\\n$`),
    );
    expect(records.map((record) => record.id).sort()).toEqual(ended.map(({ session }) => session.id).sort());
    for (const record of records) {
      const seeded = ended.find(({ session }) => session.id === record.id);
      expect(record.participants.map((item: { id: string }) => item.id).sort()).toEqual(
        seeded?.participants.map((item) => item.id).sort(),
      );
      if (seeded?.chat.length) {
        expect(await readFile(join(directory, "files", `${record.id}.chat.csv`), "utf8")).toContain(
          seeded.chat[0]?.payload ?? "",
        );
      }
    }
  });

  test("killed half-way and run again, continues without a duplicate or a missing session", async () => {
    // A tight limit makes the export take long enough to kill it half-way.
    serve({ sessions: 40, rateLimit: { requests: 10, windowMs: 1_000 } });
    directory = await mkdtemp(join(tmpdir(), "cli-export-"));
    const out = join(directory, "sessions.ndjson");
    const args = [CLI, "export", "--include", "participants", "--out", out];

    const child = spawn(process.execPath, args, { env: { ...environment(), PATH: process.env.PATH ?? "" } });
    await new Promise<void>((resolve) => {
      const poll = setInterval(async () => {
        const text = await readFile(out, "utf8").catch(() => "");
        if (lines(text).length >= 5) {
          clearInterval(poll);
          child.kill("SIGKILL");
          resolve();
        }
      }, 20);
    });
    await new Promise((resolve) => child.once("exit", resolve));
    const partial = lines(await readFile(out, "utf8")).length;
    const again = await cli(args.slice(1));

    const ids = lines(await readFile(out, "utf8")).map((line) => JSON.parse(line).id);
    expect(partial).toBeGreaterThanOrEqual(5);
    expect(partial).toBeLessThan(40);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`Resuming the export into ${out}: ${partial} sessions are already there.`);
    expect(ids).toHaveLength(40);
    expect(ids.sort()).toEqual(fake.sessions.map(({ session }) => session.id).sort());
  }, 60_000);

  test("refuses to append to a file another export wrote", async () => {
    serve({ sessions: 3 });
    directory = await mkdtemp(join(tmpdir(), "cli-export-"));
    const out = join(directory, "sessions.ndjson");
    await cli(["export", "--out", out]);

    const other = await cli(["export", "--status", "LIVE", "--out", out]);

    expect(other.code).toBe(2);
    expect(other.stderr).toContain("exists and was not written by an export with these arguments");
  });

  test("--concurrency caps the requests in flight", async () => {
    serve({ sessions: 20 });
    let inFlight = 0;
    let most = 0;
    const counting = fake;
    const paced = await serveFetch(async (request) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 15));
      try {
        return await counting.fetch(new Request(request.url.replace(paced.url, server.url), request));
      } finally {
        inFlight--;
      }
    });
    try {
      const { code, stdout } = await cli(
        ["export", "--include", "participants", "--concurrency", "2"],
        environment({ CLOUDFLARE_BASE_URL: `${paced.url}/client/v4` }),
      );

      expect(code).toBe(0);
      expect(lines(stdout)).toHaveLength(20);
      expect(most).toBe(2);
    } finally {
      await paced.close();
    }
  });

  test("paces itself under a rate limit: no 429 beyond the first burst", async () => {
    serve({ sessions: 30, rateLimit: { requests: 20, windowMs: 1_000 } });

    const { code, stdout, stderr } = await cli(["export", "--include", "participants"]);

    const [, requests = "0", limited = "0"] = /: (\d+) requests, (\d+) rate-limited\./.exec(stderr) ?? [];
    expect(code).toBe(0);
    expect(lines(stdout)).toHaveLength(30);
    // The allowance is 20 a second; 8 in flight at most before the first answer tells the pace.
    expect(Number(limited)).toBeLessThanOrEqual(8);
    expect(fake.requests.filter((request) => request.status === 429)).toHaveLength(Number(limited));
    expect(Number(requests)).toBeGreaterThanOrEqual(31);
  }, 30_000);
});

describe("on a terminal", () => {
  /** Runs the CLI under `script`, which gives it a terminal, as a user's shell does. */
  async function onTerminal(args: string[]) {
    const command = [process.execPath, CLI, ...args].map((part) => `'${part}'`).join(" ");
    return runProcess("script", ["-qec", command, "/dev/null"], {
      env: { PATH: process.env.PATH ?? "", COLUMNS: "200" },
    });
  }

  test("lists are aligned tables with readable times and minutes", async () => {
    const { code, stdout } = await onTerminal(["--mock", "sessions", "list", "--status", "ENDED", "--per-page", "3"]);

    const rows = stdout.trim().split(/\r?\n/);
    expect(code).toBe(0);
    expect(rows[0]).toMatch(/^ID\s+MEETING\s+STATUS\s+STARTED\s+LENGTH\s+PEAK\s+MINUTES\s*$/);
    expect(rows).toHaveLength(4);
    for (const row of rows.slice(1)) {
      expect(row).toMatch(/^[0-9a-f-]{36}\s+.+\s+ENDED\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+(\d+ h )?\d+ min/);
    }
  });

  test("export and --all show a progress bar with the rate and the time left", async () => {
    directory = await mkdtemp(join(tmpdir(), "cli-export-"));
    const exported = await onTerminal(["--mock", "export", "--out", join(directory, "out.ndjson")]);
    const listed = await onTerminal(["--mock", "sessions", "list", "--all", "--per-page", "50"]);

    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/Exporting \[=+\] 120\/120 sessions \| [\d.]+\/s \| \d+s left/);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/Listing \[=+\] 120\/120 sessions/);
  });
});

test("Ctrl-C stops an export cleanly, says how to resume, and the rerun finishes it", async () => {
  serve({ sessions: 30, rateLimit: { requests: 6, windowMs: 1_000 } });
  directory = await mkdtemp(join(tmpdir(), "cli-export-"));
  const out = join(directory, "sessions.ndjson");
  const args = [CLI, "export", "--out", out, "--include", "participants"];

  const child = spawn(process.execPath, args, { env: { ...environment(), PATH: process.env.PATH ?? "" } });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  await new Promise<void>((resolve) => {
    const poll = setInterval(async () => {
      if (lines(await readFile(out, "utf8").catch(() => "")).length >= 3) {
        clearInterval(poll);
        child.kill("SIGINT");
        resolve();
      }
    }, 20);
  });
  const code = await new Promise((resolve) => child.once("exit", resolve));
  const written = lines(await readFile(out, "utf8")).length;
  const again = await cli(args.slice(1));

  expect(code).toBe(130);
  expect(stderr).toContain(`Interrupted after ${written} sessions to ${out}. Run the same command again to resume.`);
  expect(again.code, again.stderr).toBe(0);
  expect(lines(await readFile(out, "utf8"))).toHaveLength(30);
}, 60_000);
