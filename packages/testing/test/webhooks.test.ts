// The fake's deliveries, verified by the client as RealtimeKit's would be: with the key given
// as a PEM, or fetched from where the fake serves it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createSessionsClient } from "@realtimekit-sessions/client";
import { createDownloads } from "@realtimekit-sessions/client/downloads";
import {
  createWebhookVerifier,
  deliveryKey,
  type MeetingEndedWebhookEvent,
  RealtimeKitWebhookError,
  type WebhookEventName,
} from "@realtimekit-sessions/client/webhooks";
import { webhookProblems } from "@realtimekit-sessions/spec/tools/answers";
import { spec } from "@realtimekit-sessions/spec/tools/spec";
import { describe, expect, expectTypeOf, test } from "vitest";
import { createFakeApi, WEBHOOK_EVENTS } from "../src/index.js";

const PAYLOAD = { event: "meeting.ended", meeting: { id: "m-1", sessionId: "s-1" } };

test("a delivery the fake signs verifies under its public key and under the key it serves", async () => {
  const fake = createFakeApi();
  const request = await fake.webhooks.request(PAYLOAD, { url: "https://backend.example.com/webhook" });
  expect(request.headers.get("rtk-webhook-id")).toBe(fake.webhooks.webhookId);
  expect(await createWebhookVerifier({ publicKey: fake.webhooks.publicKey }).verify(request)).toEqual(PAYLOAD);
  const fetched = createWebhookVerifier({ keyUrl: fake.webhooks.keyUrl, fetch: fake.fetch });
  expect(await fetched.verify(request)).toEqual(PAYLOAD);
  expect(fake.requests.map((recorded) => recorded.url)).toEqual([fake.webhooks.keyUrl]);
});

test("a body given as a string is signed as it is, byte for byte", async () => {
  const fake = createFakeApi();
  const body = '{ "event" : "meeting.started" }';
  const request = await fake.webhooks.request(body, { url: "https://backend.example.com/webhook" });
  expect(await request.clone().text()).toBe(body);
  expect(await createWebhookVerifier({ publicKey: fake.webhooks.publicKey }).verify(request)).toEqual({
    event: "meeting.started",
  });
});

test("two deliveries of one event differ in rtk-uuid but share their delivery key", async () => {
  const fake = createFakeApi();
  const [first, second] = await Promise.all(
    [1, 2].map(() => fake.webhooks.request(PAYLOAD, { url: "https://backend.example.com/webhook" })),
  );
  expect(first?.headers.get("rtk-uuid")).not.toBe(second?.headers.get("rtk-uuid"));
  expect(await deliveryKey(first as Request)).toBe(await deliveryKey(second as Request));
});

test("a delivery changed on the way is refused", async () => {
  const fake = createFakeApi();
  const request = await fake.webhooks.request(PAYLOAD, { url: "https://backend.example.com/webhook" });
  const tampered = new Request(request, { body: JSON.stringify({ ...PAYLOAD, event: "meeting.started" }) });
  const error = await createWebhookVerifier({ publicKey: fake.webhooks.publicKey })
    .verify(tampered)
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(RealtimeKitWebhookError);
});

describe("event factories", () => {
  test("every listed event is valid against the spec's webhooks, verifies once signed, and its links read through the client", async () => {
    const fake = createFakeApi({ seed: 3, sessions: 20 });
    const ended = fake.sessions.find(
      ({ session, transcript, chat, participants }) =>
        session.status === "ENDED" && transcript.length > 0 && chat.length > 0 && participants.length > 0,
    );
    const sessionId = ended?.session.id ?? "";
    const verifier = createWebhookVerifier({ publicKey: fake.webhooks.publicKey });
    const client = createSessionsClient({
      apiToken: "t",
      accountId: fake.accountId,
      appId: fake.appId,
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
    });
    const downloads = createDownloads(client);
    for (const name of WEBHOOK_EVENTS) {
      const payload = fake.webhooks.event(name, sessionId);
      const request = await fake.webhooks.request(payload, { url: "https://backend.example.com/webhook" });
      const raw = { body: await request.clone().text(), headers: Object.fromEntries(request.headers) };
      // From both input shapes: the Request, and its raw body and headers.
      expect(webhookProblems(name, payload), name).toEqual([]);
      for (const event of [await verifier.verify(request), await verifier.verify(raw)]) {
        expect(event).toEqual(JSON.parse(JSON.stringify(payload)));
        expect(event.event).toBe(name);
      }
    }
    const transcript = fake.webhooks.event("meeting.transcript", sessionId) as { transcriptDownloadUrl: string };
    const rows = [];
    for await (const row of downloads.downloadTranscript(sessionId, {
      link: { url: transcript.transcriptDownloadUrl },
    }))
      rows.push(row.text);
    expect(rows).toEqual(ended?.transcript.map((utterance) => utterance.text));
    const summary = fake.webhooks.event("meeting.summary", sessionId) as { summaryDownloadUrl: string };
    expect(await downloads.downloadSummary(sessionId, { link: { url: summary.summaryDownloadUrl } })).toBe(
      ended?.summary.text,
    );
  });

  test("an unknown event or session is a TypeError naming it", () => {
    const fake = createFakeApi();
    expect(() => fake.webhooks.event("meeting.nope" as never, fake.sessions[0]?.session.id ?? "")).toThrow(
      /meeting\.nope/,
    );
    expect(() => fake.webhooks.event("meeting.started", "no-such-session")).toThrow(/no-such-session/);
  });
});

describe("the lifecycle: what the fake delivers, and when", () => {
  const liveFake = () =>
    createFakeApi({ sessions: [{ status: "LIVE", participants: 3 }, { status: "ENDED" }], apiToken: "test" });
  const clientOf = (fake: ReturnType<typeof createFakeApi>) =>
    createSessionsClient({
      apiToken: "test",
      accountId: fake.accountId,
      appId: fake.appId,
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
    });

  test("ending a live session delivers meeting.ended, then the chat and the transcript, signed, and the API shows it ended", async () => {
    const fake = liveFake();
    const live = fake.sessions[0];
    const sessionId = live?.session.id ?? "";
    const received: Request[] = [];
    fake.webhooks.subscribe((request) => {
      received.push(request);
      return new Response(null, { status: 204 });
    });

    const deliveries = await fake.endSession(sessionId);

    const verifier = createWebhookVerifier({ publicKey: fake.webhooks.publicKey });
    const events = await Promise.all(received.map((request) => verifier.verify(request)));
    expect(events.map((event) => event.event)).toEqual(
      ["meeting.ended", "meeting.chatSynced", "meeting.transcript"].filter(
        (name) => name !== "meeting.chatSynced" || (live?.chat.length ?? 0) > 0,
      ),
    );
    expect(deliveries.every((delivery) => delivery.status === 204)).toBe(true);
    const client = clientOf(fake);
    const session = await client.getSession(sessionId);
    expect([session.status, typeof session.ended_at]).toEqual(["ENDED", "string"]);
    const { sessions } = await client.listSessions({ status: "LIVE" });
    expect(sessions.map((listed) => listed.id)).not.toContain(sessionId);
    const participants = await client.listParticipants(sessionId);
    expect(participants.participants.every((participant) => participant.left_at)).toBe(true);
    const transcriptEvent = events.at(-1) as { transcriptDownloadUrl: string };
    const rows = [];
    for await (const row of createDownloads(client).downloadTranscript(sessionId, {
      link: { url: transcriptEvent.transcriptDownloadUrl },
    }))
      rows.push(row);
    expect(rows.length).toBe(live?.transcript.length);
    expect(rows.length).toBeGreaterThan(0);
  });

  test("a summary asked for through the API is delivered as meeting.summary once made, and downloads", async () => {
    const fake = liveFake();
    const sessionId = fake.sessions[0]?.session.id ?? "";
    const events: string[] = [];
    const verifier = createWebhookVerifier({ publicKey: fake.webhooks.publicKey });
    let summarised: () => void = () => {};
    const delivered = new Promise<void>((resolve) => {
      summarised = resolve;
    });
    fake.webhooks.subscribe(
      async (request) => {
        const event = await verifier.verify(request);
        events.push(event.event);
        if (event.event === "meeting.summary") summarised();
        return new Response(null);
      },
      { events: ["meeting.summary"] },
    );
    await fake.endSession(sessionId);
    const client = clientOf(fake);
    await client.generateSummary(sessionId);
    await delivered;
    expect(events).toEqual(["meeting.summary"]);
    expect(await createDownloads(client).downloadSummary(sessionId)).toBe(fake.sessions[0]?.summary.text);
  });

  test("a URL subscriber gets deliveries over HTTP; one unsubscribed gets none", async () => {
    const fake = liveFake();
    const bodies: string[] = [];
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        bodies.push(body);
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      fake.webhooks.subscribe(`http://127.0.0.1:${port}/webhook`, { events: ["meeting.ended"] });
      const unsubscribe = fake.webhooks.subscribe(() => {
        throw new Error("an ended subscription was called");
      });
      unsubscribe();
      const deliveries = await fake.endSession(fake.sessions[0]?.session.id ?? "");
      expect(deliveries).toEqual([{ event: "meeting.ended", status: 200 }]);
      expect(JSON.parse(bodies[0] ?? "{}")).toMatchObject({ event: "meeting.ended" });
    } finally {
      server.close();
    }
  });

  test("ending a session that is not live is a TypeError, and nothing is delivered", async () => {
    const fake = liveFake();
    let called = 0;
    fake.webhooks.subscribe(() => {
      called++;
      return new Response(null);
    });
    await expect(fake.endSession(fake.sessions[1]?.session.id ?? "")).rejects.toThrow(/already ended/);
    await expect(fake.endSession("nope")).rejects.toThrow(/no session "nope"/);
    expect(called).toBe(0);
  });
});

test("each documented payload (the spec's examples), signed, verifies from both input shapes and equals its JSON", async () => {
  const fake = createFakeApi();
  const verifier = createWebhookVerifier({ publicKey: fake.webhooks.publicKey });
  const examples = (spec.components as { examples: Record<string, { value: { event: string } }> }).examples;
  const webhooks = spec.webhooks as Record<
    string,
    { post: { requestBody: { content: Record<string, { examples: { documented: { $ref: string } } }> } } }
  >;
  expect(Object.keys(webhooks)).toHaveLength(WEBHOOK_EVENTS.length);
  for (const [name, { post }] of Object.entries(webhooks)) {
    const ref = post.requestBody.content["application/json"]?.examples.documented.$ref ?? "";
    const example = examples[ref.split("/").at(-1) ?? ""]?.value;
    expect(example?.event).toBe(name);
    const request = await fake.webhooks.request(example as object, { url: "https://backend.example.com/webhook" });
    const raw = { body: await request.clone().text(), headers: Object.fromEntries(request.headers) };
    expect(await verifier.verify(request)).toEqual(example);
    expect(await verifier.verify(raw)).toEqual(example);
  }
});

describe("testing a webhook handler in-process", () => {
  test("a delivery needs no URL when it is handed to a handler, and its event is typed as the client types it", async () => {
    const fake = createFakeApi({ sessions: 3 });
    const sessionId = fake.sessions[0]?.session.id ?? "";

    const event = fake.webhooks.event("meeting.ended", sessionId);
    const delivery = await fake.webhooks.request(event);

    expectTypeOf(event).toEqualTypeOf<MeetingEndedWebhookEvent>();
    expect(event.meeting?.sessionId).toBe(sessionId);
    expect(delivery.url).toBe("https://webhook.realtimekit-fake.test/");
    expect(await createWebhookVerifier({ publicKey: fake.webhooks.publicKey }).verify(delivery)).toEqual(event);
  });

  test.each(["tampered", "foreign-key"] as const)(
    "a %s delivery is refused by a verifier of the fake's key",
    async (forge) => {
      const fake = createFakeApi({ sessions: 3 });
      const event = fake.webhooks.event("meeting.started", fake.sessions[0]?.session.id ?? "");
      const verifier = createWebhookVerifier({ publicKey: fake.webhooks.publicKey });

      const forged = await fake.webhooks.request(event, { forge });

      await expect(verifier.verify(forged)).rejects.toBeInstanceOf(RealtimeKitWebhookError);
      // The same event, unforged, passes: the refusal is the forgery's.
      expect(await verifier.verify(await fake.webhooks.request(event))).toEqual(event);
    },
  );

  test("the fake's list of events is exactly the client's", () => {
    expectTypeOf<(typeof WEBHOOK_EVENTS)[number]>().toEqualTypeOf<WebhookEventName>();
  });
});
