// The fake itself: a `fetch` that answers like the Sessions API (and like the storage host
// behind its download links) from seeded data, with faults and rate limits on demand.
import type { OperationName } from "@realtimekit-sessions/client/operations";
import { createApi } from "./api.js";
import { createFaults, type FaultOptions } from "./faults.js";
import type { TranscriptLayout } from "./files.js";
import { MOUNT, type Mount, type Mountable } from "./mount.js";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { createRoutes } from "./routes.js";
import { type FakeSession, type SessionInit, SessionTable } from "./seed.js";
import { createStorage } from "./storage.js";
import { createFakeWebhooks, type FakeWebhooks, WEBHOOK_KEY_PATH, type WebhookDelivery } from "./webhooks.js";

export type { FaultOptions } from "./faults.js";
export type { OperationName };

/** What `createFakeApi` makes: the app's data, its credentials, and how it behaves. */
export interface FakeApiOptions {
  /**
   * The sessions of the app: how many to generate, or partial sessions to fill in.
   * @default 10
   * @example createFakeApi({ sessions: [{ status: "LIVE" }, { status: "ENDED", participants: 3 }] })
   */
  sessions?: number | readonly SessionInit[] | undefined;
  /** Seed of everything generated: the same seed (and `now`) makes the same data. @default 1 */
  seed?: number | undefined;
  /**
   * The fake's present: generated sessions fall in the 30 days before it (the last few still
   * live), and `endSession` ends a session at it. Fix it for data that is the same on every run.
   * @default the time `createFakeApi` is called, and the time of each `endSession`
   * @example createFakeApi({ sessions: 120, now: "2026-11-01T00:00:00Z" })
   */
  now?: Date | string | number | undefined;
  /** @default "023e105f4ecef8ad9ca31a8372d0c353" */
  accountId?: string | undefined;
  /** @default "4f1d2b9c8e7a6d5c4b3a291807f6e5d4" */
  appId?: string | undefined;
  /**
   * The API token the fake accepts; any non-empty token when not set. A request without one,
   * or with another, gets the gateway's 401.
   */
  apiToken?: string | undefined;
  /**
   * Where the fake's API lives. Cloudflare's own by default, so msw handlers catch a client
   * made with default options.
   * @default "https://api.cloudflare.com/client/v4"
   */
  baseUrl?: string | undefined;
  /**
   * Where download links point. Set it beside `baseUrl` when you serve the fake over HTTP, so
   * that links lead back to your server.
   * @default "https://storage.realtimekit-fake.test"
   */
  storageUrl?: string | undefined;
  /** How long download links stay valid. @default 3600000 */
  linkTtlMs?: number | undefined;
  /** How many polls of `getSummaryDownload` after `generateSummary` still answer 404. @default 0 */
  summaryPolls?: number | undefined;
  /** The CSV layout of transcripts. @default "headed" */
  transcriptLayout?: TranscriptLayout | undefined;
  /**
   * A request allowance per window, as Cloudflare enforces it: every answer then carries
   * `Ratelimit` and `Ratelimit-Policy`, and a request beyond the allowance gets a 429 with
   * `Retry-After`. No limit and no such headers when not set.
   * @example createFakeApi({ rateLimit: { requests: 250, windowMs: 10_000 } })
   */
  rateLimit?: RateLimitOptions | undefined;
}

/** One request the fake received, and what it answered. */
export interface RecordedRequest {
  method: string;
  url: string;
  /** The API operation, `"download"` for the storage host, undefined for an unknown route. */
  operation: OperationName | "download" | undefined;
  /** The query, one value per name. */
  query: Record<string, string>;
  /** The request headers, lowercase, with credentials redacted. */
  headers: Record<string, string>;
  /** The status answered, or `null` for an injected network failure. */
  status: number | null;
}

/** The fake of one app's Sessions API; pass its `fetch` (or `baseUrl` once served) to a client. */
export interface FakeApi {
  /** The API root it answers under: give it as the client's `baseUrl`. */
  readonly baseUrl: string;
  /** The account it answers for: give it as the client's `accountId`. */
  readonly accountId: string;
  /** The app it answers for: give it as the client's `appId`. */
  readonly appId: string;
  /** Where the download links point: the storage host, which `fetch` serves too. */
  readonly storageUrl: string;
  /** Answers a request like the API or its storage host; pass it as the client's `fetch`. */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** The app's data, as the fake serves it: assert against it. */
  readonly sessions: readonly FakeSession[];
  /** Every request received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Makes the next calls of `operation` fail (a status, a body, a broken connection). */
  fail(operation: OperationName, fault?: FaultOptions): void;
  /** RealtimeKit's webhooks, played: signed deliveries and the key to verify them. */
  readonly webhooks: FakeWebhooks;
  /**
   * Ends a live session now, as its last participant leaving would: it and its participants
   * still in the call get an end, it gets a chat and a transcript, and the subscribers of
   * `webhooks` get `meeting.ended`, then `meeting.chatSynced` and `meeting.transcript`, in that
   * order. Resolves once every delivery was answered.
   */
  endSession(sessionId: string): Promise<WebhookDelivery[]>;
  /**
   * Starts a session now (at the fake's present), as its first participant joining would: it
   * is listed after every other, live, with the participants `init` gives (1 to 6 by default),
   * and the subscribers of `webhooks` get `meeting.started`, then `meeting.participantJoined`.
   * Resolves to the session once every delivery was answered.
   * @example const { session } = await fake.startSession({ meeting_display_name: "Standup" });
   */
  startSession(init?: Omit<SessionInit, "status" | "started_at" | "created_at">): Promise<FakeSession>;
}

const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";
const DEFAULT_STORAGE_URL = "https://storage.realtimekit-fake.test";
/** The id of the one webhook the fake delivers for (`rtk-webhook-id`). */
const WEBHOOK_ID = "8a3f0c52-5d1e-4b7a-9c2e-0f6b1d4e7a90";
const REDACTED = new Set(["authorization", "x-auth-key", "cookie"]);

/**
 * An in-process fake of the Sessions API, seeded with your data: pass its `fetch` to the client.
 *
 * @example
 * const fake = createFakeApi({ sessions: 120 });
 * const { accountId, appId, baseUrl, fetch } = fake;
 * const client = createSessionsClient({ apiToken: "test", accountId, appId, baseUrl, fetch });
 */
export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const seed = options.seed ?? 1;
  const accountId = options.accountId ?? "023e105f4ecef8ad9ca31a8372d0c353";
  const appId = options.appId ?? "4f1d2b9c8e7a6d5c4b3a291807f6e5d4";
  const baseUrl = urlOf("baseUrl", options.baseUrl ?? DEFAULT_BASE_URL);
  const clock = clockOf(options.now);
  const sessions = new SessionTable(count("sessions", options.sessions ?? 10), seed, clock());
  const sessionById = (id: string) => sessions.byId(id);
  const storage = createStorage(urlOf("storageUrl", options.storageUrl ?? DEFAULT_STORAGE_URL));
  const mounts: Mount[] = [{ baseUrl, storageUrl: storage.url }];
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit) : undefined;
  const linkTtlMs = whole("linkTtlMs", options.linkTtlMs ?? 3_600_000);
  const transcriptLayout = options.transcriptLayout ?? "headed";
  const routes = createRoutes({
    sessions,
    sessionById,
    storage,
    linkTtlMs,
    summaryPolls: whole("summaryPolls", options.summaryPolls ?? 0),
    transcriptLayout,
    // With a webhook subscribed, a summary asked for is made at once and delivered, as the real
    // service tells a registered webhook; without one, it takes `summaryPolls` polls as before.
    summaryRequested(record) {
      if (!webhooks.subscribed) return;
      record.summary.state = "ready";
      void webhooks.deliver("meeting.summary", record.session.id);
    },
  });
  const faults = createFaults();
  const api = createApi({ routes, faults, limiter, accountId, appId, apiToken: options.apiToken });
  const requests: RecordedRequest[] = [];
  const webhooks = createFakeWebhooks(`${storage.url}${WEBHOOK_KEY_PATH}`, WEBHOOK_ID, {
    sessionById,
    storage,
    // Served, its deliveries link to where it is served: the newest mount's storage.
    linkBase: () => (mounts.at(-1) ?? { storageUrl: storage.url }).storageUrl,
    linkTtlMs,
    transcriptLayout,
  });

  const fake: FakeApi & Mountable = {
    baseUrl,
    accountId,
    appId,
    storageUrl: storage.url,
    // Made on first read: a test that never looks at them does not pay for them.
    get sessions() {
      return sessions.all();
    },
    requests,
    webhooks,

    [MOUNT](mount: Mount) {
      mounts.push(mount);
      return () => void mounts.splice(mounts.indexOf(mount), 1);
    },

    async fetch(input, init) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const url = new URL(request.url);
      const record: RecordedRequest = {
        method: request.method,
        url: request.url,
        operation: undefined,
        query: Object.fromEntries(url.searchParams),
        headers: redacted(request.headers),
        status: null,
      };
      requests.push(record);
      let response: Response;
      const toStorage = mounts.find((mount) => request.url.startsWith(`${mount.storageUrl}/`));
      const toApi = mounts.find((mount) => request.url.startsWith(`${mount.baseUrl}/`));
      if (toStorage && url.pathname.endsWith(WEBHOOK_KEY_PATH)) {
        response = webhooks.keyResponse();
      } else if (toStorage) {
        record.operation = "download";
        response = storage.serve(request);
      } else if (toApi) {
        response = await api.serve(request, url, toApi, (operation) => {
          record.operation = operation;
        });
      } else {
        throw new TypeError(
          `fetch failed: the fake RealtimeKit API serves ${baseUrl} and ${storage.url}, not ${url.origin}`,
        );
      }
      record.status = response.status;
      return response;
    },

    fail(operation, fault = {}) {
      faults.add(operation, fault);
    },

    async startSession(init = {}) {
      if (typeof init !== "object" || init === null) throw new TypeError("fake.startSession(): init must be an object");
      const record = sessions.add(init, clock());
      await webhooks.deliver("meeting.started", record.id);
      if (record.participants.length > 0) await webhooks.deliver("meeting.participantJoined", record.id);
      return record;
    },

    async endSession(sessionId) {
      const record = sessionById(sessionId);
      if (!record) throw new TypeError(`fake.endSession(): the fake has no session ${JSON.stringify(sessionId)}`);
      if (record.status !== "LIVE") throw new TypeError(`fake.endSession(): session ${sessionId} has already ended`);
      // Never before what the session already says happened.
      const latest = Math.max(
        record.startedMs,
        Date.parse(record.session.updated_at),
        ...record.participants.map((participant) => Date.parse(participant.updated_at ?? "") || 0),
      );
      record.end(new Date(Math.max(clock(), latest)).toISOString());
      sessions.changed();
      const deliveries = await webhooks.deliver("meeting.ended", sessionId);
      if (record.chat.length > 0) deliveries.push(...(await webhooks.deliver("meeting.chatSynced", sessionId)));
      if (record.transcript.length > 0) deliveries.push(...(await webhooks.deliver("meeting.transcript", sessionId)));
      return deliveries;
    },
  };
  return fake;
}

/** The fake's clock: the time given, or the real one. */
function clockOf(now: FakeApiOptions["now"]): () => number {
  if (now === undefined) return Date.now;
  const ms = now instanceof Date ? now.getTime() : typeof now === "string" ? Date.parse(now) : now;
  if (!Number.isFinite(ms)) {
    throw new TypeError(
      `createFakeApi(): now must be a time (a Date, an ISO 8601 string or milliseconds), not ${JSON.stringify(String(now))}`,
    );
  }
  return () => ms;
}

function urlOf(name: string, value: string): string {
  const text = value.replace(/\/+$/, "");
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) {
    throw new TypeError(`createFakeApi(): ${name} must be an http(s) URL, not ${JSON.stringify(value)}`);
  }
  return text;
}

function count(name: string, value: number | readonly SessionInit[]): number | readonly SessionInit[] {
  if (typeof value === "number") whole(name, value);
  else if (!Array.isArray(value)) throw new TypeError(`createFakeApi(): ${name} must be a count or a list of sessions`);
  return value;
}

function whole(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new TypeError(`createFakeApi(): ${name} must be a whole number from 0, not ${value}`);
  }
  return value;
}

function redacted(headers: Headers): Record<string, string> {
  const result: Record<string, string> = {};
  headers.forEach((value, name) => {
    result[name] = REDACTED.has(name) ? value.replace(/^(Bearer\s+)?.*$/i, "$1[redacted]") : value;
  });
  return result;
}
