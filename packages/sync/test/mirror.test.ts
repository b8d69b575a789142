// The mirror against a fake app, on both engines: what a backfill writes, what an unchanged
// mirror costs, live sessions followed to their end, files read when ready, and webhooks.
import { createSessionsClient } from "@realtimekit-sessions/client";
import { createFakeApi, type FakeApi } from "@realtimekit-sessions/testing";
import { describe, expect, test } from "vitest";
import { createMirror } from "../src/index.js";
import { engines, tablesOf } from "./engines.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");

function clientOf(fake: FakeApi) {
  return createSessionsClient({ apiToken: "mirror-test-token", ...fake, fetch: fake.fetch });
}

describe.each(engines())("on $name", (engine) => {
  test("a backfill writes every session, participant and file as the API answers them", async () => {
    const fake = createFakeApi({ sessions: 60, now: NOW, seed: 3 });
    const mirror = await createMirror({ client: clientOf(fake), database: await engine.fresh(), now: () => NOW });
    const summary = await mirror.sync();
    expect(summary.sessions).toBe(60);
    const tables = await tablesOf(mirror.database);
    expect(tables.sessions).toHaveLength(60);
    expect(tables.participants).toHaveLength(fake.sessions.reduce((sum, s) => sum + s.participants.length, 0));
    expect(tables.chat_messages).toHaveLength(fake.sessions.reduce((sum, s) => sum + s.chat.length, 0));
    const [row] = await mirror.database.query<{ id: string; minutes_consumed: string; started_at: Date | string }>(
      `SELECT id, minutes_consumed::text, started_at FROM realtimekit.sessions WHERE id = $1`,
      [fake.sessions[5]?.session.id],
    );
    expect(Number(row?.minutes_consumed)).toBe(fake.sessions[5]?.session.minutes_consumed);
    await mirror.close();
  });

  test("an unchanged mirror costs one list page, one request per live session and none else", async () => {
    const fake = createFakeApi({ sessions: 120, now: NOW });
    const mirror = await createMirror({ client: clientOf(fake), database: await engine.fresh(), now: () => NOW });
    await mirror.sync();
    const before = fake.requests.length;
    await mirror.sync();
    const made = fake.requests.slice(before);
    const live = fake.sessions.filter(({ session }) => session.status === "LIVE").length;
    const pending = await mirror.database.query(`SELECT 1 FROM realtimekit.sync_work`);
    expect(made.filter((r) => r.operation === "listSessions")).toHaveLength(1);
    // A live session on the list page is checked by it, without a request of its own.
    expect(made.filter((r) => r.operation === "getSession").length).toBeLessThanOrEqual(live);
    expect(made.length).toBeLessThanOrEqual(1 + live + pending.length);
    expect(made.filter((r) => r.operation === "listParticipants" || r.operation === "download")).toEqual([]);
    await mirror.close();
  });

  test("a session ended since the last sync gets its end, its participants' and its files", async () => {
    const fake = createFakeApi({ sessions: 30, now: NOW });
    const mirror = await createMirror({ client: clientOf(fake), database: await engine.fresh(), now: () => NOW });
    await mirror.sync();
    const live = fake.sessions.find(({ session }) => session.status === "LIVE");
    if (!live) throw new Error("the fake of 30 has a live session");
    await fake.endSession(live.session.id);
    await mirror.sync();
    const fresh = await createMirror({
      client: clientOf(fake),
      database: await engine.fresh("backfill"),
      now: () => NOW,
    });
    const incremental = await tablesOf(mirror.database);
    await mirror.close();
    await fresh.sync();
    expect(incremental).toEqual(await tablesOf(fresh.database));
    await fresh.close();
  });
});
