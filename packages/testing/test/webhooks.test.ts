// The fake's deliveries, verified by the client as RealtimeKit's would be: with the key given
// as a PEM, or fetched from where the fake serves it.
import { createWebhookVerifier, deliveryKey, RealtimeKitWebhookError } from "@realtimekit-sessions/client/webhooks";
import { expect, test } from "vitest";
import { createFakeApi } from "../src/index.js";

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
