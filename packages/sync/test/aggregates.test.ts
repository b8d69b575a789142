// The views and usage() people ask questions of, at 10,000 sessions: daily_usage, meeting_usage
// and usage() by day, meeting and person equal the same figures added up here, independently,
// from the fake's own data.
import { createSessionsClient } from "@realtimekit-sessions/client";
import { createFakeApi } from "@realtimekit-sessions/testing";
import { describe, expect, test } from "vitest";
import { createMirror, usage as usageOf } from "../src/index.js";
import { engines } from "./engines.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");
const fake = createFakeApi({ sessions: 10_000, now: NOW, seed: 7 });

interface Group {
  sessions: number;
  minutes: number;
  people: Set<string>;
  last: string;
  names: [string, string][];
}

/** The fake's sessions grouped by `key`, added up the way the views document it. */
function groups(key: (session: (typeof fake.sessions)[number]["session"]) => string): Map<string, Group> {
  const result = new Map<string, Group>();
  for (const { session, participants } of fake.sessions) {
    const group = result.get(key(session)) ?? { sessions: 0, minutes: 0, people: new Set(), last: "", names: [] };
    group.sessions++;
    group.minutes += session.minutes_consumed;
    for (const p of participants) group.people.add(String(p.user_id ?? p.custom_participant_id));
    if (session.started_at > group.last) group.last = session.started_at;
    group.names.push([session.started_at, session.meeting_display_name]);
    result.set(key(session), group);
  }
  return result;
}

describe.each(engines())("on $name", (engine) => {
  test("daily_usage, meeting_usage and usage() at 10,000 sessions equal the fake's own sums", async () => {
    const client = createSessionsClient({ apiToken: "aggregates-token", ...fake, retries: 0 });
    const mirror = await createMirror({ client, database: await engine.fresh(), include: ["participants"] });
    expect((await mirror.sync()).sessions).toBe(10_000);

    const days = groups((session) => session.started_at.slice(0, 10));
    const daily = await mirror.database.query<{ day: string; sessions: number; minutes: number; participants: number }>(
      `SELECT day::text AS day, sessions::int, participant_minutes::float8 AS minutes, participants::int FROM realtimekit.daily_usage ORDER BY day`,
    );
    expect(daily.map((row) => row.day)).toEqual([...days.keys()].sort());
    expect(daily.length).toBeGreaterThanOrEqual(30);
    for (const row of daily) {
      const day = days.get(row.day) as Group;
      expect([row.sessions, row.participants]).toEqual([day.sessions, day.people.size]);
      expect(row.minutes).toBeCloseTo(day.minutes, 3);
    }

    const meetings = groups((session) => session.associated_id);
    const usage = await mirror.database.query<{
      associated_id: string;
      meeting_display_name: string;
      sessions: number;
      minutes: number;
      participants: number;
      last: string;
    }>(
      `SELECT associated_id, meeting_display_name, sessions::int, participant_minutes::float8 AS minutes, participants::int,
         to_char(last_session_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last
       FROM realtimekit.meeting_usage`,
    );
    expect(usage.length).toBe(meetings.size);
    expect(meetings.size).toBeGreaterThan(100);
    for (const row of usage) {
      const meeting = meetings.get(row.associated_id) as Group;
      const latestName = meeting.names.sort(([a], [b]) => b.localeCompare(a))[0]?.[1];
      expect([row.sessions, row.participants, row.last, row.meeting_display_name]).toEqual([
        meeting.sessions,
        meeting.people.size,
        meeting.last,
        latestName,
      ]);
      expect(row.minutes).toBeCloseTo(meeting.minutes, 3);
    }

    // usage() over the whole span: the same sums, by day, by meeting, and by person from their
    // own durations.
    const span = { from: "2026-10-01T00:00:00Z", to: "2026-12-01T00:00:00Z" };
    const byDay = (await usageOf(mirror, { by: "day", ...span })).filter((row) => row.sessions > 0);
    expect(byDay.map((row) => [row.day, row.sessions, row.participants])).toEqual(
      [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, g]) => [day, g.sessions, g.people.size]),
    );
    const byMeeting = await usageOf(mirror, { by: "meeting", ...span });
    expect(byMeeting.length).toBe(meetings.size);
    for (const row of byMeeting) {
      const meeting = meetings.get(row.meeting_id as string) as Group;
      expect([row.sessions, row.participants]).toEqual([meeting.sessions, meeting.people.size]);
      expect(row.participant_minutes).toBeCloseTo(meeting.minutes, 3);
    }
    const people = new Map<string, { minutes: number; sessions: Set<string> }>();
    for (const { session, participants } of fake.sessions) {
      for (const p of participants) {
        const person = p.user_id ?? p.custom_participant_id;
        if (!person) continue;
        const entry = people.get(person) ?? { minutes: 0, sessions: new Set() };
        entry.minutes += p.duration ?? 0;
        entry.sessions.add(session.id);
        people.set(person, entry);
      }
    }
    const byPerson = await usageOf(mirror, { by: "participant", ...span });
    expect(byPerson.length).toBe(people.size);
    for (const row of byPerson) {
      const person = people.get(row.participant) as { minutes: number; sessions: Set<string> };
      expect(row.sessions).toBe(person.sessions.size);
      expect(row.participant_minutes).toBeCloseTo(person.minutes, 3);
    }
    await mirror.close();
  });
});
