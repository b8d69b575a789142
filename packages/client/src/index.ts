export {
  type CallOptions,
  createSessionsClient,
  DEFAULT_BASE_URL,
  type RequestOptions,
  type SessionsClient,
  type SessionsClientOptions,
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
export type {
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
  PeerEvent,
  PeerReport,
  PeerReportParticipant,
  Session,
  SessionList,
  SummaryDownload,
  SummaryGeneration,
  TranscriptDownload,
} from "./types.js";
