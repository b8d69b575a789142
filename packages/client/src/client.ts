import { objectOf, pageQuery, pathSegment } from "./arguments.js";
import { isRecord, RealtimeKitArgumentError } from "./errors.js";
import { OPERATIONS, type OperationData, type OperationName, type OperationQuery, urlOf } from "./operations.js";
import {
  appOf,
  type CallOptions,
  policyOf,
  resolveSettings,
  type SessionsClientOptions,
  type Settings,
} from "./options.js";
import { paginate } from "./pagination.js";
import { type Accepted, ApiPromise, envelope, link, list, pagingOf } from "./parse.js";
import { send } from "./retry.js";

type Data<Name extends OperationName> = OperationData<Name>;
type Query<Name extends OperationName> = OperationQuery<Name>;

export type Session = Data<"getSession">;
export type Paging = NonNullable<Data<"listParticipants">["paging"]>;
export type Participant = NonNullable<Data<"getParticipant">["participant"]>;
export type PeerReportParticipant = NonNullable<Data<"getPeerReport">["participant"]>;
export type PeerReport = NonNullable<PeerReportParticipant["peer_report"]>;
export type PeerEvent = NonNullable<Participant["peer_events"]>[number];
export type ChatDownload = Data<"getChatDownload">;
export type TranscriptDownload = Data<"getTranscriptDownload">;
export type SummaryGeneration = Data<"generateSummary">;
export type SummaryDownload = Data<"getSummaryDownload">;

export type ListSessionsQuery = Query<"listSessions">;
export type GetSessionQuery = Query<"getSession">;
export type ListParticipantsQuery = Query<"listParticipants">;
export type GetParticipantQuery = Query<"getParticipant">;
export type GetTranscriptDownloadQuery = Query<"getTranscriptDownload">;

/** One section of a peer report, for `getPeerReport`'s `filters`. */
export type PeerReportFilter =
  | "device_info"
  | "ip_information"
  | "precall_network_information"
  | "events"
  | "quality_stats";
/** The query of `getPeerReport`: `filters` takes one section or a list of them. */
export type GetPeerReportQuery = Omit<Query<"getPeerReport">, "filters"> & {
  /** Only these sections of the report; sent as the comma-separated list the API takes. */
  filters?: PeerReportFilter | readonly PeerReportFilter[] | undefined;
};

/**
 * What `listSessions` resolves to: the page of sessions and where it sits in the whole list
 * (`undefined` when the answer carried no `paging`).
 */
export interface SessionList {
  sessions: Session[];
  paging: Paging | undefined;
}

/**
 * What `listParticipants` resolves to: the page of participants and its paging, read from
 * `data.paging` or, failing that, a top-level `paging` (`undefined` when neither came).
 */
export interface ParticipantList {
  participants: Participant[];
  paging: Paging | undefined;
}

/**
 * One method per Sessions API operation; each resolves to the `data` of the answer, and its
 * `.withResponse()` to `{ data, response, rateLimit }`.
 */
export interface SessionsClient {
  /** One page of the app's sessions, and where it sits in the whole list. */
  listSessions(query?: ListSessionsQuery, options?: CallOptions): ApiPromise<SessionList>;
  /**
   * Every session matching `query`, page after page (from `page_no`, default 1), for
   * `for await`. Holds one page at a time and fetches the next while you work on the current.
   */
  iterateSessions(query?: ListSessionsQuery, options?: CallOptions): AsyncGenerator<Session, void, undefined>;
  /** One session; with `include_breakout_rooms: true`, its breakout rooms too. */
  getSession(sessionId: string, query?: GetSessionQuery, options?: CallOptions): ApiPromise<Session>;
  /** One page of the participants of a session, with its `paging`. */
  listParticipants(
    sessionId: string,
    query?: ListParticipantsQuery,
    options?: CallOptions,
  ): ApiPromise<ParticipantList>;
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
  ): ApiPromise<Participant>;
  /** The participant behind a peer id, with its call statistics (`peer_report`). */
  getPeerReport(peerId: string, query?: GetPeerReportQuery, options?: CallOptions): ApiPromise<PeerReportParticipant>;
  /** A short-lived link to the session's chat log (CSV). */
  getChatDownload(sessionId: string, options?: CallOptions): ApiPromise<ChatDownload>;
  /** A short-lived link to the session's transcript (CSV unless `format` says otherwise). */
  getTranscriptDownload(
    sessionId: string,
    query?: GetTranscriptDownloadQuery,
    options?: CallOptions,
  ): ApiPromise<TranscriptDownload>;
  /** Starts generating the summary of the session's transcript. Not retried unless `options.retries` says. */
  generateSummary(sessionId: string, options?: CallOptions): ApiPromise<SummaryGeneration>;
  /** A short-lived link to the summary of the session's transcript (Markdown by default); 404 until one was generated. */
  getSummaryDownload(sessionId: string, options?: CallOptions): ApiPromise<SummaryDownload>;
  /** A client like this one, with `options` over its own. */
  withOptions(options: SessionsClientOptions): SessionsClient;
}

/** What each operation resolves to, and what it refuses: a success envelope without it. */
const ACCEPT = {
  listSessions: envelope((data, body) => list(data, "sessions") ?? { ...data, paging: pagingOf(body.paging) }),
  getSession: envelope((data) => (typeof data.id === "string" ? data : "data.id (a string)")),
  listParticipants: envelope(
    (data, body) => list(data, "participants") ?? { ...data, paging: pagingOf(data.paging) ?? pagingOf(body.paging) },
  ),
  getParticipant: envelope((data) => (isRecord(data.participant) ? data.participant : "data.participant (an object)")),
  // An earlier revision of Cloudflare's API reference puts the participant itself in `data`.
  getPeerReport: envelope((data) =>
    isRecord(data.participant) ? data.participant : typeof data.id === "string" ? data : "data.participant (an object)",
  ),
  getChatDownload: link("chat_download_url", "chat_download_url_expiry"),
  getTranscriptDownload: link("sessionId", "transcript_download_url", "transcript_download_url_expiry"),
  // Any 2xx: the `data` of either documented shape, or {} for no body (the newest official SDKs read none).
  generateSummary: (text: string | undefined): Accepted<object> =>
    text?.trim() ? envelope((data) => data)(text) : { value: {} },
  getSummaryDownload: link("sessionId", "summaryDownloadUrl", "summaryDownloadUrlExpiry"),
} satisfies Record<OperationName, (text: string | undefined) => Accepted<object>>;

/** The internals the downloads entry builds on, out of sight of the public API. */
export const INTERNALS: unique symbol = Symbol.for("@realtimekit-sessions/client.internals") as never;

/**
 * Creates a client of the RealtimeKit Sessions API.
 *
 * @example
 * const client = createSessionsClient({ apiToken, accountId, appId });
 * const { sessions, paging } = await client.listSessions({ status: "ENDED", per_page: 20 });
 */
export function createSessionsClient(options: SessionsClientOptions = {}): SessionsClient {
  const settings = resolveSettings(objectOf("options", options));

  /**
   * Calls operation `name`. Its path ids and query come from `params`, run inside the call so
   * that an id or value the client will not send rejects the call rather than throwing.
   */
  function call<T>(
    name: OperationName,
    call: CallOptions | undefined,
    params: () => { ids?: Record<string, string>; query?: Record<string, unknown> } = () => ({}),
  ): ApiPromise<T> {
    const { method, path } = OPERATIONS[name];
    const outcome = (async () => {
      const options = objectOf("options", call);
      const { ids, query = {} } = params();
      const url = urlOf(settings.baseUrl, path, { ...appOf(settings, options), ...ids }, query);
      const accept = ACCEPT[name] as (text: string | undefined) => Accepted<T>;
      return send(settings.fetch, policyOf(settings, name, options, method === "get"), method, url, accept);
    })();
    return new ApiPromise<T>(outcome);
  }
  const session = (sessionId: string) => ({ session_id: pathSegment("sessionId", sessionId) });

  const client: SessionsClient & { [INTERNALS]: Settings } = {
    [INTERNALS]: settings,
    listSessions: (query, options) =>
      call("listSessions", options, () => ({ query: pageQuery(objectOf("query", query)) })),
    iterateSessions: (query, options) =>
      walk(query, options, (checked, page_no, pageOptions) =>
        client.listSessions({ ...checked, page_no }, pageOptions).then((page) => [page.sessions, page.paging]),
      ),
    getSession: (sessionId, query, options) =>
      call("getSession", options, () => ({ ids: session(sessionId), query: objectOf("query", query) })),
    listParticipants: (sessionId, query, options) =>
      call("listParticipants", options, () => ({
        ids: session(sessionId),
        query: pageQuery(objectOf("query", query)),
      })),
    iterateParticipants: (sessionId, query, options) =>
      walk(query, options, (checked, page_no, pageOptions) =>
        client
          .listParticipants(sessionId, { ...checked, page_no }, pageOptions)
          .then((page) => [page.participants, page.paging]),
      ),
    getParticipant: (sessionId, participantId, query, options) =>
      call("getParticipant", options, () => ({
        ids: { ...session(sessionId), participant_id: pathSegment("participantId", participantId) },
        query: objectOf("query", query),
      })),
    getPeerReport: (peerId, query, options) =>
      call("getPeerReport", options, () => {
        const { filters, ...rest } = objectOf("query", query);
        return {
          ids: { peer_id: pathSegment("peerId", peerId) },
          query: filters === undefined ? rest : { ...rest, filters: peerReportFilters(filters) },
        };
      }),
    getChatDownload: (sessionId, options) => call("getChatDownload", options, () => ({ ids: session(sessionId) })),
    getTranscriptDownload: (sessionId, query, options) =>
      call("getTranscriptDownload", options, () => ({ ids: session(sessionId), query: objectOf("query", query) })),
    generateSummary: (sessionId, options) => call("generateSummary", options, () => ({ ids: session(sessionId) })),
    getSummaryDownload: (sessionId, options) =>
      call("getSummaryDownload", options, () => ({ ids: session(sessionId) })),
    withOptions: (overrides) => createSessionsClient({ ...options, ...overrides }),
  };
  return client;
}

/**
 * Every item of every page a list method gives, from the query's `page_no` on. Its arguments
 * are checked when the walk starts, so a bad one rejects the first `next()` like any call.
 */
async function* walk<Query extends { page_no?: number; per_page?: number }, T>(
  query: Query | undefined,
  options: CallOptions | undefined,
  list: (query: Query, pageNo: number, call: CallOptions) => Promise<[T[], Paging | undefined]>,
): AsyncGenerator<T, void, undefined> {
  const checked = pageQuery(objectOf("query", query));
  const call = objectOf("options", options);
  yield* paginate(
    (pageNo, signal) =>
      list(checked, pageNo, { ...call, signal }).then(([items, paging]) => ({ items, total: paging?.total_count })),
    checked.page_no ?? 1,
    checked.per_page,
    call.signal,
  );
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
  const sections: unknown = typeof filters === "string" ? filters.split(",") : filters;
  if (!Array.isArray(sections)) {
    throw new RealtimeKitArgumentError("filters", "filters must be a section name or a list of them");
  }
  const unknown = sections.find((filter) => typeof filter !== "string" || !PEER_REPORT_FILTERS.includes(filter));
  if (sections.length === 0 || unknown !== undefined) {
    throw new RealtimeKitArgumentError(
      "filters",
      `filters must be one or more of ${PEER_REPORT_FILTERS.join(", ")}; got ${sections.length === 0 ? "an empty list" : JSON.stringify(unknown)}`,
    );
  }
  return sections.join(",");
}
