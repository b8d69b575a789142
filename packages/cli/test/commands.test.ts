// Every command and flag, run in-process against the fake: what each prints on a terminal and
// when piped, and every way a command line can be wrong.
import type { Command } from "@commander-js/extra-typings";
import { describe, expect, test } from "vitest";
import { createProgram } from "../src/program.js";
import { TOKEN, withFake } from "./fake.js";
import { lines, run, testOutput } from "./io.js";

const TERMINAL = { stdout: { isTTY: true }, stderr: { isTTY: true } };
const ERROR_LINE_RE = /^error: [^\n]+\n(See '[^\n]+'\.\n)?$/;

/** Every command of the program, as the words that run it: derived, so a new one is covered. */
function commandPaths(): string[][] {
  const io = { stdout: testOutput("standard output"), stderr: testOutput("standard error") };
  const program = createProgram(
    { ...io, env: {}, clock: { now: Date.now, sleep: async () => {} }, fetch, signal: new AbortController().signal },
    {
      writeOut() {},
      writeErr() {},
      outputError() {},
    },
  );
  const walk = (command: Command<unknown[], Record<string, unknown>>, path: string[]): string[][] => [
    path,
    ...command.commands.flatMap((sub) => walk(sub as never, [...path, sub.name()])),
  ];
  return walk(program as never, []);
}

describe("help and version", () => {
  test.each(commandPaths().map((path) => [path.join(" ") || "(no command)", path] as const))(
    "%s --help says how to use it, on standard output, exit 0",
    async (_, path) => {
      const { code, stdout, stderr } = await run([...path, "--help"]);

      expect([code, stderr]).toEqual([0, ""]);
      expect(stdout).toContain(`Usage: realtimekit-sessions${path.length ? ` ${path.join(" ")}` : ""} [options]`);
    },
  );

  test("every command is covered: the program has fifteen commands and three groups", () => {
    expect(commandPaths().map((path) => path.join(" "))).toEqual([
      "",
      "sessions",
      "sessions list",
      "sessions get",
      "participants",
      "participant",
      "peer-report",
      "chat",
      "transcript",
      "summary",
      "export",
      "webhooks",
      "webhooks key",
      "webhooks trigger",
      "sync",
      "sql",
      "usage",
      "report",
      "fake",
      "fake serve",
      "fake end-session",
    ]);
  });

  test("--version prints the package version", async () => {
    const { version } = (await import("../package.json", { with: { type: "json" } })).default;
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  test.each([[[]], [["sessions"]]])("%j without a command prints its help, exit 0", async (argv) => {
    const { code, stdout, stderr } = await run(argv);
    expect([code, stderr]).toEqual([0, ""]);
    expect(stdout).toMatch(/^Usage: realtimekit-sessions/);
  });
});

describe("bad usage: one line and a hint, exit 2, nothing sent", () => {
  test.each([
    [["bogus", "--fake"], "error: unknown command 'bogus'"],
    [["sessions", "list", "--colour"], "error: unknown option '--colour'"],
    [["sessions", "get"], "error: missing required argument 'session-id'"],
    [["sessions", "list", "--status", "OVER"], "Allowed choices are LIVE, ENDED"],
    [["sessions", "list", "--per-page", "0"], "--per-page takes a whole number from 1 to 1,000"],
    [["sessions", "list", "--page", "1e9"], "--page takes a whole number from 1 to 1,000,000"],
    [["sessions", "list", "--participants", "many"], "--participants takes a range written min:max"],
    [["sessions", "list", "--participants", "10:1"], "the least (10) is above the most (1)"],
    [["sessions", "list", "--from", "last week"], "--from takes an ISO 8601 time"],
    [
      ["sessions", "list", "--from", "2026-11-02", "--to", "2026-11-01"],
      "--from 2026-11-02 (2026-11-02T00:00:00.000Z) is after --to",
    ],
    [["export", "--concurrency", "1e9"], "--concurrency takes a whole number from 1 to 64"],
    [["export", "--concurrency", "65"], "--concurrency takes a whole number from 1 to 64"],
    [["export", "--max-share", "0"], "--max-share takes a share above 0 and at most 1"],
    [["transcript", "x", "--format", "pdf"], "--format takes one of csv, json, srt, vtt"],
    [["--timeout", "-1", "sessions", "list"], "--timeout takes seconds"],
    [["summary", "x", "--max-wait", "9999"], "--max-wait takes seconds"],
  ])("%j", async (argv, expected) => {
    let sent = 0;
    const { code, stdout, stderr } = await run(argv, {
      fetch: async () => {
        sent++;
        return new Response("{}");
      },
      env: { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: "a", REALTIMEKIT_APP_ID: "b" },
    });

    expect([code, stdout, sent]).toEqual([2, "", 0]);
    expect(stderr).toMatch(ERROR_LINE_RE);
    expect(stderr).toContain(expected);
  });

  test("an unknown command is one line and a hint, not the whole help", async () => {
    const { code, stderr } = await run(["bogus", "--fake"]);
    expect(code).toBe(2);
    expect(stderr).toBe("error: unknown command 'bogus'\nSee 'realtimekit-sessions --help'.\n");
  });

  test("the hint names the command whose usage was wrong", async () => {
    const { code, stderr } = await run(["--fake", "sessions", "list", "--colour"]);
    expect(code).toBe(2);
    expect(stderr).toBe("error: unknown option '--colour'\nSee 'realtimekit-sessions sessions list --help'.\n");
  });

  test("no token: says which variable to set", async () => {
    const { code, stderr } = await run(["sessions", "list"]);
    expect([code, stderr]).toEqual([
      2,
      "error: No API token: set CLOUDFLARE_API_TOKEN (or pass --token), or try any command with --fake.\n",
    ]);
  });
});

describe("sessions list", () => {
  test("sends every filter as the API's query", async () => {
    const { fake, cli } = withFake({ sessions: 30 });

    const { code } = await cli([
      "sessions",
      "list",
      ...["--status", "ENDED", "--from", "2026-10-01T00:00:00Z", "--to", "2026-12-01T00:00:00Z"],
      ...["--search", "a", "--meeting", "abcdef-ghijkl", "--participants", "1:10"],
      ...["--sort", "minutes", "--order", "asc", "--per-page", "5", "--page", "2"],
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
      page_no: "2",
    });
  });

  test("piped, prints the page as NDJSON", async () => {
    const { fake, cli } = withFake({ sessions: 12 });

    const { stdout } = await cli([
      "sessions",
      "list",
      "--per-page",
      "5",
      "--page",
      "2",
      "--sort",
      "created",
      "--order",
      "asc",
    ]);

    const expected = fake.sessions
      .map(({ session }) => session)
      .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))
      .slice(5, 10)
      .map((session) => session.id);
    expect(lines(stdout).map((line) => JSON.parse(line).id)).toEqual(expected);
  });

  test("on a terminal, a table with UTC times, and which rows of how many with how to see more", async () => {
    const { cli } = withFake({ sessions: 120 });

    const { code, stdout, stderr } = await cli(["sessions", "list"], TERMINAL);

    const rows = lines(stdout);
    expect(code).toBe(0);
    expect(rows[0]).toMatch(/^ID\s+MEETING\s+STATUS\s+STARTED\s+LENGTH\s+PEAK\s+PARTICIPANT-MIN\s*$/);
    // Participant-minutes are a count, never written as a length.
    for (const row of rows.slice(1)) expect(row).toMatch(/\s(\d{1,3}(,\d{3})*|-)\s*$/);
    expect(rows).toHaveLength(21);
    for (const row of rows.slice(1)) expect(row).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(stderr).toBe("Showing 1-20 of 120 sessions (page 1 of 6). Next page: --page 2; every page: --all.\n");
  });

  test("a page past the end says so instead of printing a bare header", async () => {
    const { cli } = withFake({ sessions: 120 });

    const { code, stdout, stderr } = await cli(["sessions", "list", "--page", "7"], TERMINAL);

    expect([code, stdout]).toEqual([0, ""]);
    expect(stderr).toBe("Page 7 is past the end: 120 sessions fill 6 pages of 20.\n");
  });

  test("a live session's length reads as how long it has run, in days past two", async () => {
    const started = new Date(Date.now() - (34 * 24 + 6) * 3_600_000 - 60_000).toISOString();
    const { cli } = withFake({ sessions: [{ status: "LIVE", started_at: started, ended_at: null }] });

    const { stdout } = await cli(["sessions", "list"], TERMINAL);

    expect(lines(stdout)[1]).toContain("live for 34 d 6 h");
  });

  test("--all streams every page as NDJSON", async () => {
    const { fake, cli } = withFake({ sessions: 45 });

    const { code, stdout } = await cli(["sessions", "list", "--all", "--per-page", "10", "--json"]);

    expect(code).toBe(0);
    expect(
      lines(stdout)
        .map((line) => JSON.parse(line).id)
        .sort(),
    ).toEqual(fake.sessions.map(({ session }) => session.id).sort());
  });

  test("--all on a terminal shows progress on standard error and one table", async () => {
    const { cli } = withFake({ sessions: 45 });

    const { code, stdout, stderr } = await cli(["sessions", "list", "--all", "--per-page", "10"], TERMINAL);

    expect(code).toBe(0);
    expect(lines(stdout)).toHaveLength(46);
    expect(stderr).toMatch(/Listing 45\/45 sessions \| [\d.]+\/s/);
  });
});

describe("one session and its participants", () => {
  const seeded = () =>
    withFake({
      sessions: [
        {
          status: "ENDED",
          chat: 2,
          transcript: 3,
          summaryReady: true,
          participants: 2,
          breakout_rooms: [{ meeting_display_name: "Room 1" }],
        },
      ],
    });

  test("sessions get prints the session as JSON, and as a table on a terminal", async () => {
    const { fake, cli } = seeded();
    const record = fake.sessions[0];
    const id = record?.session.id ?? "";

    const json = await cli(["sessions", "get", id, "--breakout-rooms"]);
    const table = await cli(["sessions", "get", id], TERMINAL);

    expect(
      JSON.parse(json.stdout).breakout_rooms.map((room: { meeting_display_name: string }) => room.meeting_display_name),
    ).toEqual(["Room 1"]);
    expect(fake.requests[0]?.query).toEqual({ include_breakout_rooms: "true" });
    expect(table.stdout).toContain(`id                          ${id}`);
    expect(table.stdout).toMatch(/started\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  test("participants and participant", async () => {
    const { fake, cli } = seeded();
    const record = fake.sessions[0];
    const id = record?.session.id ?? "";
    const participant = record?.participants[0];

    const list = await cli(["participants", id]);
    const table = await cli(["participants", id], TERMINAL);
    const one = await cli(["participant", id, participant?.id ?? ""]);
    const oneTable = await cli(["participant", id, participant?.id ?? ""], TERMINAL);

    expect(
      lines(list.stdout)
        .map((line) => JSON.parse(line).id)
        .sort(),
    ).toEqual(record?.participants.map((item) => item.id).sort());
    expect(lines(table.stdout)).toHaveLength(3);
    expect(JSON.parse(one.stdout).id).toBe(participant?.id);
    expect(oneTable.stdout).toContain(participant?.display_name ?? "?");
  });
});

describe("peer-report", () => {
  const report = () => {
    const run = withFake({ sessions: [{ status: "ENDED", participants: 1 }] });
    const participant = run.fake.sessions[0]?.participants[0];
    const peer = participant?.peer_events?.[0]?.peer_id ?? "";
    const seeded = run.fake.sessions[0]?.peerReports.get(participant?.id ?? "");
    return { ...run, peer, seeded };
  };

  test("--section events lists the events, not dashes", async () => {
    const { cli, peer, seeded } = report();

    const { code, stdout } = await cli(["peer-report", peer, "--section", "events"], TERMINAL);

    const names = seeded?.metadata?.events?.map((event) => event.name) ?? [];
    expect(code).toBe(0);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(stdout).toMatch(new RegExp(`UTC  ${name}`));
    expect(stdout).not.toContain("audio quality");
  });

  test("--section precall_network_information shows the network outside --json too", async () => {
    const { cli, peer, seeded } = report();

    const { stdout } = await cli(["peer-report", peer, "--section", "precall_network_information"], TERMINAL);

    expect(stdout).toMatch(new RegExp(`network type\\s+${seeded?.metadata?.pc_metadata?.[0]?.effective_network_type}`));
    expect(stdout).toMatch(/sending through\s+srflx\/udp to host\/udp/);
  });

  test("every section by default, and the API's answer as JSON", async () => {
    const { fake, cli, peer, seeded } = report();

    const table = await cli(["peer-report", peer], TERMINAL);
    const json = await cli(["peer-report", peer, "--section", "device_info", "--section", "quality_stats"]);

    for (const field of ["device", "location", "network type", "events", "audio quality (MOS)"])
      expect(table.stdout).toContain(field);
    expect(JSON.parse(json.stdout).peer_report.metadata.device_info).toEqual(seeded?.metadata?.device_info);
    expect(fake.requests.at(-1)?.query).toEqual({ filters: "device_info,quality_stats" });
  });
});

describe("chat, transcript and summary", () => {
  const seeded = (extra: object = {}) =>
    withFake({
      sessions: [
        { status: "ENDED", chat: 2, transcript: 3, summaryReady: true, participants: 2 },
        { status: "ENDED", participants: 1, chat: 0, transcript: 0 },
        { status: "ENDED", participants: 1, transcript: 2 },
      ],
      ...extra,
    });

  test("chat prints the messages as NDJSON, or a table", async () => {
    const { fake, cli } = seeded();
    const record = fake.sessions[0];

    const json = await cli(["chat", record?.session.id ?? ""]);
    const table = await cli(["chat", record?.session.id ?? ""], TERMINAL);

    expect(lines(json.stdout).map((line) => JSON.parse(line))).toEqual(record?.chat);
    expect(lines(table.stdout)[0]).toMatch(/^SENT\s+FROM\s+TYPE\s+MESSAGE/);
  });

  test.each(["chat", "transcript"])("%s of a session that has none says so, not 'check the ids'", async (command) => {
    const { fake, cli } = seeded();
    const id = fake.sessions[1]?.session.id ?? "";

    const { code, stderr } = await cli([command, id]);

    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^error: Session ${id} has no ${command}: [^\\n]+\\n$`));
    expect(stderr).not.toContain("Check the ids");
  });

  test("chat of a session that does not exist is the API's 404", async () => {
    const { cli } = seeded();
    const { code, stderr } = await cli(["chat", "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: Not found \(HTTP 404\): No session found/);
  });

  test("transcript rows as NDJSON when piped, and --format prints the file itself, in any case", async () => {
    const { fake, cli } = seeded();
    const record = fake.sessions[0];
    const id = record?.session.id ?? "";

    const rows = await cli(["transcript", id]);
    const upper = await cli(["transcript", id, "--format", "CSV"]);
    const lower = await cli(["transcript", id, "--format", "csv"]);
    const json = await cli(["transcript", id, "--format", "json"]);
    const vtt = await cli(["transcript", id, "--format", "Vtt"]);

    expect(lines(rows.stdout).map((line) => JSON.parse(line).text)).toEqual(
      record?.transcript.map((item) => item.text),
    );
    expect(upper.stdout).toBe(lower.stdout);
    expect(upper.stdout).not.toMatch(/^\{/);
    for (const item of record?.transcript ?? []) expect(upper.stdout).toContain(item.text);
    expect(JSON.parse(json.stdout)).toHaveLength(3);
    expect(vtt.stdout).toMatch(/^WEBVTT\n\n00:/);
  });

  test("--format and --json together are refused: one prints the file, the other rows", async () => {
    const { fake, cli } = seeded();
    const { code, stderr } = await cli(["transcript", fake.sessions[0]?.session.id ?? "", "--format", "csv", "--json"]);
    expect([code, stderr]).toEqual([
      2,
      "error: --format prints the file as it is and --json prints its rows: choose one.\n",
    ]);
  });

  test.each(["headed", "headerless"] as const)(
    "the transcript table gives every time as an offset from the session's start (%s CSV)",
    async (transcriptLayout) => {
      const { fake, cli } = seeded({ transcriptLayout });
      const record = fake.sessions[0];

      const { stdout } = await cli(["transcript", record?.session.id ?? ""], TERMINAL);

      const times = lines(stdout)
        .slice(1)
        .map((row) => row.split(/\s{2,}/)[0]);
      const start = Date.parse(record?.session.started_at ?? "");
      const expected = (record?.transcript ?? []).map((item) => {
        const seconds = Math.floor((Date.parse(item.startedAt) - start) / 1000);
        return [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60]
          .map((part) => String(part).padStart(2, "0"))
          .join(":");
      });
      expect(times).toEqual(expected);
    },
  );

  test("summary prints Markdown, or with --json an object that holds it", async () => {
    const { fake, cli } = seeded();
    const record = fake.sessions[0];
    const id = record?.session.id ?? "";

    const text = await cli(["summary", id], TERMINAL);
    const json = await cli(["summary", id, "--json"]);

    expect(text.stdout).toMatch(/[^\n]\n$/);
    expect(text.stdout.trimEnd()).toBe(record?.summary.text.trimEnd());
    expect(JSON.parse(json.stdout)).toEqual({ session_id: id, summary: record?.summary.text });
  });

  test("summary 404 names --generate; --generate --json prints the API's answer; --wait says it waits", async () => {
    const { fake, cli } = seeded({ summaryPolls: 1 });
    const id = fake.sessions[2]?.session.id ?? "";

    const missing = await cli(["summary", id]);
    const generated = await cli(["summary", id, "--generate", "--json"]);
    const waited = await cli(["summary", id, "--wait", "--json"], { stderr: { isTTY: true } });

    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`realtimekit-sessions summary <session-id> --generate`);
    expect(JSON.parse(generated.stdout)).toEqual({ session_id: id, status: expect.any(String) });
    expect(waited.code).toBe(0);
    expect(waited.stderr).toContain(`Waiting for the summary of ${id}`);
    expect(waited.stderr).toMatch(/Waited \d+ s(\n|$)/);
    // A count of seconds has no rate: the line says the time, and nothing per second.
    expect(waited.stderr).not.toContain("/s");
    expect(JSON.parse(waited.stdout)).toEqual({ session_id: id, summary: fake.sessions[2]?.summary.text });
  });

  test("with --fake, --generate then a plain summary in the next command says why it is not there", async () => {
    const { stdout } = await run(["--fake", "sessions", "list", "--status", "ENDED", "--per-page", "1"]);
    const id = JSON.parse(lines(stdout)[0] ?? "{}").id as string;

    const generated = await run(["--fake", "summary", id, "--generate"]);
    const next = await run(["--fake", "summary", id]);

    expect(generated.stderr).toContain("each command starts a new fake");
    expect(next.code).toBe(1);
    expect(next.stderr).toContain("with --fake, only --wait works: each command starts a new fake");
  });
});

describe("errors: one line, an exit code, never the token", () => {
  test("a refused token: exit 1, what to do, the cf-ray id", async () => {
    const { cli } = withFake();
    const { code, stderr } = await cli(["sessions", "list", "--token", `${TOKEN}-wrong`]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: The API refused the token \(HTTP 401: Authentication error\)\. Set CLOUDFLARE_API_TOKEN, or pass --token, to a valid API token\. \(cf-ray [0-9a-f]{16}-FAKE\)\n$/,
    );
  });

  test("403: names the permission the token needs", async () => {
    const { fake, cli } = withFake();
    fake.fail("listSessions", { status: 403 });
    const { code, stderr } = await cli(["sessions", "list"]);
    expect(code).toBe(1);
    expect(stderr).toContain('It needs the "Realtime" or "Realtime Admin" permission');
  });

  test("a message a server broke over lines is still one line", async () => {
    const { fake, cli } = withFake();
    fake.fail("listSessions", {
      status: 400,
      body: { success: false, errors: [{ code: 1, message: "bad\nrequest\r\n\u001b[31mred" }] },
    });
    const { stderr } = await cli(["sessions", "list"]);
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toContain("bad request [31mred");
  });

  test("--verbose logs every request with the credentials redacted, --timeout is the client's", async () => {
    const { cli } = withFake();
    const { code, stderr } = await cli(["sessions", "list", "--verbose", "--timeout", "5"]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/GET .*\/sessions\?.* -> 200/);
  });

  test("a closed standard output ends the command quietly, exit 0", async () => {
    const { cli } = withFake({ sessions: 45 });
    const { code, stderr } = await cli(["sessions", "list", "--all", "--json"], {
      stdout: { failAfter: { bytes: 1000, code: "EPIPE" } },
    });
    expect([code, stderr]).toEqual([0, ""]);
  });

  test("a full disk is one line, exit 1", async () => {
    const { cli } = withFake({ sessions: 45 });
    const { code, stderr } = await cli(["sessions", "list", "--all", "--json"], {
      stdout: { failAfter: { bytes: 1000, code: "ENOSPC" } },
    });
    expect([code, stderr]).toEqual([1, "error: Could not write to standard output: the disk is full.\n"]);
  });

  test("an interrupt during a command exits 130", async () => {
    const { cli } = withFake();
    const controller = new AbortController();
    // A request that never answers, until the user presses Ctrl-C.
    const hanging = (request: Request) =>
      new Promise<Response>((_, reject) => {
        request.signal.addEventListener("abort", () => reject(request.signal.reason));
        setTimeout(() => controller.abort(new Error("Interrupted")), 10);
      });
    const { code, stderr } = await cli(["sessions", "list"], { fetch: hanging, signal: controller.signal });
    expect([code, stderr]).toEqual([130, "Interrupted.\n"]);
  });
});

test("--token, --account, --app and --base-url stand in for the environment", async () => {
  const { fake } = withFake({ sessions: 3, baseUrl: "https://api.example.test/client/v4" });
  const { code, stdout } = await run(
    [
      ...["sessions", "list", "--token", TOKEN, "--account", fake.accountId, "--app", fake.appId],
      ...["--base-url", fake.baseUrl],
    ],
    { fetch: (request) => fake.fetch(request), secret: TOKEN },
  );
  expect(code).toBe(0);
  expect(lines(stdout)).toHaveLength(3);
  expect(fake.requests[0]?.url).toMatch(/^https:\/\/api\.example\.test\/client\/v4\/accounts\//);
});

test("--fake runs without an account", async () => {
  const { code, stdout } = await run(["--fake", "sessions", "list", "--status", "ENDED"]);
  const sessions = lines(stdout).map((line) => JSON.parse(line));
  expect(code).toBe(0);
  expect(sessions).toHaveLength(20);
  expect(sessions.every((session) => session.status === "ENDED")).toBe(true);
});

test("summary --wait gives up after --max-wait", async () => {
  const { fake, cli } = withFake({ sessions: [{ status: "ENDED", transcript: 2 }], summaryPolls: 1_000 });
  const { code, stderr } = await cli(["summary", fake.sessions[0]?.session.id ?? "", "--wait", "--max-wait", "0.3"]);
  expect(code).toBe(1);
  expect(lines(stderr).at(-1)).toMatch(
    /^error: The API did not answer in time: waitForSummary: the summary of session .* was not ready within 300 ms/,
  );
});
