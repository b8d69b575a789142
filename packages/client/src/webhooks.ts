// Receiving RealtimeKit's webhooks: each delivery verified over the raw bytes of its body against
// the public key Cloudflare publishes, then read as a typed event. WebCrypto only, so it runs
// wherever the client runs: Node 20+, Deno, Bun, workerd without nodejs_compat, browsers.
// A separate entry point, `@realtimekit-sessions/client/webhooks`: the main entry does not grow.
//
// The facts it rests on (Cloudflare's webhooks guide, developers.cloudflare.com/realtime/
// realtimekit/webhooks; the predecessor's signature guide, docs.dyte.io/guides/capabilities/
// webhooks/signatures; RealtimeKit backends in public code): a delivery is a JSON POST whose
// `rtk-signature` header is the base64 RSASSA-PKCS1-v1_5 SHA-256 signature of its body; `rtk-uuid`
// names the delivery (a new one on every retry) and `rtk-webhook-id` the webhook; the key is a
// PEM at `data.publicKey` of https://api.realtime.cloudflare.com/.well-known/webhooks.json.
import { objectOf, refusal } from "./arguments.js";
import { isRecord, RealtimeKitError } from "./errors.js";
import type { components } from "./generated/schema.js";

/** Where Cloudflare publishes the public key of RealtimeKit's webhooks. */
export const WEBHOOK_KEY_URL = "https://api.realtime.cloudflare.com/.well-known/webhooks.json";

/** Why a delivery was refused. */
export type WebhookFailure =
  /** The input is not a Request or `{ body, headers }`, or its body was already read. */
  | "input"
  /** No `rtk-signature` header. */
  | "missing-signature"
  /** The signature is not base64, or does not match the body under the key. */
  | "bad-signature"
  /** The body, once verified, is not a JSON object with a string `event`. */
  | "not-json"
  /** The public key could not be had: its URL failed, or answered something that is not a key. */
  | "key-unavailable";

/** A webhook delivery the verifier refused; `reason` says why. */
export class RealtimeKitWebhookError extends RealtimeKitError {
  static override readonly errorName: string = "RealtimeKitWebhookError";
  readonly reason: WebhookFailure;

  constructor(reason: WebhookFailure, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.reason = reason;
  }
}

/** A delivery as a framework hands it over: a web Request, or its raw body and its headers. */
export type WebhookInput =
  | Request
  | {
      /** The body exactly as it arrived: never a re-serialised `JSON.parse` result. */
      body: string | Uint8Array | ArrayBuffer;
      /** `Headers`, or a Node-style record (names in any case, a value or a list of them). */
      headers: Headers | Record<string, string | readonly string[] | undefined>;
    };

/** The events the Webhooks API's `events` enum lists. */
export type WebhookEventName = KnownWebhookEvent["event"];

/** The meeting an event is about, as the spec describes it (fields not listed pass through). */
export type WebhookMeeting = components["schemas"]["WebhookMeeting"];

// Each event's payload is the spec's (spec/openapi.yaml, `webhooks:`), where each names its
// sources; fields not listed pass through as sent.
/** `meeting.started`: a session began. */
export type MeetingStartedWebhookEvent = components["schemas"]["MeetingStartedEvent"];
/** `meeting.ended`: a session ended; `meeting.sessionId` is the session to read. */
export type MeetingEndedWebhookEvent = components["schemas"]["MeetingEndedEvent"];
/** `meeting.participantJoined`: someone joined a session. */
export type ParticipantJoinedWebhookEvent = components["schemas"]["ParticipantJoinedEvent"];
/** `meeting.participantLeft`: someone left a session. */
export type ParticipantLeftWebhookEvent = components["schemas"]["ParticipantLeftEvent"];
/** `meeting.chatSynced`: a session's chat file is ready, with its download link. */
export type ChatSyncedWebhookEvent = components["schemas"]["ChatSyncedEvent"];
/** `meeting.transcript`: a session's transcript is ready, with its download link. */
export type TranscriptWebhookEvent = components["schemas"]["TranscriptEvent"];
/** `meeting.summary`: a session's summary is ready, with its download link. */
export type SummaryWebhookEvent = components["schemas"]["SummaryEvent"];
/** `recording.statusUpdate`: a recording changed state. */
export type RecordingWebhookEvent = components["schemas"]["RecordingStatusEvent"];
/** `livestreaming.statusUpdate`: a livestream changed state; no public payload beyond its name. */
export type LivestreamingWebhookEvent = components["schemas"]["LivestreamingStatusEvent"];

/** One of the events the Webhooks API lists, as the spec describes it. */
export type KnownWebhookEvent =
  | MeetingStartedWebhookEvent
  | MeetingEndedWebhookEvent
  | ParticipantJoinedWebhookEvent
  | ParticipantLeftWebhookEvent
  | ChatSyncedWebhookEvent
  | TranscriptWebhookEvent
  | SummaryWebhookEvent
  | RecordingWebhookEvent
  | LivestreamingWebhookEvent;

/** An event of a name the Webhooks API did not list when this client was released, as sent. */
export interface UnknownWebhookEvent {
  event: string;
  [field: string]: unknown;
}

/** A verified delivery: one of the listed events, or an unknown one, as sent. */
export type WebhookEvent = KnownWebhookEvent | UnknownWebhookEvent;

/**
 * Whether `event` is the listed event `name`, narrowing it to that event's type: `event.event
 * === name` alone leaves the unknown-event member in the union, since any name could be one.
 *
 * @example
 * if (isWebhookEvent(event, "meeting.transcript")) event.transcriptDownloadUrl; // string | undefined
 */
export function isWebhookEvent<Name extends WebhookEventName>(
  event: WebhookEvent,
  name: Name,
): event is Extract<KnownWebhookEvent, { event: Name }> {
  return event.event === name;
}

/** Where `createWebhookVerifier` gets RealtimeKit's public key. */
export interface WebhookVerifierOptions {
  /** The public key (PEM). Without it, the key is fetched from `keyUrl` and cached. */
  publicKey?: string | undefined;
  /** Where to fetch the key: a JSON body whose `data.publicKey` is a PEM. @default WEBHOOK_KEY_URL */
  keyUrl?: string | undefined;
  /** The fetch to get the key with. @default globalThis.fetch */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
}

/** Verifies deliveries with one key, fetched once and cached; see `createWebhookVerifier`. */
export interface WebhookVerifier {
  /**
   * The delivery's event, once its signature is verified over the raw bytes of its body. A
   * Request is read from a clone, so the original can still be read.
   */
  verify(input: WebhookInput): Promise<WebhookEvent>;
}

/** How long a refreshed key is trusted before a failed signature may fetch it again. */
const REFRESH_AFTER_MS = 60_000;
const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
// Made once: a decoder costs more to make than a delivery's body costs to decode.
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * A verifier of RealtimeKit's webhook deliveries. The key is fetched once and shared by
 * concurrent calls; a signature that fails under a key fetched earlier fetches it once more,
 * in case it rotated (at most once a minute, so that forged deliveries cannot flood the key's
 * host).
 *
 * @example
 * const verifier = createWebhookVerifier();
 * const event = await verifier.verify(request); // rejects with RealtimeKitWebhookError
 * if (event.event === "meeting.transcript") { ... }
 */
export function createWebhookVerifier(options?: WebhookVerifierOptions): WebhookVerifier {
  const { publicKey, keyUrl = WEBHOOK_KEY_URL, fetch: given } = objectOf("options", options);
  if (publicKey !== undefined && typeof publicKey !== "string") throw refusal("publicKey", "a PEM string", publicKey);
  if (typeof keyUrl !== "string" || !URL.canParse(keyUrl)) throw refusal("keyUrl", "a URL", keyUrl);
  if (given !== undefined && typeof given !== "function") throw refusal("fetch", "a function", given);
  const fetch = given ?? ((request: Request) => globalThis.fetch(request));
  let key: Promise<CryptoKey> | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;

  const load = (): Promise<CryptoKey> => {
    const loading = (async () => {
      fetchedAt = Date.now();
      return importKey(publicKey ?? (await fetchKey(fetch, keyUrl)));
    })();
    // A key that could not be had is not cached: the next delivery tries again.
    loading.catch(() => {
      if (key === loading) key = undefined;
    });
    key = loading;
    return loading;
  };

  return {
    async verify(input) {
      const { body, signature } = await delivery(input);
      const cached = key;
      let verified = await check(await (cached ?? load()), signature, body);
      // A key fetched for an earlier delivery may have rotated since: fetch it once more.
      if (!verified && cached && publicKey === undefined && Date.now() - fetchedAt >= REFRESH_AFTER_MS) {
        verified = await check(await (key === cached ? load() : (key ?? load())), signature, body);
      }
      if (!verified) {
        throw new RealtimeKitWebhookError("bad-signature", "webhook: the signature does not match the body");
      }
      return eventOf(body);
    },
  };
}

/**
 * A key for de-duplicating deliveries: the webhook's id and the SHA-256 of the body. `rtk-uuid`
 * alone is not enough: a retried delivery comes with a new one, so the same event would be
 * handled twice.
 */
export async function deliveryKey(input: WebhookInput): Promise<string> {
  const { body, headers } = await read(input);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${headers("rtk-webhook-id") ?? ""}:${hex}`;
}

async function delivery(
  input: WebhookInput,
): Promise<{ body: Uint8Array<ArrayBuffer>; signature: Uint8Array<ArrayBuffer> }> {
  const { body, headers } = await read(input);
  const header = headers("rtk-signature");
  if (!header) throw new RealtimeKitWebhookError("missing-signature", "webhook: no rtk-signature header");
  const signature = base64(header);
  if (!signature) throw new RealtimeKitWebhookError("bad-signature", "webhook: the rtk-signature header is not base64");
  return { body, signature };
}

/** The raw bytes of the body, and a lookup of the headers by name in any case. */
async function read(
  input: WebhookInput,
): Promise<{ body: Uint8Array<ArrayBuffer>; headers: (name: string) => string | undefined }> {
  try {
    // A Request of any realm or polyfill, by its shape.
    if (isRequest(input)) {
      if (input.bodyUsed) throw new Error("the Request's body was already read");
      const body = new Uint8Array(await input.clone().arrayBuffer());
      return { body, headers: (name) => input.headers.get(name) ?? undefined };
    }
    if (!isRecord(input)) throw new Error("it is neither a Request nor { body, headers }");
    const { body, headers } = input;
    const bytes =
      typeof body === "string"
        ? encoder.encode(body)
        : body instanceof Uint8Array
          ? new Uint8Array(body)
          : body instanceof ArrayBuffer
            ? new Uint8Array(body.slice(0))
            : undefined;
    if (!bytes) throw new Error("its body is not a string, a Uint8Array or an ArrayBuffer");
    if (typeof (headers as Partial<Headers>)?.get === "function") {
      return { body: bytes, headers: (name) => (headers as Headers).get(name) ?? undefined };
    }
    if (!isRecord(headers)) throw new Error("its headers are neither Headers nor a record");
    const byName = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    return {
      body: bytes,
      headers: (name) => {
        const value = byName.get(name);
        const first = Array.isArray(value) ? value[0] : value;
        return typeof first === "string" ? first : undefined;
      },
    };
  } catch (cause) {
    if (cause instanceof RealtimeKitWebhookError) throw cause;
    throw new RealtimeKitWebhookError("input", `webhook: the delivery cannot be read: ${(cause as Error).message}`, {
      cause,
    });
  }
}

function isRequest(input: unknown): input is Request {
  const shaped = input as Partial<Request> | null;
  return typeof shaped?.clone === "function" && typeof shaped.arrayBuffer === "function" && isRecord(shaped.headers);
}

async function check(key: CryptoKey, signature: Uint8Array<ArrayBuffer>, body: Uint8Array<ArrayBuffer>) {
  try {
    return await crypto.subtle.verify(ALGORITHM, key, signature, body);
  } catch {
    return false;
  }
}

/** The verified body as an event: a JSON object with a string `event`, passed on as sent. */
function eventOf(body: Uint8Array): WebhookEvent {
  let event: unknown;
  try {
    event = JSON.parse(decoder.decode(body));
  } catch (cause) {
    throw new RealtimeKitWebhookError("not-json", "webhook: the body is not JSON", { cause });
  }
  if (!isRecord(event) || typeof event.event !== "string") {
    throw new RealtimeKitWebhookError("not-json", "webhook: the body is not an event (a JSON object with an `event`)");
  }
  return event as WebhookEvent;
}

/** The PEM at `data.publicKey` of the key's URL. */
async function fetchKey(fetch: (request: Request) => Promise<Response>, url: string): Promise<string> {
  let answer: unknown;
  try {
    const response = await fetch(new Request(url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    answer = await response.json();
  } catch (cause) {
    throw new RealtimeKitWebhookError(
      "key-unavailable",
      `webhook: the public key could not be fetched from ${url}: ${(cause as Error).message}`,
      { cause },
    );
  }
  const pem = isRecord(answer) && isRecord(answer.data) ? answer.data.publicKey : undefined;
  if (typeof pem !== "string") {
    throw new RealtimeKitWebhookError("key-unavailable", `webhook: ${url} did not answer with data.publicKey`);
  }
  return pem;
}

/** A PEM (SPKI) public key, as WebCrypto takes it; escaped line breaks (`\n` as two characters) are read too. */
async function importKey(pem: string): Promise<CryptoKey> {
  const body = pem.replace(/\\n/g, "\n").replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "");
  const der = base64(body.replace(/\s+/g, ""));
  try {
    if (!der) throw new Error("it is not base64");
    return await crypto.subtle.importKey("spki", der, ALGORITHM, false, ["verify"]);
  } catch (cause) {
    throw new RealtimeKitWebhookError("key-unavailable", "webhook: the public key is not an RSA public key in PEM", {
      cause,
    });
  }
}

/** Bytes of base64 `text`, or undefined when it is not base64. */
function base64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
