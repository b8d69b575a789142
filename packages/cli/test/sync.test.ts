// `sync` and `sql`, run in-process against the fake: the trial's question answered in two
// commands, and every way the database can fail said in one line with exit code 3, nothing
// half-written, and the next run continuing.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, mountTmpfs, startPostgres } from "@realtimekit-sessions/test-kit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PARTS } from "../src/commands/sync.js";
import { TOKEN, withFake } from "./fake.js";
import { lines } from "./io.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "realtimekit-cli-sync-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});
const dir = (name: string) => join(folder, name);

test("the parts --include offers are the sync package's", async () => {
  const { MIRROR_PARTS } = await import("@realtimekit-sessions/sync");
  expect([...PARTS]).toEqual([...MIRROR_PARTS]);
});

test("sync, then one sql over meeting_usage: the top meetings, equal to what the fake's own data adds up to", async () => {
  const { fake, cli } = withFake({ sessions: 80, now: NOW });
  const database = dir("trial");
  const synced = await cli(["sync", "--database", database]);
  expect(synced.code, synced.stderr).toBe(0);
  expect(synced.stderr).toMatch(/^Synced into PGlite at .* 80 sessions/m);
  const query = "SELECT * FROM realtimekit.meeting_usage ORDER BY participant_minutes DESC LIMIT 5";
  const answered = await cli(["sql", query, "--database", database, "--format", "json"]);
  expect(answered.code, answered.stderr).toBe(0);

  const meetings = new Map<string, { sessions: number; minutes: number; people: Set<string>; last: string }>();
  for (const { session, participants } of fake.sessions) {
    const meeting = meetings.get(session.associated_id) ?? { sessions: 0, minutes: 0, people: new Set(), last: "" };
    meeting.sessions++;
    meeting.minutes += session.minutes_consumed;
    for (const p of participants) meeting.people.add(String(p.user_id ?? p.custom_participant_id));
    if (session.started_at > meeting.last) meeting.last = session.started_at;
    meetings.set(session.associated_id, meeting);
  }
  const expected = [...meetings.entries()]
    .sort(([, a], [, b]) => b.minutes - a.minutes)
    .slice(0, 5)
    .map(([id, m]) => ({ id, sessions: m.sessions, minutes: m.minutes, participants: m.people.size, last: m.last }));
  const rows = lines(answered.stdout).map((line) => JSON.parse(line));
  expect(
    rows.map((row) => ({
      id: row.associated_id,
      sessions: row.sessions,
      minutes: row.participant_minutes,
      participants: row.participants,
      last: row.last_session_at,
    })),
  ).toEqual(expected.map((row) => ({ ...row, minutes: expect.closeTo(row.minutes, 3) })));

  const table = await cli(["sql", query, "--database", database, "--format", "table"]);
  expect(lines(table.stdout)[0]).toMatch(/^ASSOCIATED_ID\s+MEETING_DISPLAY_NAME\s+SESSIONS\s+PARTICIPANT_MINUTES/);
  const csv = await cli(["sql", query, "--database", database, "--format", "csv"]);
  expect(lines(csv.stdout)).toHaveLength(6);
  expect(lines(csv.stdout)[0]).toBe(
    "associated_id,meeting_display_name,sessions,participant_minutes,participants,last_session_at",
  );
});

test("the token is in no table of the mirror", async () => {
  const { cli } = withFake({ sessions: 30, now: NOW });
  const database = dir("secret");
  expect((await cli(["sync", "--database", database, "--include", ...PARTS])).code).toBe(0);
  const everything = await cli([
    "sql",
    `SELECT string_agg(t::text, ' ') AS all FROM (
       SELECT s::text AS t FROM realtimekit.sessions s UNION ALL SELECT p::text FROM realtimekit.participants p
       UNION ALL SELECT c::text FROM realtimekit.chat_messages c UNION ALL SELECT u::text FROM realtimekit.transcript_utterances u
       UNION ALL SELECT m::text FROM realtimekit.summaries m UNION ALL SELECT r::text FROM realtimekit.peer_reports r
       UNION ALL SELECT w::text FROM realtimekit.webhook_deliveries w UNION ALL SELECT x::text FROM realtimekit.sync_state x) rows`,
    "--database",
    database,
  ]);
  expect(everything.code).toBe(0);
  expect(everything.stdout.length).toBeGreaterThan(10_000);
  expect(everything.stdout).not.toContain(TOKEN);
});

test("sql refuses a write, a query that is not one, and a database without a mirror, each in one line", async () => {
  const { cli } = withFake({ sessions: 10, now: NOW });
  const database = dir("readonly-sql");
  await cli(["sync", "--database", database]);
  const write = await cli(["sql", "DELETE FROM realtimekit.sessions", "--database", database]);
  expect([write.code, lines(write.stderr)]).toEqual([
    2,
    [expect.stringMatching(/^error: the query failed: .*read-only/)],
  ]);
  const wrong = await cli(["sql", "SELEC 1", "--database", database]);
  expect([wrong.code, lines(wrong.stderr)]).toEqual([
    2,
    [expect.stringMatching(/^error: the query failed: syntax error/)],
  ]);
  const none = await cli(["sql", "SELECT 1", "--database", dir("nothing-here")]);
  expect([none.code, lines(none.stderr)]).toEqual([
    2,
    [expect.stringMatching(/no mirror at .*run `realtimekit-sessions sync` first/)],
  ]);
  const still = await cli(["sql", "SELECT count(*) AS n FROM realtimekit.sessions", "--database", database, "--json"]);
  expect(JSON.parse(still.stdout)).toEqual({ n: 10 });
});

test("flags sync does not use without another are refused before anything runs", async () => {
  const { cli, fake } = withFake({ sessions: 5, now: NOW });
  for (const [argv, message] of [
    [["--every", "5m"], /--every says how often --watch syncs/],
    [["--webhook-key", "key.pem"], /--webhook-key verifies the deliveries --listen takes/],
    [["--watch", "--every", "5x"], /--every takes a duration from 1s to 24h/],
    [["--since", "last week"], /--since takes an ISO 8601 time/],
  ] as const) {
    const result = await cli(["sync", "--database", dir("unused"), ...argv]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)[0]).toMatch(message);
  }
  expect(fake.requests).toEqual([]);
});

describe("a database that fails: one line, exit 3, and the next run continues", () => {
  test("a refused connection", async () => {
    const { cli, fake } = withFake({ sessions: 5, now: NOW });
    const port = await freePort();
    const result = await cli(["sync", "--database", `postgres://mirror:hunter2@127.0.0.1:${port}/mirror`]);
    expect(result.code).toBe(3);
    expect(lines(result.stderr)).toEqual([
      `error: postgres://127.0.0.1:${port}/mirror: could not connect (ECONNREFUSED): is the server running, and is the host and port right?.`,
    ]);
    expect(result.stderr).not.toContain("hunter2");
    expect(fake.requests).toEqual([]);
  });

  test("a wrong password, on a real server", async () => {
    const server = await startPostgres();
    try {
      const { cli } = withFake({ sessions: 12, now: NOW });
      const wrong = server.url.replace(/:[^:@/]+@/, ":not-the-password@");
      const result = await cli(["sync", "--database", wrong]);
      expect(result.code).toBe(3);
      expect(lines(result.stderr)).toEqual([
        expect.stringMatching(
          /^error: postgres:\/\/127\.0\.0\.1:\d+\/postgres: the server refused the user name or password in the URL\.$/,
        ),
      ]);
      expect(result.stderr).not.toContain("not-the-password");
      const right = await cli(["sync", "--database", server.url]);
      expect(right.code, right.stderr).toBe(0);
      const counted = await cli(["sql", "SELECT count(*) AS n FROM realtimekit.sessions", "--database", server.url]);
      expect(JSON.parse(counted.stdout)).toEqual({ n: 12 });
    } finally {
      await server.stop();
    }
  });

  test("a database directory that is a file", async () => {
    const { cli } = withFake({ sessions: 5, now: NOW });
    const file = dir("a-file");
    await writeFile(file, "not a database");
    const result = await cli(["sync", "--database", file]);
    expect([result.code, lines(result.stderr)]).toEqual([
      3,
      [`error: PGlite at ${file}: ${file} is a file, not a directory for the mirror.`],
    ]);
  });

  test("a read-only database directory", async () => {
    const mount = await mountTmpfs({ sizeMb: 1, readOnly: true });
    try {
      const { cli } = withFake({ sessions: 5, now: NOW });
      const result = await cli(["sync", "--database", mount.path]);
      expect([result.code, lines(result.stderr)]).toEqual([
        3,
        [`error: PGlite at ${mount.path}: ${mount.path} is read-only: the mirror needs to write there.`],
      ]);
    } finally {
      await mount.unmount();
    }
  });

  test("a schema newer than this version knows, for sync and for sql", async () => {
    const { cli } = withFake({ sessions: 5, now: NOW });
    const database = dir("future");
    await cli(["sync", "--database", database]);
    const { openDatabase } = await import("@realtimekit-sessions/sync");
    const db = await openDatabase(database);
    await db.query("INSERT INTO realtimekit.schema_migrations (version, name) VALUES (99, 'from_the_future')");
    await db.close();
    for (const argv of [["sync"], ["sql", "SELECT 1"]]) {
      const result = await cli([...argv, "--database", database]);
      expect(result.code).toBe(3);
      expect(lines(result.stderr)).toEqual([
        expect.stringMatching(
          /^error: PGlite at .*future: the mirror's schema is version 99, newer than this version of .* knows \(1\)/,
        ),
      ]);
    }
  });

  test("a full disk mid-batch: the batches before it stay, and once there is room the next run ends where a backfill does", async () => {
    const mount = await mountTmpfs({ sizeMb: 300 });
    try {
      const { cli } = withFake({ sessions: 1500, now: NOW });
      const database = join(mount.path, "mirror");
      // The database made, then the disk filled to leave 3 MB: the sync runs out of room.
      expect((await cli(["sync", "--database", database, "--since", new Date(NOW).toISOString()])).code).toBe(0);
      const { statfs } = await import("node:fs/promises");
      const { bavail, bsize } = await statfs(mount.path);
      const filler = join(mount.path, "filler");
      await writeFile(filler, Buffer.alloc(Math.max(0, bavail * bsize - 3_000_000)));
      const full = await cli(["sync", "--database", database]);
      expect([full.code, lines(full.stderr)]).toEqual([
        3,
        [
          `error: PGlite at ${database}: the disk is full: nothing of the batch was written; free some space and run the sync again.`,
        ],
      ]);
      const count = async (where: string) =>
        JSON.parse((await cli(["sql", "SELECT count(*) AS n FROM realtimekit.sessions", "--database", where])).stdout)
          .n;
      const before = await count(database);
      expect(before).toBeGreaterThan(0);
      expect(before % 100).toBe(0); // whole pages only
      expect(before).toBeLessThan(1500);
      await rm(filler);
      const again = await cli(["sync", "--database", database]);
      expect(again.code, again.stderr).toBe(0);
      const fresh = dir("full-disk-backfill");
      expect((await cli(["sync", "--database", fresh])).code).toBe(0);
      const dump = async (where: string) =>
        (
          await cli([
            "sql",
            `SELECT md5(string_agg(x, '' ORDER BY x)) AS digest, count(*) AS n FROM (
               SELECT (to_jsonb(s) - 'synced_at')::text AS x FROM realtimekit.sessions s UNION ALL
               SELECT (to_jsonb(p) - 'synced_at')::text FROM realtimekit.participants p UNION ALL
               SELECT (to_jsonb(c) - 'synced_at')::text FROM realtimekit.chat_messages c UNION ALL
               SELECT (to_jsonb(u) - 'synced_at')::text FROM realtimekit.transcript_utterances u UNION ALL
               SELECT (to_jsonb(m) - 'synced_at')::text FROM realtimekit.summaries m) rows`,
            "--database",
            where,
          ])
        ).stdout;
      expect(await dump(database)).toBe(await dump(fresh));
    } finally {
      await mount.unmount();
    }
  });
});

test("sync --watch --listen takes verified deliveries into the mirror until Ctrl-C, then exits 130", async () => {
  const { fake, cli } = withFake({ sessions: 40, now: NOW });
  const database = dir("listening");
  const key = dir("fake-key.pem");
  await writeFile(key, fake.webhooks.publicKey);
  const interrupt = new AbortController();
  const stderr = { text: "" };
  const running = cli(
    ["sync", "--database", database, "--watch", "--every", "1h", "--listen", "127.0.0.1:0", "--webhook-key", key],
    { signal: interrupt.signal, stderr: { onWrite: (text) => (stderr.text += text) } },
  );
  // The address is said once the first sync is done and the server listens.
  let url: string | undefined;
  let finished = false;
  void running.finally(() => {
    finished = true;
  });
  while (!url && !finished) {
    url = /Taking webhook deliveries on (\S+)/.exec(stderr.text)?.[1];
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!url) throw new Error(`sync --listen ended before listening: ${stderr.text}`);
  const live = fake.sessions.find(({ session }) => session.status === "LIVE");
  if (!live) throw new Error("the fake of 40 has a live session");
  fake.webhooks.subscribe(url);
  const answers = await fake.endSession(live.session.id);
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
  const forged = await fetch(
    await fake.webhooks.request(fake.webhooks.event("meeting.ended", live.session.id), { url, forge: "tampered" }),
  );
  expect(forged.status).toBe(400);
  interrupt.abort();
  const result = await running;
  expect(result.code).toBe(130);
  expect(lines(result.stderr).at(-1)).toMatch(/^Interrupted: every batch committed before stays in the mirror/);
  const ended = await cli([
    "sql",
    `SELECT status, (SELECT count(*)::int FROM realtimekit.chat_messages WHERE session_id = s.id) AS chat FROM realtimekit.sessions s WHERE id = '${live.session.id}'`,
    "--database",
    database,
  ]);
  expect(JSON.parse(ended.stdout)).toEqual({ status: "ENDED", chat: live.chat.length });
});
