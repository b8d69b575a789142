import { objectOf, pathSegment, refusal, whole } from "./arguments.js";
import { isRecord } from "./errors.js";
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
import {
  type Accepted,
  type ApiPromise,
  apiPromise,
  envelope,
  lacking,
  list,
  type Promised,
  strings,
} from "./parse.js";
import { send } from "./retry.js";

type QueryObject = Record<string, unknown>;

/** A session, as `getSession` and `listSessions` give it. */
export type Session = OperationData<"getSession">;
/** Where a page of a list falls in the whole: `start_offset`, `end_offset`, `total_count`. */
export type Paging = NonNullable<OperationData<"listParticipants">["paging"]>;
/** A participant of a session, as `getParticipant` and `listParticipants` give it. */
export type Participant = NonNullable<OperationData<"getParticipant">["participant"]>;
/** A participant with its peer's call statistics, as `getPeerReport` gives it. */
export type PeerReportParticipant = NonNullable<OperationData<"getPeerReport">["participant"]>;
/** A peer's call statistics: its device, network and media quality. */
export type PeerReport = NonNullable<PeerReportParticipant["peer_report"]>;
/** A connection event of a participant's peer (`include_peer_events`). */
export type PeerEvent = NonNullable<Participant["peer_events"]>[number];
/** The chat's download link and when it expires. */
export type ChatDownload = OperationData<"getChatDownload">;
/** The transcript's download link and when it expires. */
export type TranscriptDownload = OperationData<"getTranscriptDownload">;
/** What `generateSummary` answers: the summary is being made. */
export type SummaryGeneration = OperationData<"generateSummary">;
/** The summary's download link and when it expires. */
export type SummaryDownload = OperationData<"getSummaryDownload">;

/** `listSessions`'s filters, sorting and paging. */
export type ListSessionsQuery = OperationQuery<"listSessions">;
/** `getSession`'s options. */
export type GetSessionQuery = OperationQuery<"getSession">;
/** `listParticipants`'s filters, sorting and paging. */
export type ListParticipantsQuery = OperationQuery<"listParticipants">;
/** `getParticipant`'s options. */
export type GetParticipantQuery = OperationQuery<"getParticipant">;
/** `getTranscriptDownload`'s options: the file's format. */
export type GetTranscriptDownloadQuery = OperationQuery<"getTranscriptDownload">;

/** One section of a peer report, for `getPeerReport`'s `filters`. */
export type PeerReportFilter =
  | "device_info"
  | "ip_information"
  | "precall_network_information"
  | "events"
  | "quality_stats";
/** The query of `getPeerReport`: `filters` takes one section or a list of them. */
export type GetPeerReportQuery = Omit<OperationQuery<"getPeerReport">, "filters"> & {
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
  listSessions: list("sessions", "Session"),
  getSession: envelope((data) => lacking(data, "Session", "data") ?? data),
  listParticipants: list("participants", "Participant"),
  getParticipant: envelope((data) => participant(data, false, "Participant")),
  // An earlier revision of Cloudflare's API reference puts the participant itself in `data`.
  getPeerReport: envelope((data) => participant(data, typeof data.id === "string", "PeerReportParticipant")),
  getChatDownload: strings("chat_download_url", "chat_download_url_expiry"),
  getTranscriptDownload: strings("sessionId", "transcript_download_url", "transcript_download_url_expiry"),
  // Any 2xx: the `data` of either documented shape, or {} for no body (the newest official SDKs read none).
  generateSummary: (text: string | undefined): Accepted<object> =>
    text?.trim() ? envelope((data) => data)(text) : { value: {} },
  getSummaryDownload: strings("sessionId", "summaryDownloadUrl", "summaryDownloadUrlExpiry"),
} satisfies Record<OperationName, (text: string | undefined) => Accepted<object>>;

/**
 * `data.participant`, or `data` itself when `itself`, with what the types promise of a
 * `schema`; else the refusal naming what is missing.
 */
function participant(data: Record<string, unknown>, itself: boolean, schema: Promised) {
  if (isRecord(data.participant)) return lacking(data.participant, schema, "data.participant") ?? data.participant;
  return itself ? (lacking(data, schema, "data") ?? data) : "data.participant (an object)";
}

/** The internals the downloads entry builds on, out of sight of the public API. */
export const INTERNALS: unique symbol = Symbol.for("realtimekit-sessions.internals") as never;

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
   * Calls operation `name` with the path ids `ids` gives and `query`. Every argument is checked
   * inside the call, so that one the client will not send rejects the call rather than throwing.
   */
  function call<T>(
    name: OperationName,
    options: CallOptions | undefined,
    ids: () => Record<string, string> = () => ({}),
    query?: object,
  ): ApiPromise<T> {
    const { method, path } = OPERATIONS[name];
    // Set by send() before the call resolves.
    const answered = {} as { response: Response };
    let data: Promise<T>;
    try {
      const checked = objectOf("options", options);
      const parameters = (QUERIES[name] ?? objectOf)("query", query as QueryObject | undefined);
      const url = urlOf(settings.baseUrl, path, { ...appOf(settings, checked), ...ids() }, parameters);
      const accept = ACCEPT[name] as (text: string | undefined) => Accepted<T>;
      data = send(settings.fetch, policyOf(settings, name, checked, method === "get"), method, url, accept, answered);
    } catch (error) {
      // A value the client will not send rejects the call, like any other failure.
      data = Promise.reject(error);
    }
    return apiPromise(data, answered);
  }
  const session = (sessionId: string) => () => ({ session_id: pathSegment("sessionId", sessionId) });

  const client: SessionsClient & { [INTERNALS]: Settings } = {
    [INTERNALS]: settings,
    listSessions: (query, options) => call("listSessions", options, undefined, query),
    iterateSessions: (query, options) => walk(query, options, client.listSessions, "sessions"),
    getSession: (sessionId, query, options) => call("getSession", options, session(sessionId), query),
    listParticipants: (sessionId, query, options) => call("listParticipants", options, session(sessionId), query),
    iterateParticipants: (sessionId, query, options) =>
      walk(
        query,
        options,
        (pageQuery, pageOptions) => client.listParticipants(sessionId, pageQuery, pageOptions),
        "participants",
      ),
    getParticipant: (sessionId, participantId, query, options) =>
      call(
        "getParticipant",
        options,
        () => ({ ...session(sessionId)(), participant_id: pathSegment("participantId", participantId) }),
        query,
      ),
    getPeerReport: (peerId, query, options) =>
      call("getPeerReport", options, () => ({ peer_id: pathSegment("peerId", peerId) }), query),
    getChatDownload: (sessionId, options) => call("getChatDownload", options, session(sessionId)),
    getTranscriptDownload: (sessionId, query, options) =>
      call("getTranscriptDownload", options, session(sessionId), query),
    generateSummary: (sessionId, options) => call("generateSummary", options, session(sessionId)),
    getSummaryDownload: (sessionId, options) => call("getSummaryDownload", options, session(sessionId)),
    withOptions: (overrides) => createSessionsClient({ ...options, ...overrides }),
  };
  return client;
}

/**
 * Every item of every page a list method gives, from the query's `page_no` on. Its arguments
 * are checked when the walk starts, so a bad one rejects the first `next()` like any call.
 */
async function* walk<Query extends { page_no?: number; per_page?: number }, Key extends string, T>(
  query: Query | undefined,
  options: CallOptions | undefined,
  list: (query: Query, call: CallOptions) => Promise<{ [key in Key]: T[] } & { paging: Paging | undefined }>,
  key: Key,
): AsyncGenerator<T, void, undefined> {
  const checked = listQuery("query", query);
  const call = objectOf("options", options);
  yield* paginate(
    (page_no, signal) =>
      list({ ...checked, page_no }, { ...call, signal }).then((page) => ({
        items: page[key],
        total: page.paging?.total_count,
      })),
    checked.page_no ?? 1,
    checked.per_page,
    call.signal,
  );
}

/** A list query: an object whose `page_no` and `per_page` are whole numbers, a page of at least one item. */
function listQuery<Query extends { page_no?: number; per_page?: number }>(
  argument: string,
  value: Query | undefined,
): Query {
  const query = objectOf(argument, value);
  whole("page_no", query.page_no, 0);
  whole("per_page", query.per_page, 0, 1);
  return query;
}

/** The query checks of the operations whose query is more than an object. */
const QUERIES: Partial<Record<OperationName, (argument: string, query: QueryObject | undefined) => QueryObject>> = {
  listSessions: listQuery,
  listParticipants: listQuery,
  getPeerReport: (argument, query) => {
    const { filters, ...rest } = objectOf(argument, query as GetPeerReportQuery | undefined);
    return filters === undefined ? rest : { ...rest, filters: peerReportFilters(filters) };
  },
};

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
  // The sections that are not one, or the whole value when it is no list of sections.
  const unknown =
    Array.isArray(sections) && sections[0] !== undefined
      ? sections.filter((section) => !PEER_REPORT_FILTERS.includes(section))
      : [filters];
  if (unknown.length) throw refusal("filters", `one or more of ${PEER_REPORT_FILTERS}`, unknown[0]);
  return (sections as string[]).join(",");
}
