// `usage` and `report`, run in-process over a mirror of the fake: every grouping equals SQL
// written here over the same mirror, the period is resolved on a virtual clock and said with
// every answer, and the report is written whole, as HTML or as the data behind it.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@realtimekit-sessions/sync";
import { virtualClock } from "@realtimekit-sessions/test-kit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { USAGE_BY } from "../src/commands/usage.js";
import { withFake } from "./fake.js";
import { lines } from "./io.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");
const DAY_MS = 86_400_000;
const TERMINAL = { stdout: { isTTY: true }, stderr: { isTTY: true } };
let folder: string;
let database: string;
const { cli } = withFake({ sessions: 300, now: NOW, seed: 5 });
/** The command on a clock stopped at NOW: what `30d` and `yesterday` resolve against. */
const at = (argv: string[], extra: Parameters<typeof cli>[1] = {}) => cli(argv, { clock: virtualClock(NOW), ...extra });

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "realtimekit-cli-usage-"));
  database = join(folder, "mirror");
  const synced = await cli(["sync", "--database", database, "--include", "participants", "chat", "peer_reports"]);
  expect(synced.code, synced.stderr).toBe(0);
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Rows of SQL over the mirror, opened and closed around the query. */
async function sql<Row extends object>(query: string, params: unknown[]): Promise<Row[]> {
  const db = await openDatabase(database);
  try {
    return await db.query<Row>(query, params);
  } finally {
    await db.close();
  }
}

const PERIOD = [new Date(NOW - 30 * DAY_MS).toISOString(), new Date(NOW).toISOString()];
const PERSON = "coalesce(p.user_id, p.custom_participant_id)";

/** Each grouping's figures, written here apart from the sync package's queries. */
const EXPECTED: Record<(typeof USAGE_BY)[number], string> = {
  day: `SELECT d::date::text AS day,
      (SELECT count(*) FROM realtimekit.sessions s WHERE s.started_at >= $1 AND s.started_at < $2
         AND (s.started_at AT TIME ZONE 'UTC')::date = d::date)::int AS sessions,
      (SELECT coalesce(sum(minutes_consumed), 0) FROM realtimekit.sessions s WHERE s.started_at >= $1 AND s.started_at < $2
         AND (s.started_at AT TIME ZONE 'UTC')::date = d::date)::float8 AS participant_minutes,
      (SELECT count(DISTINCT ${PERSON}) FROM realtimekit.participants p JOIN realtimekit.sessions s ON s.id = p.session_id
         WHERE s.started_at >= $1 AND s.started_at < $2 AND (s.started_at AT TIME ZONE 'UTC')::date = d::date)::int AS participants
    FROM generate_series('2026-10-31'::date, '2026-11-30'::date, interval '1 day') d ORDER BY 1`,
  meeting: `SELECT s.associated_id AS meeting_id, count(*)::int AS sessions, sum(s.minutes_consumed)::float8 AS participant_minutes,
      (SELECT count(DISTINCT ${PERSON}) FROM realtimekit.participants p JOIN realtimekit.sessions t ON t.id = p.session_id
         WHERE t.associated_id = s.associated_id AND t.started_at >= $1 AND t.started_at < $2)::int AS participants
    FROM realtimekit.sessions s WHERE s.started_at >= $1 AND s.started_at < $2
    GROUP BY s.associated_id ORDER BY sum(s.minutes_consumed) DESC`,
  participant: `SELECT ${PERSON} AS participant, count(DISTINCT p.session_id)::int AS sessions,
      sum(p.duration)::float8 AS participant_minutes
    FROM realtimekit.participants p JOIN realtimekit.sessions s ON s.id = p.session_id
    WHERE s.started_at >= $1 AND s.started_at < $2 AND ${PERSON} IS NOT NULL
    GROUP BY 1 ORDER BY sum(p.duration) DESC`,
};

describe.each(USAGE_BY)("usage --by %s", (by) => {
  test("equals SQL over the mirror, row for row, each row carrying its period", async () => {
    const { code, stdout, stderr } = await at(["usage", "--by", by, "--database", database]);
    expect(code, stderr).toBe(0);
    const rows = lines(stdout).map((line) => JSON.parse(line));
    const expected = await sql<Record<string, unknown>>(EXPECTED[by], PERIOD);
    expect(rows.length).toBe(expected.length);
    expect(rows.length).toBeGreaterThan(by === "day" ? 30 : 10);
    expect(rows.map((row) => Object.fromEntries(Object.keys(expected[0] ?? {}).map((key) => [key, row[key]])))).toEqual(
      expected.map((row) => ({ ...row, participant_minutes: expect.closeTo(row.participant_minutes as number, 6) })),
    );
    for (const row of rows) expect([row.period_from, row.period_to]).toEqual(PERIOD);
  });

  test("as CSV, the same rows with the period in two columns", async () => {
    const json = await at(["usage", "--by", by, "--database", database]);
    const csv = await at(["usage", "--by", by, "--database", database, "--format", "csv"]);
    expect(csv.code, csv.stderr).toBe(0);
    const [head, ...rows] = lines(csv.stdout);
    expect(head?.split(",").slice(0, 2)).toEqual(["period_from", "period_to"]);
    expect(rows).toHaveLength(lines(json.stdout).length);
  });
});

describe("on a terminal", () => {
  test("a table that says its period and that its minutes are participant-minutes", async () => {
    const { code, stdout, stderr } = await at(["usage", "--database", database], TERMINAL);
    expect(code, stderr).toBe(0);
    const [said, head, first] = lines(stdout);
    expect(said).toBe(`Usage by day, sessions started from ${PERIOD[0]} to ${PERIOD[1]} (UTC; --from 30d, --to now):`);
    expect(head).toMatch(/^DAY\s+SESSIONS\s+PARTICIPANT-MINUTES\s+PARTICIPANTS\s*$/);
    expect(first).toMatch(/^2026-10-31\s+\d+\s+[\d,]+\s+\d+\s*$/);
    expect(stderr).toMatch(
      /^[\d,]+ sessions, [\d,]+ participant-minutes \(everyone's time in the calls, added up\)\.\n$/,
    );
  });
});

describe("relative times, on a virtual clock stopped at 2026-11-30T12:00Z", () => {
  test("--from 2w --to yesterday is from 14 days before to the midnight that began yesterday, UTC", async () => {
    const { code, stdout, stderr } = await at(["usage", "--from", "2w", "--to", "yesterday", "--database", database]);
    expect(code, stderr).toBe(0);
    const rows = lines(stdout).map((line) => JSON.parse(line));
    expect(new Set(rows.map((row) => `${row.period_from} ${row.period_to}`))).toEqual(
      new Set(["2026-11-16T12:00:00.000Z 2026-11-29T00:00:00.000Z"]),
    );
    expect(rows.map((row) => row.day)).toEqual(
      Array.from({ length: 13 }, (_, index) => new Date(Date.UTC(2026, 10, 16 + index)).toISOString().slice(0, 10)),
    );
  });

  test("sessions list --from 7d asks the API from 7 days before the clock, and says so", async () => {
    const { code, stderr } = await at(["sessions", "list", "--from", "7d", "--to", "today"]);
    expect(code, stderr).toBe(0);
    expect(lines(stderr)).toEqual([
      "--from 7d is 2026-11-23T12:00:00.000Z (UTC).",
      "--to today is 2026-11-30T00:00:00.000Z (UTC).",
    ]);
  });

  test("sync --since 1d re-reads from a day before the clock, and says so", async () => {
    const { code, stderr } = await at(["sync", "--database", database, "--since", "1d"]);
    expect(code, stderr).toBe(0);
    expect(lines(stderr)[0]).toBe("--since 1d is 2026-11-29T12:00:00.000Z (UTC).");
  });

  test.each([
    [
      ["--from", "yesterday", "--to", "2d"],
      "--from yesterday (2026-11-29T00:00:00.000Z) is not before --to 2d (2026-11-28T12:00:00.000Z).",
    ],
    [
      ["--from", "30 days"],
      "--from takes an ISO 8601 time (2026-11-01, 2026-11-01T09:00:00Z) or a time before now (12h, 30d, 2w, today, yesterday), not 30 days.",
    ],
  ])("usage %j is refused before the mirror is opened: %s", async (flags, message) => {
    const { code, stdout, stderr } = await at(["usage", ...flags, "--database", join(folder, "nowhere")]);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toContain(message);
  });
});

describe("report", () => {
  test("writes one HTML file whole, and says where, how big and for which period", async () => {
    const out = join(folder, "usage.html");
    const { code, stdout, stderr } = await at(["report", "--database", database, "--out", out]);
    expect([code, stdout], stderr).toEqual([0, ""]);
    const html = await readFile(out, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("</html>");
    expect(stderr).toMatch(
      new RegExp(
        `^Wrote ${out} \\(\\d+ KB\\): 300 sessions started from ${PERIOD[0]} to ${PERIOD[1]} \\(UTC; --from 30d, --to now\\)\\.`,
      ),
    );
    // No partial file is left beside it.
    expect((await readdir(folder)).filter((name) => name.includes("partial"))).toEqual([]);
  });

  test("--json prints the data the page is drawn from, its headline equal to SQL", async () => {
    const { code, stdout, stderr } = await at(["report", "--database", database, "--json"]);
    expect(code, stderr).toBe(0);
    const data = JSON.parse(stdout);
    const [expected] = await sql<{ sessions: number; peak: number }>(
      `SELECT count(*)::int AS sessions, max(max_concurrent_participants)::int AS peak FROM realtimekit.sessions
       WHERE started_at >= $1 AND started_at < $2`,
      PERIOD,
    );
    expect(data.period).toEqual({ from: PERIOD[0], to: PERIOD[1] });
    expect([data.headline.sessions.value, data.headline.peak_concurrency.value]).toEqual([
      expected?.sessions,
      expected?.peak,
    ]);
    expect(data.quality.worst.length).toBeGreaterThan(0);
  });

  test("--session writes that session's page; a session not in the mirror is refused", async () => {
    const [session] = await sql<{ id: string }>(
      "SELECT id FROM realtimekit.sessions ORDER BY started_at DESC LIMIT 1",
      [],
    );
    const out = join(folder, "session.html");
    const written = await at(["report", "--database", database, "--session", session?.id ?? "", "--out", out]);
    expect(written.code, written.stderr).toBe(0);
    expect(await readFile(out, "utf8")).toContain(session?.id);
    const missing = await at(["report", "--database", database, "--session", "no-such-session"]);
    expect([missing.code, missing.stdout]).toEqual([2, ""]);
    expect(missing.stderr).toMatch(/session no-such-session is not in the mirror/);
  });

  test("--fake needs no account and no mirror: the fake mirrored in memory, peer reports included", async () => {
    const { code, stdout, stderr } = await cli(["--fake", "report", "--json"], {
      env: {},
      clock: virtualClock(NOW),
    });
    expect(code, stderr).toBe(0);
    const data = JSON.parse(stdout);
    expect(data.headline.sessions.value).toBe(120);
    expect(data.quality).not.toBeNull();
  });
});
