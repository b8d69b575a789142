// Webhook deliveries: verified over their raw bytes, from either input shape, with the key
// fetched once and renewed once on rotation; every refusal a RealtimeKitWebhookError.
import { rejectionOf } from "@realtimekit-sessions/test-kit";
import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { RealtimeKitError } from "../src/index.js";
import {
  createWebhookVerifier,
  deliveryKey,
  RealtimeKitWebhookError,
  WEBHOOK_KEY_URL,
  type WebhookInput,
} from "../src/webhooks.js";

const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

interface Signer {
  pem: string;
  sign(body: string): Promise<string>;
}

async function signer(): Promise<Signer> {
  const pair = await crypto.subtle.generateKey(
    { ...ALGORITHM, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ["sign", "verify"],
  );
  const spki = Buffer.from(await crypto.subtle.exportKey("spki", pair.publicKey)).toString("base64");
  return {
    pem: `-----BEGIN PUBLIC KEY-----\n${spki.replace(/.{64}/g, "$&\n")}\n-----END PUBLIC KEY-----\n`,
    async sign(body) {
      const bytes = new TextEncoder().encode(body);
      return Buffer.from(await crypto.subtle.sign(ALGORITHM, pair.privateKey, bytes)).toString("base64");
    },
  };
}

let key: Signer;
let other: Signer;
beforeAll(async () => {
  [key, other] = await Promise.all([signer(), signer()]);
});
afterEach(() => {
  vi.useRealTimers();
});

const EVENT = {
  event: "meeting.transcript",
  meeting: { id: "bbbf5e93-289c-4c9b-bd44-d677a9206df7", sessionId: "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d" },
  transcriptDownloadUrl: "https://storage.example.com/transcript.csv?X-Amz-Signature=abc",
  transcriptDownloadUrlExpiry: "2026-12-01T00:00:00.000Z",
  unknownField: [1, 2, 3],
};
// Spaced and ordered as a sender may write it: a re-serialisation would differ.
const BODY = JSON.stringify(EVENT, null, 2);

async function delivery(body = BODY, headers: Record<string, string> = {}, by: Signer = key) {
  return {
    body,
    headers: {
      "content-type": "application/json",
      "rtk-signature": await by.sign(body),
      "rtk-uuid": crypto.randomUUID(),
      "rtk-webhook-id": "webhook-1",
      ...headers,
    },
  };
}

const asRequest = ({ body, headers }: { body: string; headers: Record<string, string> }) =>
  new Request("https://backend.example.com/webhook", { method: "POST", body, headers });

/** A fetch serving `pem` (or whatever `answer` gives) at the key's URL, counting its calls. */
function keyHost(answer: () => Response | Promise<Response>) {
  const host = {
    calls: 0,
    fetch: async (_request: Request) => {
      host.calls++;
      return answer();
    },
  };
  return host;
}
const serving = (pem: string) => () => Response.json({ success: true, data: { publicKey: pem } });

describe("verify", () => {
  test("resolves to the event as sent, from a Request and from { body, headers } of every kind", async () => {
    const verifier = createWebhookVerifier({ publicKey: key.pem });
    const signed = await delivery();
    const bytes = new TextEncoder().encode(signed.body);
    const inputs: WebhookInput[] = [
      asRequest(signed),
      signed,
      { body: bytes, headers: new Headers(signed.headers) },
      { body: bytes.buffer, headers: { "RTK-Signature": [signed.headers["rtk-signature"]] } },
    ];
    for (const input of inputs) expect(await verifier.verify(input)).toEqual(EVENT);
  });

  test("leaves a Request's body to be read after", async () => {
    const request = asRequest(await delivery());
    await createWebhookVerifier({ publicKey: key.pem }).verify(request);
    expect(await request.json()).toEqual(EVENT);
  });

  test("takes a PEM whose line breaks came escaped, as some stores keep it", async () => {
    const escaped = key.pem.replaceAll("\n", "\\n");
    expect(await createWebhookVerifier({ publicKey: escaped }).verify(await delivery())).toEqual(EVENT);
  });

  test("refuses a signature made over a re-serialised body", async () => {
    const signed = await delivery();
    const reserialised = { ...signed, body: JSON.stringify(JSON.parse(signed.body)) };
    const error = await rejectionOf(createWebhookVerifier({ publicKey: key.pem }).verify(reserialised));
    expect(error).toMatchObject({ name: "RealtimeKitWebhookError", reason: "bad-signature" });
  });

  test.each([
    ["no signature", async () => ({ body: BODY, headers: {} }), "missing-signature"],
    ["a signature that is not base64", async () => delivery(BODY, { "rtk-signature": "not base64!" }), "bad-signature"],
    ["another key's signature", async () => delivery(BODY, {}, other), "bad-signature"],
    ["a body changed by one byte", async () => ({ ...(await delivery()), body: `${BODY} ` }), "bad-signature"],
    ["a signed body that is not JSON", async () => delivery("<html>"), "not-json"],
    ["signed JSON that is not an event", async () => delivery('{"meeting":{}}'), "not-json"],
    ["neither a Request nor { body, headers }", async () => null as unknown as WebhookInput, "input"],
    ["a body of another type", async () => ({ body: 42, headers: {} }) as unknown as WebhookInput, "input"],
  ])("refuses %s", async (_, input, reason) => {
    const error = await rejectionOf(createWebhookVerifier({ publicKey: key.pem }).verify(await input()));
    expect(error).toBeInstanceOf(RealtimeKitWebhookError);
    expect(error).toBeInstanceOf(RealtimeKitError);
    expect(error).toMatchObject({ reason });
  });

  test("refuses a Request whose body was already read", async () => {
    const request = asRequest(await delivery());
    await request.text();
    const error = await rejectionOf(createWebhookVerifier({ publicKey: key.pem }).verify(request));
    expect(error).toMatchObject({ reason: "input" });
  });
});

describe("the key", () => {
  test("is fetched from Cloudflare's URL by default, once for 200 deliveries", async () => {
    const host = keyHost(serving(key.pem));
    const seen: string[] = [];
    const verifier = createWebhookVerifier({
      fetch: (request) => {
        seen.push(request.url);
        return host.fetch(request);
      },
    });
    const signed = await delivery();
    for (let index = 0; index < 200; index++) await verifier.verify(signed);
    expect([host.calls, seen[0]]).toEqual([1, WEBHOOK_KEY_URL]);
  });

  test("is fetched once for 100 concurrent cold deliveries", async () => {
    const host = keyHost(serving(key.pem));
    const verifier = createWebhookVerifier({ fetch: host.fetch });
    const signed = await delivery();
    const events = await Promise.all(Array.from({ length: 100 }, () => verifier.verify(signed)));
    expect(events).toHaveLength(100);
    expect(host.calls).toBe(1);
  });

  test("rotated: a delivery under the new key costs exactly one fetch more, and a forged one none within a minute", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2026-11-30T00:00:00Z") });
    let current = key.pem;
    const host = keyHost(() => serving(current)());
    const verifier = createWebhookVerifier({ fetch: host.fetch });
    await verifier.verify(await delivery());
    current = other.pem;
    vi.setSystemTime(Date.parse("2026-11-30T01:00:00Z"));
    const rotated = await delivery(BODY, {}, other);
    expect(await verifier.verify(rotated)).toEqual(EVENT);
    expect(await verifier.verify(rotated)).toEqual(EVENT);
    expect(host.calls).toBe(2);
    // Forged deliveries right after cannot make the verifier hammer the key's host.
    const forged = await delivery(BODY, {}, key);
    for (let index = 0; index < 5; index++) {
      expect(await rejectionOf(verifier.verify(forged))).toMatchObject({ reason: "bad-signature" });
    }
    expect(host.calls).toBe(2);
  });

  test.each([
    ["answers 500", () => new Response("oops", { status: 500 })],
    ["answers garbage", () => new Response("<html>", { status: 200 })],
    ["answers JSON without data.publicKey", () => Response.json({ success: true, data: {} })],
    [
      "answers a publicKey that is not a key",
      () => Response.json({ data: { publicKey: "-----BEGIN PUBLIC KEY-----\nAAAA\n" } }),
    ],
    [
      "fails to connect",
      () => {
        throw new TypeError("fetch failed");
      },
    ],
  ])("a key host that %s is a typed error, and the next delivery asks again", async (_, answer) => {
    const host = keyHost(answer);
    const verifier = createWebhookVerifier({ fetch: host.fetch });
    const signed = await delivery();
    for (const _attempt of [1, 2]) {
      const error = await rejectionOf(verifier.verify(signed));
      expect(error).toBeInstanceOf(RealtimeKitWebhookError);
      expect(error).toMatchObject({ reason: "key-unavailable" });
    }
    expect(host.calls).toBe(2);
  });

  test("refuses options it cannot use, before anything is fetched", () => {
    for (const options of [null, { publicKey: 5 }, { keyUrl: "not a url" }, { fetch: "fetch" }]) {
      expect(() => createWebhookVerifier(options as never)).toThrow(RealtimeKitError);
    }
  });
});

describe("deliveryKey", () => {
  test("is the same for a retried delivery (a new rtk-uuid) and differs with the body or the webhook", async () => {
    const first = await delivery();
    const retried = { ...first, headers: { ...first.headers, "rtk-uuid": crypto.randomUUID() } };
    const otherBody = await delivery(`${BODY}\n`);
    const otherWebhook = { ...first, headers: { ...first.headers, "rtk-webhook-id": "webhook-2" } };
    const keys = await Promise.all([first, retried, otherBody, otherWebhook].map(deliveryKey));
    expect(keys[0]).toBe(keys[1]);
    expect(new Set(keys).size).toBe(3);
    expect(await deliveryKey(asRequest(first))).toBe(keys[0]);
  });
});

test("property: any change to the body, the signature or the key is refused; the untouched delivery verifies and equals its JSON", async () => {
  const verifier = createWebhookVerifier({ publicKey: key.pem });
  const otherVerifier = createWebhookVerifier({ publicKey: other.pem });
  await fc.assert(
    fc.asyncProperty(
      fc.record(
        { event: fc.string({ minLength: 1 }), meeting: fc.record({ id: fc.uuid() }) },
        { noNullPrototype: true },
      ),
      fc.jsonValue({ maxDepth: 2 }),
      fc.nat(),
      fc.integer({ min: 1, max: 255 }),
      fc.constantFrom("body", "signature", "key"),
      async (base, extra, position, flip, what) => {
        const body = JSON.stringify({ ...base, extra });
        const signed = await delivery(body);
        expect(await verifier.verify(signed)).toEqual(JSON.parse(body));
        expect(await verifier.verify(asRequest(signed))).toEqual(JSON.parse(body));
        let attempt: Promise<unknown>;
        if (what === "key") attempt = otherVerifier.verify(signed);
        else if (what === "body") {
          const bytes = new TextEncoder().encode(body);
          bytes[position % bytes.length] = (bytes[position % bytes.length] as number) ^ flip;
          attempt = verifier.verify({ body: bytes, headers: signed.headers });
        } else {
          const signature = Buffer.from(signed.headers["rtk-signature"], "base64");
          signature[position % signature.length] = (signature[position % signature.length] as number) ^ flip;
          attempt = verifier.verify({
            ...signed,
            headers: { ...signed.headers, "rtk-signature": signature.toString("base64") },
          });
        }
        const error = await rejectionOf(attempt);
        expect(error).toBeInstanceOf(RealtimeKitWebhookError);
        expect((error as RealtimeKitWebhookError).reason).toBe("bad-signature");
      },
    ),
    { seed: 20261130, numRuns: 60 },
  );
});

test("property: any input settles, refused only with a RealtimeKitWebhookError, no stack trace in its message", async () => {
  const verifier = createWebhookVerifier({ publicKey: key.pem });
  const signed = await delivery();
  const headerValues = fc.oneof(
    fc.string(),
    fc.constant(signed.headers["rtk-signature"]),
    fc.array(fc.string(), { maxLength: 2 }),
  );
  const inputs = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.record(
      {
        body: fc.oneof(fc.string(), fc.uint8Array(), fc.constant(signed.body), fc.anything({ maxDepth: 1 })),
        headers: fc.oneof(
          fc.dictionary(fc.constantFrom("rtk-signature", "RTK-SIGNATURE", "rtk-webhook-id", "x"), headerValues),
          fc.anything({ maxDepth: 1 }),
        ),
      },
      { requiredKeys: [] },
    ),
  );
  await fc.assert(
    fc.asyncProperty(inputs, async (input) => {
      const outcome = await verifier.verify(input as WebhookInput).then(
        (event) => ({ event }),
        (error: unknown) => ({ error }),
      );
      if ("error" in outcome) {
        expect(outcome.error).toBeInstanceOf(RealtimeKitWebhookError);
        expect((outcome.error as Error).message).not.toMatch(/\n\s+at /);
      } else {
        expect(typeof outcome.event.event).toBe("string");
      }
    }),
    { seed: 20261130, numRuns: 300 },
  );
});
