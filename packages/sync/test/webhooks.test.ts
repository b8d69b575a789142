// mirror.handleWebhook: a delivery verified, then stored with its effect in one transaction, or
// refused; the answer tells RealtimeKit whether to retry. On both engines.
import { createSessionsClient } from "@realtimekit-sessions/client";
import { createFakeApi, type FakeApi, WEBHOOK_EVENTS } from "@realtimekit-sessions/testing";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createMirror, type MirrorDatabase } from "../src/index.js";
import { engines, tablesOf } from "./engines.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");

function mirrorOf(fake: FakeApi, database: MirrorDatabase) {
  const client = createSessionsClient({ apiToken: "webhook-token", ...fake, retries: 0 });
  return createMirror({ client, database, webhooks: { publicKey: fake.webhooks.publicKey }, now: () => NOW });
}

const deliveries = async (database: MirrorDatabase) =>
  (await database.query<{ n: number }>("SELECT count(*)::int AS n FROM realtimekit.webhook_deliveries"))[0]?.n;

describe.each(engines())("on $name", (engine) => {
  test("a forged or tampered delivery is refused with 400 and changes nothing", async () => {
    const fake = createFakeApi({ sessions: 10, now: NOW });
    const mirror = await mirrorOf(fake, await engine.fresh());
    const id = fake.sessions[0]?.session.id as string;
    for (const forge of ["tampered", "foreign-key"] as const) {
      const response = await mirror.handleWebhook(
        await fake.webhooks.request(fake.webhooks.event("meeting.ended", id), { forge }),
      );
      expect(response.status).toBe(400);
    }
    const unsigned = new Request("https://mirror.example/webhook", { method: "POST", body: "{}" });
    expect((await mirror.handleWebhook(unsigned)).status).toBe(400);
    expect(await deliveries(mirror.database)).toBe(0);
    expect((await tablesOf(mirror.database)).sessions).toEqual([]);
    await mirror.close();
  });

  test("a retried delivery is stored once; meeting.ended reads the API, not the payload", async () => {
    const fake = createFakeApi({ sessions: 20, now: NOW });
    const mirror = await mirrorOf(fake, await engine.fresh());
    const live = fake.sessions.find(({ session }) => session.status === "LIVE");
    if (!live) throw new Error("the fake of 20 has a live session");
    const received: Request[] = [];
    fake.webhooks.subscribe((request) => {
      received.push(request.clone());
      return mirror.handleWebhook(request);
    });
    const answers = await fake.endSession(live.session.id);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    const again = await mirror.handleWebhook(received[0] as Request);
    expect(await again.json()).toEqual({ status: "stored", message: "duplicate" });
    const [row] = await mirror.database.query<{ status: string; ended_at: Date | string; n: number }>(
      `SELECT status, ended_at, (SELECT count(*)::int FROM realtimekit.participants WHERE session_id = $1) AS n
       FROM realtimekit.sessions WHERE id = $1`,
      [live.session.id],
    );
    expect(row?.status).toBe("ENDED");
    expect(new Date(row?.ended_at as string).toISOString()).toBe(live.session.ended_at);
    expect(row?.n).toBe(live.participants.length);
    expect(await deliveries(mirror.database)).toBe(answers.length);
    await mirror.close();
  });

  test("an older event never overwrites newer state: meeting.started after the session ended", async () => {
    const fake = createFakeApi({ sessions: 20, now: NOW });
    const mirror = await mirrorOf(fake, await engine.fresh());
    const live = fake.sessions.find(({ session }) => session.status === "LIVE");
    if (!live) throw new Error("the fake of 20 has a live session");
    const started = await fake.webhooks.request(fake.webhooks.event("meeting.started", live.session.id));
    await fake.endSession(live.session.id);
    await mirror.sync();
    const before = await tablesOf(mirror.database);
    expect((await mirror.handleWebhook(started)).status).toBe(200);
    const after = await tablesOf(mirror.database);
    expect(after.sessions).toEqual(before.sessions);
    expect(after.participants).toEqual(before.participants);
    await mirror.close();
  });

  test("an unknown event is kept raw; a database that fails answers 503 so that RealtimeKit retries", async () => {
    const fake = createFakeApi({ sessions: 5, now: NOW });
    const database = await engine.fresh();
    const mirror = await mirrorOf(fake, database);
    const unknown = await fake.webhooks.request({
      event: "meeting.somethingNew",
      meeting: { sessionId: "x" },
      extra: 1,
    });
    expect((await mirror.handleWebhook(unknown)).status).toBe(200);
    const [kept] = await database.query<{ event: string; payload: unknown }>(
      "SELECT event, payload FROM realtimekit.webhook_deliveries",
    );
    expect(kept).toEqual({
      event: "meeting.somethingNew",
      payload: { event: "meeting.somethingNew", meeting: { sessionId: "x" }, extra: 1 },
    });
    // The database goes away under the mirror.
    await database.exec("ALTER TABLE realtimekit.webhook_deliveries RENAME TO gone");
    const id = fake.sessions[0]?.session.id as string;
    const response = await mirror.handleWebhook(
      await fake.webhooks.request(fake.webhooks.event("meeting.started", id)),
    );
    expect(response.status).toBe(503);
    expect((await response.json()).message).toMatch(/^not stored, retry: /);
    await database.exec("ALTER TABLE realtimekit.gone RENAME TO webhook_deliveries");
    await mirror.close();
  });

  test("any body and headers: a delivery that does not verify is answered 400 and writes nothing", async () => {
    const fake = createFakeApi({ sessions: 3, now: NOW });
    const mirror = await mirrorOf(fake, await engine.fresh());
    const signature = (await fake.webhooks.request({ event: "meeting.started" })).headers.get("rtk-signature") ?? "";
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 64 })),
        fc.dictionary(
          fc.constantFrom("rtk-signature", "rtk-uuid", "rtk-webhook-id", "content-type"),
          fc.oneof(
            fc.string({ maxLength: 40 }).filter((value) => !/[\r\n\0]/.test(value)),
            fc.constant(signature),
          ),
        ),
        async (body, headers) => {
          const response = await mirror.handleWebhook({ body, headers });
          expect(response.status).toBe(400);
        },
      ),
      { seed: 29, numRuns: 120 },
    );
    expect(await deliveries(mirror.database)).toBe(0);
    await mirror.close();
  });

  test("any signed payload: answered 200 or 503, never thrown; a 503 stores nothing", async () => {
    const fake = createFakeApi({ sessions: 6, now: NOW });
    const mirror = await mirrorOf(fake, await engine.fresh());
    const ids = fake.sessions.map(({ session }) => session.id);
    const events = fc.constantFrom(...WEBHOOK_EVENTS, "anything.else");
    const value = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.boolean());
    const payload = fc.record(
      {
        event: events,
        meeting: fc.record(
          {
            sessionId: fc.oneof(fc.constantFrom(...ids), value),
            id: value,
            title: value,
            startedAt: value,
            createdAt: value,
          },
          { requiredKeys: [] },
        ),
        participant: fc.record(
          { peerId: value, customParticipantId: value, joinedAt: value, leftAt: value },
          { requiredKeys: [] },
        ),
        chatDownloadUrl: value,
      },
      { requiredKeys: ["event"] },
    );
    await fc.assert(
      fc.asyncProperty(payload, async (event) => {
        const before = await deliveries(mirror.database);
        const response = await mirror.handleWebhook(await fake.webhooks.request(event));
        expect([200, 503]).toContain(response.status);
        if (response.status === 503) expect(await deliveries(mirror.database)).toBe(before);
      }),
      { seed: 29, numRuns: 80 },
    );
    await mirror.close();
  });
});
