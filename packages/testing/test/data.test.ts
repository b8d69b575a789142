// What the generated data must be for questions about all of an app's sessions to mean
// something: meetings recur, people come back, it ends at the fake's present, and what it says
// about one session agrees with itself (the times of peer reports, the order of participants,
// the counters after a session ends). Stated for any seed, size and present.
import { createSessionsClient } from "@realtimekit-sessions/client";
import fc from "fast-check";
import { expect, test } from "vitest";
import { createFakeApi } from "../src/index.js";

const DAY_MS = 86_400_000;
const worlds = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  sessions: fc.integer({ min: 10, max: 400 }),
  now: fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2030-01-01T00:00:00Z") }),
});

test("any seed, size and present: sessions fill the 30 days before it, the live ones recent and started, ended ones over, minutes adding up", () => {
  fc.assert(
    fc.property(worlds, ({ seed, sessions, now }) => {
      const fake = createFakeApi({ seed, sessions, now });
      const live = fake.sessions.filter(({ session }) => session.status === "LIVE");
      expect(live.length).toBe(Math.min(Math.floor(sessions / 10), 12));
      for (const { session, participants } of fake.sessions) {
        const started = Date.parse(session.started_at);
        expect(started).toBeGreaterThanOrEqual(now - 30 * DAY_MS);
        expect(started).toBeLessThan(now);
        expect(Date.parse(session.updated_at)).toBeLessThanOrEqual(now);
        if (session.status === "LIVE") expect(now - started).toBeLessThanOrEqual(90 * 60_000);
        else expect(Date.parse(session.ended_at ?? "")).toBeLessThan(now);
        for (const participant of participants) {
          expect(Date.parse(participant.left_at ?? participant.joined_at ?? "")).toBeLessThanOrEqual(now);
        }
        // Each participant's minutes add up to the session's.
        const minutes = participants.reduce((sum, participant) => sum + (participant.duration ?? 0), 0);
        expect(session.minutes_consumed).toBeCloseTo(minutes, 3);
      }
    }),
    { seed: 29, numRuns: 25 },
  );
});

test("any seed and size: meetings recur, and people come back under the same user_id, custom id and name", () => {
  fc.assert(
    fc.property(worlds, ({ seed, sessions, now }) => {
      const fake = createFakeApi({ seed, sessions, now });
      const meetings = new Map<string, Set<string>>();
      const people = new Map<string, { custom: string | undefined; name: string | undefined; sessions: number }>();
      for (const { session, participants } of fake.sessions) {
        const titles = meetings.get(session.associated_id) ?? new Set();
        titles.add(session.meeting_display_name);
        meetings.set(session.associated_id, titles);
        const users = participants.map((participant) => participant.user_id);
        expect(new Set(users).size).toBe(users.length);
        for (const participant of participants) {
          const known = people.get(String(participant.user_id));
          if (known) {
            expect([participant.custom_participant_id, participant.display_name]).toEqual([known.custom, known.name]);
            known.sessions++;
          } else {
            people.set(String(participant.user_id), {
              custom: participant.custom_participant_id,
              name: participant.display_name,
              sessions: 1,
            });
          }
        }
      }
      // One title per meeting, several sessions to most meetings, and most people in more than one session.
      for (const titles of meetings.values()) expect(titles.size).toBe(1);
      expect(meetings.size).toBeLessThanOrEqual(Math.ceil(sessions / 3));
      const returning = [...people.values()].filter((person) => person.sessions > 1).length;
      expect(returning / people.size).toBeGreaterThan(0.5);
    }),
    { seed: 29, numRuns: 25 },
  );
});

test("any seed: peer-report events fall while their participant was in the session", () => {
  fc.assert(
    fc.property(worlds, ({ seed, sessions, now }) => {
      const fake = createFakeApi({ seed, sessions: Math.min(sessions, 60), now });
      for (const { session, participants, peerReports } of fake.sessions) {
        for (const participant of participants) {
          const report = peerReports.get(String(participant.id));
          const joined = Date.parse(participant.joined_at ?? "");
          const left = participant.left_at ? Date.parse(participant.left_at) : Date.parse(session.updated_at);
          const times = [
            ...(report?.metadata?.events ?? []).map((event) => event.timestamp),
            ...(report?.quality?.audio_producer ?? []).map((sample) => sample.timestamp),
          ].map((time) => Date.parse(String(time)));
          expect(times.length).toBeGreaterThan(0);
          for (const time of times) {
            expect(time).toBeGreaterThanOrEqual(joined);
            expect(time).toBeLessThanOrEqual(Math.max(joined, left));
          }
        }
      }
    }),
    { seed: 29, numRuns: 15 },
  );
});

test("fake.sessions[i].participants is in the order the API lists them", async () => {
  const fake = createFakeApi({ sessions: 40, now: "2026-11-30T00:00:00Z" });
  const client = createSessionsClient({ apiToken: "t", ...fake });
  for (const { session, participants } of fake.sessions) {
    const listed = await client.listParticipants(session.id, { include_peer_events: true, per_page: 100 });
    expect(listed.participants).toEqual(participants);
  }
});

test("the same seed and present make the same data; by default the data ends at the present", () => {
  const now = "2026-11-30T12:00:00.000Z";
  const a = createFakeApi({ sessions: 30, now });
  const b = createFakeApi({ sessions: 30, now: new Date(now) });
  expect(b.sessions.map(({ session, participants }) => [session, participants])).toEqual(
    a.sessions.map(({ session, participants }) => [session, participants]),
  );
  const before = Date.now();
  const present = createFakeApi({ sessions: 30 });
  const newest = Math.max(...present.sessions.map(({ session }) => Date.parse(session.started_at)));
  expect(newest).toBeGreaterThan(before - 90 * 60_000);
  expect(() => createFakeApi({ now: "yesterday" })).toThrow(/now must be a time/);
});

test("endSession ends the session at the fake's present, and its counters agree with its participants", async () => {
  const now = Date.parse("2026-11-30T12:00:00Z");
  const fake = createFakeApi({ sessions: 20, now });
  const record = fake.sessions.find(({ session }) => session.status === "LIVE");
  if (!record) throw new Error("the fake of 20 sessions has a live one");
  await fake.endSession(record.session.id);
  const { session, participants } = record;
  expect(session).toMatchObject({ status: "ENDED", ended_at: new Date(now).toISOString(), live_participants: 0 });
  expect(session.updated_at).toBe(new Date(now).toISOString());
  for (const participant of participants) {
    expect(participant.left_at).not.toBeNull();
    const minutes = (Date.parse(participant.left_at ?? "") - Date.parse(participant.joined_at ?? "")) / 60_000;
    expect(participant.duration).toBeCloseTo(minutes, 3);
  }
  const total = participants.reduce((sum, participant) => sum + (participant.duration ?? 0), 0);
  expect(session.minutes_consumed).toBeCloseTo(total, 3);
});

test("startSession starts a live session at the present, listed after every other, and tells the webhooks", async () => {
  const now = Date.parse("2026-11-30T12:00:00Z");
  const fake = createFakeApi({ sessions: 25, now });
  const client = createSessionsClient({ apiToken: "t", ...fake });
  const events: string[] = [];
  fake.webhooks.subscribe(async (request) => {
    events.push(((await request.json()) as { event: string }).event);
    return new Response("ok");
  });
  const first = await fake.startSession({ participants: 2, meeting_display_name: "Standup" });
  const second = await fake.startSession();
  expect(first.session).toMatchObject({ status: "LIVE", meeting_display_name: "Standup" });
  expect(Date.parse(first.session.started_at)).toBeGreaterThanOrEqual(now);
  expect(events).toEqual([
    "meeting.started",
    "meeting.participantJoined",
    "meeting.started",
    "meeting.participantJoined",
  ]);
  const listed = await client.listSessions({ sort_by: "createdAt", sort_order: "DESC", per_page: 2 });
  expect(listed.sessions.map((session) => session.id)).toEqual([second.session.id, first.session.id]);
  expect(listed.paging?.total_count).toBe(27);
  expect((await client.getSession(first.session.id)).id).toBe(first.session.id);
  expect(await client.listSessions({ status: "LIVE", per_page: 100 })).toMatchObject({ paging: { total_count: 4 } });
});
