export {
  type ChatDownload,
  createSessionsClient,
  type GetParticipantQuery,
  type GetPeerReportQuery,
  type GetSessionQuery,
  type GetTranscriptDownloadQuery,
  type ListParticipantsQuery,
  type ListSessionsQuery,
  type Paging,
  type Participant,
  type ParticipantList,
  type PeerEvent,
  type PeerReport,
  type PeerReportFilter,
  type PeerReportParticipant,
  type Session,
  type SessionList,
  type SessionsClient,
  type SummaryDownload,
  type SummaryGeneration,
  type TranscriptDownload,
} from "./client.js";
export {
  type ApiErrorDetail,
  RealtimeKitAbortError,
  RealtimeKitApiError,
  RealtimeKitArgumentError,
  RealtimeKitConnectionError,
  RealtimeKitError,
  RealtimeKitTimeoutError,
} from "./errors.js";
export type { components, operations, paths } from "./generated/schema.js";
export type { Logger, LogLevel } from "./log.js";
export type { OperationData, OperationName, OperationQuery } from "./operations.js";
export {
  type CallOptions,
  DEFAULT_BASE_URL,
  type Pacer,
  type RequestOptions,
  type SessionsClientOptions,
} from "./options.js";
export type { ApiPromise, WithResponse } from "./parse.js";
export type { RateLimit } from "./rate-limit.js";
