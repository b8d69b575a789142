// The fake's side of RealtimeKit's webhooks: deliveries signed the way the real service signs
// them (RSASSA-PKCS1-v1_5 with SHA-256 over the raw body, base64 in `rtk-signature`, beside
// `rtk-uuid` and `rtk-webhook-id`), with a key pair of the fake's own whose public half it
// serves as Cloudflare serves its key: `data.publicKey` of a JSON document.

import type { KnownWebhookEvent } from "@realtimekit-sessions/client/webhooks";
import { type EventContext, type WebhookEventName, webhookEvent } from "./webhook-events.js";

// A throwaway key pair, made for this test kit and published with it: it signs fake deliveries
// and nothing else. Trust it only where the fake stands in for RealtimeKit.
const PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDT78GV0QyffrcA
bC71v1j3eeq4SSccf0vKpzk+Cz5swEHw5NkUJa8o+4Jf9u8jwvA459A641eW0N7P
QVMv1ZDGz0/jwqOAw1GDuT8D+YcS71P9gMxZQ88bMdzQZscqck00RAVilDIA8RpF
XvjtdcIU3FzRrdAuuunOlGvxrQrUdVo4fFSfbc9B2H/j69TomN0I0fPh5U1H6f0R
8IV88URYq3iY+gNiWfh4yLMkdmDuPj+LdN2P4+oCt+jnD1GEwDZZzRNmMlROcHbq
g8vwpvDO17tP7lQSaYJJtm417a8AbCzZhskMPlPVbw7LUnQ3HMregBWev77s7AyB
yUEaJmV5AgMBAAECggEABAEabQB5ZtUP05n3rCx8m5Zp3SgCrWrpTW+p6PZw7ECY
rlrAkD0jCVjxLmt9urT+8XBN0qMDf2W8Y/mVvwhftyXpGkJN8QufsWexXVucVfsA
IQDLO5+InPis9aIPfsmQlF15pZJrvHFRwABKnz/zlg3Q0iRg09UzwDO1M2iD1R5G
s5818GtwI0hA0YN2TRpW9J2ngTLHEtNOJmXwfHspldRLNYn9Vk+pDJww3B5+UP3H
DBLMNTBYYel59YfKpV19XGxiA0VDGDhzoPwsMZe2nj3RSWPYWH+kqQeQVtYtki13
ODWyLdv96f20m0K9U0Rz+1gRSYmVa6RnjqSEQMIRNQKBgQDtha2gAjzXr9RJxmV6
hPUsqIZuNt131IjDZTKEscwzbJpRFMx5F4avJtCGS7nPaIyVu+SleJw7zOujZHFS
//LUG8dVgM7Dw7frpNqiMDXxC848LmKj0YK+sZfFHfHnjPBEhcqo9lpFM+VRDbKG
U21XiD9rrlp939zjqOoHyEw5HQKBgQDkbIhmcCWIWTx5+bNBNGvN8xyeP9PVU3aG
Yt1ZPpSJ66B4pV7tAHMt+WHGjEWZ2MkRrbCELN+sgMWG/qm9+38i5LXmfUnaWlVW
nghvUVYG9J379gz1Lt2H9vf5ltEoSd6LnjtLpS4reanenrJdAzU2sx8yKUbR4TbQ
JP1uFfxLDQKBgQCbLAz9Dtku05jtxaZAP6Jo1YRVdpSDF59tf6xcUkekhNvgAqV+
qqb7wHDUe55daOEHZWP/0mbHDp4W9aSvY7UBa1BzhJ4P+MosMVwAP1zOKDdIy8j3
WwV+jUkopuKFsma5bWqzrZXVxgyXQkqSROiXGdTNBW/q8hg9xvl1sh5R5QKBgE6S
YqzR4KcxAtN2J8nDDV4PRQXOMMCNcBSzxy3ej9uNOGqnf6qIYBYtVQulzn8oCanS
FAizItFEji1sRdj6vHW1NDivWgsIzZf4zi/0S2IjHIDB1x0zXLJbKlspHJL+LdXa
vMy9ac88j0jrT7Ec3F4PaSio+BpTnLYmMyJ934W1AoGBAN4O/I9PbABZPRJHC99Z
A8CfFHC4rZgwnlFYJ6ypVUpN3BUXoTEYLDUoRvMxtaU3CZTZcqsMiPVOfKinMrWH
vvS2V4cIIw9PEFXaUp3QnAsF+C5Fk+Hx4IlYz5FxcZXqwnp7+wOu84Q1DCXSJrpf
oh/8F09wrFH4msgmHczBqNCe
-----END PRIVATE KEY-----`;
const PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0+/BldEMn363AGwu9b9Y
93nquEknHH9Lyqc5Pgs+bMBB8OTZFCWvKPuCX/bvI8LwOOfQOuNXltDez0FTL9WQ
xs9P48KjgMNRg7k/A/mHEu9T/YDMWUPPGzHc0GbHKnJNNEQFYpQyAPEaRV747XXC
FNxc0a3QLrrpzpRr8a0K1HVaOHxUn23PQdh/4+vU6JjdCNHz4eVNR+n9EfCFfPFE
WKt4mPoDYln4eMizJHZg7j4/i3Tdj+PqArfo5w9RhMA2Wc0TZjJUTnB26oPL8Kbw
zte7T+5UEmmCSbZuNe2vAGws2YbJDD5T1W8Oy1J0NxzK3oAVnr++7OwMgclBGiZl
eQIDAQAB
-----END PUBLIC KEY-----`;

/** Where the fake serves its public key, under its storage host. */
export const WEBHOOK_KEY_PATH = "/.well-known/webhooks.json";

const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

/** `fake.webhooks`: the fake's webhook deliveries, signed as RealtimeKit signs them. */
export interface FakeWebhooks {
  /** The public key deliveries are signed for (PEM): give it to the verifier as `publicKey`. */
  readonly publicKey: string;
  /** Where `fetch` serves the key as Cloudflare does (`data.publicKey`): give it as `keyUrl`. */
  readonly keyUrl: string;
  /** The id every delivery gives in `rtk-webhook-id`. */
  readonly webhookId: string;
  /**
   * A delivery of `payload`, signed: a POST whose body is the payload's JSON (or the string
   * given, as it is) with `rtk-signature`, `rtk-uuid` (new for each delivery) and
   * `rtk-webhook-id`. With `forge`, one your verifier must refuse: `"tampered"`, a body changed
   * after it was signed; `"foreign-key"`, signed by a key that is not the fake's.
   * @example const delivery = await fake.webhooks.request(fake.webhooks.event("meeting.ended", id));
   */
  request(payload: object | string, options?: WebhookRequestOptions): Promise<Request>;
  /**
   * The payload of `event` about one of the fake's sessions, typed as the client types it, as
   * the fake delivers it: its download links work against the fake's storage host.
   * @example await fake.webhooks.request(fake.webhooks.event("meeting.transcript", id))
   */
  event<Name extends WebhookEventName>(event: Name, sessionId: string): Extract<KnownWebhookEvent, { event: Name }>;
  /**
   * Sends every delivery of the events given (all by default) to `target`, as the real
   * service sends to a registered webhook: a handler you pass, called with the signed Request,
   * or a URL, POSTed to with the global fetch. Returns the function that ends the subscription.
   * Deliveries follow `fake.endSession()` and summaries generated through the API.
   */
  subscribe(target: WebhookTarget, options?: { events?: readonly WebhookEventName[] | undefined }): () => void;
  /** Delivers event `event` about session `sessionId` to every subscriber of it, and resolves once all answered. */
  deliver(event: WebhookEventName, sessionId: string): Promise<WebhookDelivery[]>;
  /** Whether anything subscribed. */
  readonly subscribed: boolean;
  /** The answer of `keyUrl`. */
  keyResponse(): Response;
}

/** How `fake.webhooks.request()` makes a delivery. */
export interface WebhookRequestOptions {
  /**
   * Where the delivery is addressed: your endpoint's URL, or any URL when you hand the Request
   * to your handler in-process.
   * @default "https://webhook.realtimekit-fake.test/"
   */
  url?: string | undefined;
  /**
   * A delivery your verifier must refuse: `"tampered"`, its body changed after it was signed;
   * `"foreign-key"`, signed by a key other than the fake's.
   */
  forge?: "tampered" | "foreign-key" | undefined;
}

/** Where deliveries go: your handler, or your endpoint's URL. */
export type WebhookTarget = string | ((request: Request) => Response | Promise<Response>);

/** One delivery to one subscriber: the status it answered, or why it got none. */
export interface WebhookDelivery {
  event: WebhookEventName;
  status: number | undefined;
  error?: unknown;
}

export function createFakeWebhooks(keyUrl: string, webhookId: string, context: EventContext): FakeWebhooks {
  let privateKey: Promise<CryptoKey> | undefined;
  const subscriptions = new Set<{ target: WebhookTarget; events: readonly WebhookEventName[] | undefined }>();
  const webhooks: FakeWebhooks = {
    publicKey: PUBLIC_KEY,
    keyUrl,
    webhookId,
    async request(payload, { url = IN_PROCESS_URL, forge } = {}) {
      if (forge !== undefined && forge !== "tampered" && forge !== "foreign-key") {
        throw new TypeError(
          `fake.webhooks.request(): forge is "tampered" or "foreign-key", got ${JSON.stringify(forge)}`,
        );
      }
      const body = typeof payload === "string" ? payload : JSON.stringify(payload);
      privateKey ??= crypto.subtle.importKey("pkcs8", der(PRIVATE_KEY), ALGORITHM, false, ["sign"]);
      const key = forge === "foreign-key" ? await foreignKey() : await privateKey;
      const signature = await crypto.subtle.sign(ALGORITHM, key, new TextEncoder().encode(body));
      return new Request(url, {
        method: "POST",
        // One byte more than was signed: even white space a JSON parser would skip breaks it.
        body: forge === "tampered" ? `${body} ` : body,
        headers: {
          "content-type": "application/json",
          "rtk-signature": btoa(String.fromCharCode(...new Uint8Array(signature))),
          "rtk-uuid": crypto.randomUUID(),
          "rtk-webhook-id": webhookId,
        },
      });
    },
    event: <Name extends WebhookEventName>(event: Name, sessionId: string) =>
      webhookEvent(context, event, sessionId) as Extract<KnownWebhookEvent, { event: Name }>,
    subscribe(target, { events } = {}) {
      if (typeof target !== "string" && typeof target !== "function") {
        throw new TypeError("fake.webhooks.subscribe(): the target is a handler function or a URL");
      }
      const subscription = { target, events };
      subscriptions.add(subscription);
      return () => void subscriptions.delete(subscription);
    },
    async deliver(event, sessionId) {
      const payload = webhookEvent(context, event, sessionId);
      const deliveries: WebhookDelivery[] = [];
      for (const { target, events } of subscriptions) {
        if (events && !events.includes(event)) continue;
        const request = await webhooks.request(payload, typeof target === "string" ? { url: target } : {});
        try {
          const response = await (typeof target === "string" ? fetch(request) : target(request));
          await response.body?.cancel().catch(() => {});
          deliveries.push({ event, status: response.status });
        } catch (error) {
          deliveries.push({ event, status: undefined, error });
        }
      }
      return deliveries;
    },
    get subscribed() {
      return subscriptions.size > 0;
    },
    keyResponse: () => Response.json({ success: true, data: { publicKey: PUBLIC_KEY } }),
  };
  return webhooks;
}

/** Where a delivery handed to a handler in-process is addressed. */
const IN_PROCESS_URL = "https://webhook.realtimekit-fake.test/";

let foreign: Promise<CryptoKey> | undefined;

/** A key pair of nobody's, made once: what a forger would sign with. */
function foreignKey(): Promise<CryptoKey> {
  foreign ??= crypto.subtle
    .generateKey({ ...ALGORITHM, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, false, ["sign"])
    .then((pair) => pair.privateKey);
  return foreign;
}

/** The DER bytes of a PEM. */
function der(pem: string): ArrayBuffer {
  const text = atob(pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, "").replace(/\s+/g, ""));
  return Uint8Array.from(text, (char) => char.charCodeAt(0)).buffer;
}
