import createClient, { type Client, type Middleware } from "openapi-fetch";
import {
  abortSignal,
  accountOrAppId,
  count,
  milliseconds,
  pageQuery,
  pathSegment,
  requestHeaders,
} from "./arguments.js";
import { isRecord, RealtimeKitArgumentError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { paginate } from "./pagination.js";
import { type Accepted, type Answer, parseLoosely, withRetries } from "./retry.js";
import type {
  ChatDownload,
  GetParticipantQuery,
  GetPeerReportQuery,
  GetSessionQuery,
  GetTranscriptDownloadQuery,
  ListParticipantsQuery,
  ListSessionsQuery,
  Paging,
  Participant,
  ParticipantList,
  PeerReportFilter,
  PeerReportParticipant,
  Session,
  SessionList,
  SummaryDownload,
  SummaryGeneration,
  TranscriptDownload,
} from "./types.js";

declare const __CLIENT_VERSION__: string;

/** Where the Cloudflare API lives. */
export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

/** How each request is sent: shared by the client options and the per-call options. */
export interface RequestOptions {
  /**
   * Retries after a connection failure, a timeout, or a 408, 429 or 5xx (but 501) answer.
   * `0` turns retries off. `generateSummary` is only retried when its call sets this.
   * @default 2
   */
  retries?: number | undefined;
  /**
   * Time allowed for each attempt, from sending the request to the end of the answer's body,
   * in whole milliseconds (at most 2,147,483,647).
   * @default 60000
   */
  timeoutMs?: number | undefined;
}

export interface SessionsClientOptions extends RequestOptions {
  /**
   * A Cloudflare API token with the "Realtime" or "Realtime Admin" permission.
   * @default process.env.CLOUDFLARE_API_TOKEN, where the runtime has environment variables
   */
  apiToken?: string | undefined;
  /**
   * With `apiKey`, the legacy credentials: the account's email address.
   * @default process.env.CLOUDFLARE_EMAIL
   */
  apiEmail?: string | undefined;
  /**
   * With `apiEmail`, the legacy credentials: the account's Global API key.
   * @default process.env.CLOUDFLARE_API_KEY
   */
  apiKey?: string | undefined;
  /**
   * Cloudflare account of every call, unless a call names another.
   * @default process.env.CLOUDFLARE_ACCOUNT_ID
   */
  accountId?: string | undefined;
  /**
   * RealtimeKit app of every call, unless a call names another.
   * @default process.env.REALTIMEKIT_APP_ID
   */
  appId?: string | undefined;
  /**
   * Root of the API. Point it at a mock (such as `startMockServer()` from
   * `@realtimekit-sessions/mock`) in tests.
   * @default "https://api.cloudflare.com/client/v4"
   */
  baseUrl?: string | undefined;
  /**
   * The fetch to send requests with.
   * @default globalThis.fetch
   */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** openapi-fetch middleware, run on every request and response in order. */
  middleware?: Middleware[] | undefined;
  /**
   * First wait between attempts, doubled for each retry, with jitter.
   * @default 500
   */
  retryDelayMs?: number | undefined;
  /**
   * Longest wait between attempts, whatever `Retry-After` asks for.
   * @default 30000
   */
  maxRetryDelayMs?: number | undefined;
}

/** Per-call options, accepted as the last argument of every method. */
export interface CallOptions extends RequestOptions {
  /** Account of this call, instead of the client's `accountId`. */
  accountId?: string | undefined;
  /** App of this call, instead of the client's `appId`. */
  appId?: string | undefined;
  /** Cancels the call, including any wait before a retry. */
  signal?: AbortSignal | undefined;
  /**
   * Extra request headers for this call. A name or value that HTTP cannot carry is refused
   * before anything is sent; `Authorization` and `X-Auth-Key` values are kept out of errors.
   */
  headers?: Record<string, string> | undefined;
}

/** One method per Sessions API operation; each resolves to the `data` of the answer. */
export interface SessionsClient {
  /** One page of the app's sessions, and where it sits in the whole list. */
  listSessions(query?: ListSessionsQuery, options?: CallOptions): Promise<SessionList>;
  /**
   * Every session matching `query`, page after page (from `page_no`, default 1), for
   * `for await`. Holds one page at a time and fetches the next while you work on the current.
   */
  iterateSessions(query?: ListSessionsQuery, options?: CallOptions): AsyncGenerator<Session, void, undefined>;
  /** One session; with `include_breakout_rooms: true`, its breakout rooms too. */
  getSession(sessionId: string, query?: GetSessionQuery, options?: CallOptions): Promise<Session>;
  /** One page of the participants of a session, with its `paging`. */
  listParticipants(sessionId: string, query?: ListParticipantsQuery, options?: CallOptions): Promise<ParticipantList>;
  /** Every participant of a session, page after page, like `iterateSessions`. */
  iterateParticipants(
    sessionId: string,
    query?: ListParticipantsQuery,
    options?: CallOptions,
  ): AsyncGenerator<Participant, void, undefined>;
  /** One participant of a session. */
  getParticipant(
    sessionId: string,
    participantId: string,
    query?: GetParticipantQuery,
    options?: CallOptions,
  ): Promise<Participant>;
  /** The participant behind a peer id, with its call statistics (`peer_report`). */
  getPeerReport(peerId: string, query?: GetPeerReportQuery, options?: CallOptions): Promise<PeerReportParticipant>;
  /** A short-lived link to the session's chat log (CSV). */
  getChatDownload(sessionId: string, options?: CallOptions): Promise<ChatDownload>;
  /** A short-lived link to the session's transcript (CSV unless `format` says otherwise). */
  getTranscriptDownload(
    sessionId: string,
    query?: GetTranscriptDownloadQuery,
    options?: CallOptions,
  ): Promise<TranscriptDownload>;
  /** Starts generating the summary of the session's transcript. Not retried unless `options.retries` says. */
  generateSummary(sessionId: string, options?: CallOptions): Promise<SummaryGeneration>;
  /** A short-lived link to the summary of the session's transcript; 404 until one was generated. */
  getSummaryDownload(sessionId: string, options?: CallOptions): Promise<SummaryDownload>;
  /**
   * The underlying openapi-fetch client, with the base URL and credentials set, for anything
   * the methods do not cover. It returns `{ data, error, response }` instead of throwing, and
   * neither retries nor times out.
   */
  readonly raw: Client<paths>;
  /** The fetch the client sends with, for requests that must not carry the credentials. */
  readonly fetch: (request: Request) => Promise<Response>;
}

// Printable ASCII without spaces: anything else cannot travel in an HTTP header, and fetch's
// own complaint about it would quote the credential.
const CREDENTIAL_RE = /^[\x21-\x7e]+$/;
const SESSIONS = "/accounts/{account_id}/realtime/kit/{app_id}/sessions";

/**
 * Creates a client of the RealtimeKit Sessions API.
 *
 * @example
 * const client = createSessionsClient({ apiToken, accountId, appId });
 * const { sessions, paging } = await client.listSessions({ status: "ENDED", per_page: 20 });
 */
export function createSessionsClient(options: SessionsClientOptions = {}): SessionsClient {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const { headers, secrets } = credentials(options, env);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const accountId = optionalId("accountId", options.accountId ?? env.CLOUDFLARE_ACCOUNT_ID);
  const appId = optionalId("appId", options.appId ?? env.REALTIMEKIT_APP_ID);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new RealtimeKitArgumentError("fetch", `fetch must be a function, got ${typeof options.fetch}`);
  }
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const defaults = {
    retries: count("retries", options.retries, 2),
    timeoutMs: milliseconds("timeoutMs", options.timeoutMs, 60_000),
    retryDelayMs: milliseconds("retryDelayMs", options.retryDelayMs, 500, 0),
    maxRetryDelayMs: milliseconds("maxRetryDelayMs", options.maxRetryDelayMs, 30_000, 0),
  };

  const raw = createClient<paths>({
    baseUrl,
    fetch,
    headers: { ...headers, "User-Agent": `realtimekit-sessions-client/${__CLIENT_VERSION__}` },
  });
  if (options.middleware !== undefined) {
    if (!Array.isArray(options.middleware)) {
      throw new RealtimeKitArgumentError("middleware", "middleware must be a list of openapi-fetch middleware");
    }
    raw.use(...options.middleware);
  }

  function app(call: CallOptions) {
    const account = call.accountId ?? accountId;
    const appIdOfCall = call.appId ?? appId;
    if (account === undefined) throw unset("accountId", "CLOUDFLARE_ACCOUNT_ID");
    if (appIdOfCall === undefined) throw unset("appId", "REALTIMEKIT_APP_ID");
    return { account_id: accountOrAppId("accountId", account), app_id: accountOrAppId("appId", appIdOfCall) };
  }

  const session = (call: CallOptions, sessionId: string) => ({
    ...app(call),
    session_id: pathSegment("sessionId", sessionId),
  });

  type Init = { parseAs: "text"; signal: AbortSignal; redirect: "manual"; headers?: Record<string, string> };

  function send<T>(
    operation: string,
    call: CallOptions,
    request: (init: Init) => Promise<Answer>,
    accept: (text: string | undefined) => Accepted<T>,
    idempotent = true,
  ): Promise<T> {
    const headersOfCall = requestHeaders(call.headers);
    const policy = {
      ...defaults,
      retries: count("retries", call.retries, idempotent ? defaults.retries : 0),
      timeoutMs: milliseconds("timeoutMs", call.timeoutMs, defaults.timeoutMs),
      signal: abortSignal(call.signal),
    };
    return withRetries(
      operation,
      policy,
      [...secrets, ...credentialsIn(headersOfCall)],
      (signal) =>
        request({ parseAs: "text", signal, redirect: "manual", ...(headersOfCall && { headers: headersOfCall }) }),
      accept,
    );
  }

  const client: SessionsClient = {
    raw,
    fetch,

    async listSessions(query = {}, call = {}) {
      const params = { path: app(call), query: pageQuery(query) };
      return send(
        "listSessions",
        call,
        (init) => raw.GET(SESSIONS, { params, ...init }),
        envelope((body, data) =>
          Array.isArray(data.sessions)
            ? { value: { ...data, sessions: data.sessions as Session[], paging: pagingOf(body.paging) } }
            : missing("data.sessions", "a list"),
        ),
      );
    },

    iterateSessions(query = {}, call = {}) {
      return paginate(
        (page_no, signal) =>
          client
            .listSessions({ ...query, page_no }, { ...call, signal })
            .then(({ sessions, paging }) => ({ items: sessions, total: paging?.total_count })),
        query.page_no ?? 1,
        query.per_page,
        call.signal,
      );
    },

    async getSession(sessionId, query = {}, call = {}) {
      const path = session(call, sessionId);
      return send(
        "getSession",
        call,
        (init) => raw.GET(`${SESSIONS}/{session_id}`, { params: { path, query }, ...init }),
        envelope((_, data) =>
          typeof data.id === "string" ? { value: data as Session } : missing("data.id", "a string"),
        ),
      );
    },

    async listParticipants(sessionId, query = {}, call = {}) {
      const params = { path: session(call, sessionId), query: pageQuery(query) };
      return send(
        "listParticipants",
        call,
        (init) => raw.GET(`${SESSIONS}/{session_id}/participants`, { params, ...init }),
        envelope((body, data) =>
          Array.isArray(data.participants)
            ? {
                value: {
                  ...data,
                  participants: data.participants as Participant[],
                  paging: pagingOf(data.paging) ?? pagingOf(body.paging),
                },
              }
            : missing("data.participants", "a list"),
        ),
      );
    },

    iterateParticipants(sessionId, query = {}, call = {}) {
      return paginate(
        (page_no, signal) =>
          client
            .listParticipants(sessionId, { ...query, page_no }, { ...call, signal })
            .then(({ participants, paging }) => ({ items: participants, total: paging?.total_count })),
        query.page_no ?? 1,
        query.per_page,
        call.signal,
      );
    },

    async getParticipant(sessionId, participantId, query = {}, call = {}) {
      const path = { ...session(call, sessionId), participant_id: pathSegment("participantId", participantId) };
      return send(
        "getParticipant",
        call,
        (init) =>
          raw.GET(`${SESSIONS}/{session_id}/participants/{participant_id}`, { params: { path, query }, ...init }),
        envelope((_, data) =>
          isRecord(data.participant)
            ? { value: data.participant as Participant }
            : missing("data.participant", "an object"),
        ),
      );
    },

    async getPeerReport(peerId, query = {}, call = {}) {
      const path = { ...app(call), peer_id: pathSegment("peerId", peerId) };
      const { filters, ...rest } = query;
      const params = {
        path,
        query: { ...rest, ...(filters !== undefined && { filters: peerReportFilters(filters) }) },
      };
      return send(
        "getPeerReport",
        call,
        (init) => raw.GET(`${SESSIONS}/peer-report/{peer_id}`, { params, ...init }),
        envelope((_, data) => {
          if (isRecord(data.participant)) return { value: data.participant as PeerReportParticipant };
          // An earlier revision of Cloudflare's API reference puts the participant itself in `data`.
          if (typeof data.id === "string") return { value: data as PeerReportParticipant };
          return missing("data.participant", "an object");
        }),
      );
    },

    async getChatDownload(sessionId, call = {}) {
      const path = session(call, sessionId);
      return send(
        "getChatDownload",
        call,
        (init) => raw.GET(`${SESSIONS}/{session_id}/chat`, { params: { path }, ...init }),
        link<ChatDownload>(["chat_download_url", "chat_download_url_expiry"]),
      );
    },

    async getTranscriptDownload(sessionId, query = {}, call = {}) {
      const path = session(call, sessionId);
      return send(
        "getTranscriptDownload",
        call,
        (init) => raw.GET(`${SESSIONS}/{session_id}/transcript`, { params: { path, query }, ...init }),
        link<TranscriptDownload>(["sessionId", "transcript_download_url", "transcript_download_url_expiry"]),
      );
    },

    async generateSummary(sessionId, call = {}) {
      const path = session(call, sessionId);
      return send(
        "generateSummary",
        call,
        (init) => raw.POST(`${SESSIONS}/{session_id}/summary`, { params: { path }, ...init }),
        acceptGeneration,
        false,
      );
    },

    async getSummaryDownload(sessionId, call = {}) {
      const path = session(call, sessionId);
      return send(
        "getSummaryDownload",
        call,
        (init) => raw.GET(`${SESSIONS}/{session_id}/summary`, { params: { path }, ...init }),
        link<SummaryDownload>(["sessionId", "summaryDownloadUrl", "summaryDownloadUrlExpiry"]),
      );
    },
  };
  return client;
}

/** A success envelope: `{ success: true, data: { ... } }`, with whatever else came beside `data`. */
type Envelope = Record<string, unknown> & { data: Record<string, unknown> };

/**
 * Accepts a success envelope and hands it to `take`, which says what the method resolves to.
 * Anything else (not JSON, `success: false`, no `data` object) is refused as a whole.
 */
function envelope<T>(take: (body: Envelope, data: Record<string, unknown>) => Accepted<T>) {
  return (text: string | undefined): Accepted<T> => {
    const body = parseLoosely(text);
    if (!isRecord(body) || body.success === false || !isRecord(body.data)) return {};
    return take(body as Envelope, body.data);
  };
}

/** A refusal of a success envelope that lacks what the method promises. */
function missing(field: string, kind: string): { problem: string } {
  return { problem: `a success envelope without ${field} (${kind}), which this method promises` };
}

/** A download link answer: every field in `fields` must be a string. */
function link<T>(fields: readonly string[]) {
  return envelope<T>((_, data) => {
    const absent = fields.find((field) => typeof data[field] !== "string");
    return absent === undefined ? { value: data as T } : missing(`data.${absent}`, "a string");
  });
}

/**
 * generateSummary succeeds on any 2xx: the answer's `data` in either documented shape, or `{}`
 * when there is no body (the newest official SDKs read none) or no `data` in it.
 */
function acceptGeneration(text: string | undefined): Accepted<SummaryGeneration> {
  if (text === undefined || text.trim() === "") return { value: {} };
  const body = parseLoosely(text);
  if (!isRecord(body) || body.success === false) return {};
  return { value: isRecord(body.data) ? (body.data as SummaryGeneration) : {} };
}

function pagingOf(value: unknown): Paging | undefined {
  return isRecord(value) ? (value as Paging) : undefined;
}

const PEER_REPORT_FILTERS: readonly string[] = [
  "device_info",
  "ip_information",
  "precall_network_information",
  "events",
  "quality_stats",
] satisfies readonly PeerReportFilter[];

/** `filters` as the API takes it: known sections, comma-separated without spaces. */
function peerReportFilters(filters: PeerReportFilter | readonly PeerReportFilter[]): string {
  const list: readonly unknown[] = typeof filters === "string" ? filters.split(",") : filters;
  const unknown = list.find((filter) => typeof filter !== "string" || !PEER_REPORT_FILTERS.includes(filter));
  if (list.length === 0 || unknown !== undefined) {
    throw new RealtimeKitArgumentError(
      "filters",
      `filters must be one or more of ${PEER_REPORT_FILTERS.join(", ")}; got ${list.length === 0 ? "an empty list" : JSON.stringify(unknown)}`,
    );
  }
  return list.join(",");
}

/** Credentials a call's own headers carry, to keep out of its errors like the client's own. */
function credentialsIn(headers: Record<string, string> | undefined): string[] {
  if (!headers) return [];
  return Object.entries(headers)
    .filter(([name]) => CREDENTIAL_HEADERS.has(name.toLowerCase()))
    .map(([, value]) => value.replace(/^Bearer\s+/i, ""));
}

const CREDENTIAL_HEADERS = new Set(["authorization", "x-auth-key"]);

/** The request headers and the values to keep out of every error: explicit options first, then the environment. */
function credentials(options: SessionsClientOptions, env: Record<string, string | undefined>) {
  const legacyGiven = options.apiEmail !== undefined || options.apiKey !== undefined;
  const apiToken = options.apiToken ?? (legacyGiven ? undefined : env.CLOUDFLARE_API_TOKEN);
  if (apiToken !== undefined) {
    return { headers: { Authorization: `Bearer ${headerValue("apiToken", apiToken)}` }, secrets: [apiToken] };
  }
  const apiEmail = options.apiEmail ?? env.CLOUDFLARE_EMAIL;
  const apiKey = options.apiKey ?? env.CLOUDFLARE_API_KEY;
  if (apiEmail !== undefined && apiKey !== undefined) {
    return {
      headers: { "X-Auth-Email": headerValue("apiEmail", apiEmail), "X-Auth-Key": headerValue("apiKey", apiKey) },
      secrets: [apiKey],
    };
  }
  throw new RealtimeKitArgumentError(
    "apiToken",
    "No credentials: pass apiToken (or apiEmail and apiKey), or set CLOUDFLARE_API_TOKEN (or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY)",
  );
}

function headerValue(argument: string, value: string): string {
  if (typeof value !== "string" || !CREDENTIAL_RE.test(value)) {
    throw new RealtimeKitArgumentError(argument, `${argument} must be printable characters without spaces`);
  }
  return value;
}

function optionalId(argument: "accountId" | "appId", value: string | undefined): string | undefined {
  return value === undefined ? undefined : accountOrAppId(argument, value);
}

function checkBaseUrl(value: string): string {
  const url = typeof value === "string" && URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    // A URL with credentials in it is not quoted back: the message would carry them.
    const shown = url && (url.username || url.password) ? "a URL with credentials in it" : JSON.stringify(value);
    throw new RealtimeKitArgumentError(
      "baseUrl",
      `baseUrl must be an http(s) URL without credentials, query or fragment, such as ${DEFAULT_BASE_URL}; got ${shown}`,
    );
  }
  return value;
}

function unset(argument: "accountId" | "appId", variable: string): RealtimeKitArgumentError {
  return new RealtimeKitArgumentError(
    argument,
    `${argument} is required: pass it to createSessionsClient() or in this call's options, or set ${variable}`,
  );
}
