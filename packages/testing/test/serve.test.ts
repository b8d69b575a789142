// The fake served on loopback as a developer's Worker meets it: its key at a URL the Worker can
// fetch, its deliveries linking to files the Worker can download, and its controls (end a
// session, sign a delivery) answered from outside the process.
import { createSessionsClient } from "@realtimekit-sessions/client";
import { createDownloads } from "@realtimekit-sessions/client/downloads";
import { createWebhookVerifier, type TranscriptWebhookEvent } from "@realtimekit-sessions/client/webhooks";
import fc from "fast-check";
import { expect, test } from "vitest";
import { createFakeApi } from "../src/index.js";
import { type FakeDescription, type SignedDelivery, serveFakeApi } from "../src/serve.js";

test("serveFakeApi returns the served key's URL, and a delivery it signs verifies with the key fetched from there", async () => {
  const fake = createFakeApi({ sessions: 20, seed: 3 });
  await using served = await serveFakeApi(fake);
  expect(served.keyUrl).toBe(`${served.storageUrl}/.well-known/webhooks.json`);
  const asked = await fetch(`${served.url}/__fake/deliveries`, {
    method: "POST",
    body: JSON.stringify({ event: "meeting.transcript" }),
  });
  const delivery = (await asked.json()) as SignedDelivery;
  const request = new Request("http://worker.test/webhook", {
    method: "POST",
    headers: delivery.headers,
    body: delivery.body,
  });
  const event = (await createWebhookVerifier({ keyUrl: served.keyUrl }).verify(request)) as TranscriptWebhookEvent;

  const record = fake.sessions.find(({ session }) => session.id === delivery.session);
  expect(asked.status).toBe(200);
  expect(record?.session.status).toBe("ENDED");
  expect(event.meeting?.sessionId).toBe(delivery.session);
  // The link leads back to the served fake, and downloads the session's transcript from there.
  expect(event.transcriptDownloadUrl?.startsWith(`${served.storageUrl}/`)).toBe(true);
  const client = createSessionsClient({
    apiToken: "t",
    accountId: fake.accountId,
    appId: fake.appId,
    baseUrl: served.baseUrl,
  });
  const rows = [];
  for await (const row of createDownloads(client).downloadTranscript(delivery.session, {
    link: { url: event.transcriptDownloadUrl ?? "" },
  })) {
    rows.push(row.text);
  }
  expect(rows).toEqual(record?.transcript.map((utterance) => utterance.text));
});

test("the served fake describes itself, ends a live session on request, and refuses what it cannot do", async () => {
  const fake = createFakeApi({ sessions: 30, seed: 4 });
  await using served = await serveFakeApi(fake);
  const description = (await (await fetch(`${served.url}/__fake`)).json()) as FakeDescription;
  expect(description).toEqual({
    baseUrl: served.baseUrl,
    storageUrl: served.storageUrl,
    keyUrl: served.keyUrl,
    accountId: fake.accountId,
    appId: fake.appId,
    sessions: 30,
  });

  const live = fake.sessions.find(({ session }) => session.status === "LIVE")?.session.id ?? "";
  const end = (id: string) => fetch(`${served.url}/__fake/sessions/${encodeURIComponent(id)}/end`, { method: "POST" });
  const ended = await end(live);
  const again = await end(live);
  const unknown = await end("no-such-session");
  const badEvent = await fetch(`${served.url}/__fake/deliveries`, { method: "POST", body: '{"event":"meeting.over"}' });
  const badSession = await fetch(`${served.url}/__fake/deliveries`, {
    method: "POST",
    body: JSON.stringify({ event: "meeting.ended", session: "no-such-session" }),
  });

  expect(ended.status).toBe(200);
  expect(((await ended.json()) as { session: { status: string } }).session.status).toBe("ENDED");
  expect(fake.sessions.find(({ session }) => session.id === live)?.session.status).toBe("ENDED");
  expect([again.status, await again.json()]).toEqual([409, { error: `session ${live} has already ended` }]);
  expect([unknown.status, await unknown.json()]).toEqual([404, { error: 'the fake has no session "no-such-session"' }]);
  expect(badEvent.status).toBe(400);
  expect(((await badEvent.json()) as { error: string }).error).toMatch(/^event is one of meeting\.started, /);
  expect(badSession.status).toBe(404);
  // A control it does not have is a 404 that names the ones it has.
  expect((await fetch(`${served.url}/__fake/other`)).status).toBe(404);
});

test("any request to the served fake's controls is answered in JSON, 2xx or 4xx, and the fake keeps serving (property)", async () => {
  const fake = createFakeApi({ sessions: 12, seed: 9 });
  await using served = await serveFakeApi(fake);
  const ids = fake.sessions.map(({ session }) => session.id);
  const path = fc.oneof(
    fc.constantFrom("", "/", "/deliveries", "/sessions", "/other"),
    fc.constantFrom(...ids, "nope", "%00", "..").map((id) => `/sessions/${encodeURIComponent(id)}/end`),
  );
  const body = fc.oneof(
    fc.string(),
    fc
      .record({
        event: fc.oneof(fc.constantFrom("meeting.ended", "meeting.transcript", "meeting.started"), fc.string()),
        session: fc.option(fc.oneof(fc.constantFrom(...ids), fc.string(), fc.integer()), { nil: undefined }),
      })
      .map((value) => JSON.stringify(value)),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom("GET", "POST", "PUT"), path, body, async (method, where, text) => {
      const answer = await fetch(`${served.url}/__fake${where}`, {
        method,
        ...(method === "GET" ? {} : { body: text }),
      });
      expect(answer.status < 300 || (answer.status >= 400 && answer.status < 500)).toBe(true);
      const json = (await answer.json()) as { error?: unknown };
      if (answer.status >= 400) expect(typeof json.error).toBe("string");
    }),
    { seed: 31, numRuns: 150 },
  );
  const still = await fetch(`${served.url}/__fake`);
  expect(still.status).toBe(200);
});
