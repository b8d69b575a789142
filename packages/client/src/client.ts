import createClient, { type Client } from "openapi-fetch";
import { createApiError, isRecord, RealtimeKitArgumentError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { pathSegment } from "./path.js";
import type {
  ChatDownload,
  GetParticipantQuery,
  GetPeerReportQuery,
  GetSessionQuery,
  GetTranscriptDownloadQuery,
  ListParticipantsQuery,
  ListSessionsQuery,
  Participant,
  ParticipantList,
  PeerReportParticipant,
  ResponseBody,
  Session,
  SessionList,
  SummaryDownload,
  SummaryGeneration,
  TranscriptDownload,
} from "./types.js";

/** Where the Cloudflare API lives. */
export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

export interface SessionsClientOptions {
  /** A Cloudflare API token with the "Realtime" or "Realtime Admin" permission. */
  apiToken: string;
  /** Cloudflare account of every call, unless a call names another. */
  accountId?: string | undefined;
  /** RealtimeKit app of every call, unless a call names another. */
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
}

/** Per-call options, accepted as the last argument of every method. */
export interface CallOptions {
  /** Account of this call, instead of the client's `accountId`. */
  accountId?: string | undefined;
  /** App of this call, instead of the client's `appId`. */
  appId?: string | undefined;
  /** Cancels the call. */
  signal?: AbortSignal | undefined;
  /** Extra request headers for this call. */
  headers?: Record<string, string> | undefined;
}

/** One method per Sessions API operation; each resolves to the `data` of the answer. */
export interface SessionsClient {
  /** One page of the app's sessions, and where it sits in the whole list. */
  listSessions(query?: ListSessionsQuery, options?: CallOptions): Promise<SessionList>;
  /** One session; with `include_breakout_rooms: true`, its breakout rooms too. */
  getSession(sessionId: string, query?: GetSessionQuery, options?: CallOptions): Promise<Session>;
  /** One page of the participants of a session, with its `paging`. */
  listParticipants(sessionId: string, query?: ListParticipantsQuery, options?: CallOptions): Promise<ParticipantList>;
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
  /** Starts generating the summary of the session's transcript. */
  generateSummary(sessionId: string, options?: CallOptions): Promise<SummaryGeneration>;
  /** A short-lived link to the summary of the session's transcript; 404 until one was generated. */
  getSummaryDownload(sessionId: string, options?: CallOptions): Promise<SummaryDownload>;
  /**
   * The underlying openapi-fetch client, with the base URL and credentials set, for anything
   * the methods do not cover. It returns `{ data, error, response }` instead of throwing.
   */
  readonly raw: Client<paths>;
}

// Printable ASCII without spaces: anything else cannot travel in an HTTP header, and fetch's
// own complaint about it would quote the token.
const TOKEN_RE = /^[\x21-\x7e]+$/;
const SESSIONS = "/accounts/{account_id}/realtime/kit/{app_id}/sessions";

/**
 * Creates a client of the RealtimeKit Sessions API.
 *
 * @example
 * const client = createSessionsClient({ apiToken, accountId, appId });
 * const { sessions, paging } = await client.listSessions({ status: "ENDED", per_page: 20 });
 */
export function createSessionsClient(options: SessionsClientOptions): SessionsClient {
  const { apiToken } = options;
  if (typeof apiToken !== "string" || !TOKEN_RE.test(apiToken)) {
    throw new RealtimeKitArgumentError(
      "apiToken",
      "apiToken must be a Cloudflare API token: a non-empty string of printable characters without spaces",
    );
  }
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const defaults = {
    accountId: options.accountId === undefined ? undefined : pathSegment("accountId", options.accountId),
    appId: options.appId === undefined ? undefined : pathSegment("appId", options.appId),
  };
  const secrets = [apiToken];

  const raw = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${apiToken}` },
    ...(options.fetch && { fetch: options.fetch }),
  });

  function app(call: CallOptions) {
    const account = call.accountId ?? defaults.accountId;
    const appId = call.appId ?? defaults.appId;
    if (account === undefined) throw missing("accountId");
    if (appId === undefined) throw missing("appId");
    return { account_id: pathSegment("accountId", account), app_id: pathSegment("appId", appId) };
  }

  function init(call: CallOptions) {
    return {
      parseAs: "text" as const,
      ...(call.signal && { signal: call.signal }),
      ...(call.headers && { headers: call.headers }),
    };
  }

  async function send<Name extends SuccessResponse>(
    operation: string,
    pending: Promise<{ data?: string; error?: unknown; response: Response }>,
  ): Promise<ResponseBody<Name>> {
    const { data, error, response } = await pending;
    if (!response.ok) throw createApiError(operation, response, error, secrets);
    const body = parseSuccess(data);
    if (!body) throw createApiError(operation, response, parseLoosely(data), secrets);
    return body as ResponseBody<Name>;
  }

  return {
    raw,

    async listSessions(query = {}, call = {}) {
      const body = await send<"SessionList">(
        "listSessions",
        raw.GET(SESSIONS, { params: { path: app(call), query }, ...init(call) }),
      );
      return { ...body.data, paging: body.paging };
    },

    async getSession(sessionId, query = {}, call = {}) {
      const session_id = pathSegment("sessionId", sessionId);
      const body = await send<"Session">(
        "getSession",
        raw.GET(`${SESSIONS}/{session_id}`, { params: { path: { ...app(call), session_id }, query }, ...init(call) }),
      );
      return body.data;
    },

    async listParticipants(sessionId, query = {}, call = {}) {
      const session_id = pathSegment("sessionId", sessionId);
      const body = await send<"ParticipantList">(
        "listParticipants",
        raw.GET(`${SESSIONS}/{session_id}/participants`, {
          params: { path: { ...app(call), session_id }, query },
          ...init(call),
        }),
      );
      return body.data;
    },

    async getParticipant(sessionId, participantId, query = {}, call = {}) {
      const session_id = pathSegment("sessionId", sessionId);
      const participant_id = pathSegment("participantId", participantId);
      const body = await send<"Participant">(
        "getParticipant",
        raw.GET(`${SESSIONS}/{session_id}/participants/{participant_id}`, {
          params: { path: { ...app(call), session_id, participant_id }, query },
          ...init(call),
        }),
      );
      return body.data.participant;
    },

    async getPeerReport(peerId, query = {}, call = {}) {
      const peer_id = pathSegment("peerId", peerId);
      const body = await send<"PeerReport">(
        "getPeerReport",
        raw.GET(`${SESSIONS}/peer-report/{peer_id}`, {
          params: { path: { ...app(call), peer_id }, query },
          ...init(call),
        }),
      );
      return body.data.participant;
    },

    async getChatDownload(sessionId, call = {}) {
      const session_id = pathSegment("sessionId", sessionId);
      const body = await send<"ChatDownload">(
        "getChatDownload",
        raw.GET(`${SESSIONS}/{session_id}/chat`, { params: { path: { ...app(call), session_id } }, ...init(call) }),
      );
      return body.data;
    },

    async getTranscriptDownload(sessionId, query = {}, call = {}) {
      const session_id = pathSegment("sessionId", sessionId);
      const body = await send<"TranscriptDownload">(
        "getTranscriptDownload",
        raw.GET(`${SESSIONS}/{session_id}/transcript`, {
          params: { path: { ...app(call), session_id }, query },
          ...init(call),
        }),
      );
      return body.data;
    },

    async generateSummary(sessionId, call = {}) {
      const session_id = pathSegment("sessionId", sessionId);
      const body = await send<"SummaryGeneration">(
        "generateSummary",
        raw.POST(`${SESSIONS}/{session_id}/summary`, { params: { path: { ...app(call), session_id } }, ...init(call) }),
      );
      return body.data;
    },

    async getSummaryDownload(sessionId, call = {}) {
      const session_id = pathSegment("sessionId", sessionId);
      const body = await send<"SummaryDownload">(
        "getSummaryDownload",
        raw.GET(`${SESSIONS}/{session_id}/summary`, { params: { path: { ...app(call), session_id } }, ...init(call) }),
      );
      return body.data;
    },
  };
}

type SuccessResponse =
  | "SessionList"
  | "Session"
  | "ParticipantList"
  | "Participant"
  | "PeerReport"
  | "ChatDownload"
  | "TranscriptDownload"
  | "SummaryGeneration"
  | "SummaryDownload";

/** The success envelope `{ success: true, data }` in `text`, or undefined when it is not one. */
function parseSuccess(text: string | undefined): Record<string, unknown> | undefined {
  const body = parseLoosely(text);
  return isRecord(body) && body.success !== false && isRecord(body.data) ? body : undefined;
}

/** JSON when `text` is JSON, else `text` itself, so an error can say what came back. */
function parseLoosely(text: string | undefined): unknown {
  if (text === undefined || text === "") return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RealtimeKitArgumentError("baseUrl", `baseUrl must be an absolute URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new RealtimeKitArgumentError("baseUrl", `baseUrl must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new RealtimeKitArgumentError(
      "baseUrl",
      "baseUrl must not carry credentials, a query or a fragment: pass the API root, such as https://api.cloudflare.com/client/v4",
    );
  }
  return value;
}

function missing(argument: "accountId" | "appId"): RealtimeKitArgumentError {
  return new RealtimeKitArgumentError(
    argument,
    `${argument} is required: pass it to createSessionsClient() or in this call's options`,
  );
}
