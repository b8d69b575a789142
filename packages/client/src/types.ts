// Friendly names for the types generated from the spec.
import type { components, operations } from "./generated/schema.js";

type Schemas = components["schemas"];

/** The JSON body of a named response of the spec. */
export type ResponseBody<Name extends keyof components["responses"]> =
  components["responses"][Name]["content"]["application/json"];

type Query<Operation extends keyof operations> = NonNullable<operations[Operation]["parameters"]["query"]>;

export type Session = Schemas["Session"];
export type Participant = Schemas["Participant"];
export type PeerReportParticipant = Schemas["PeerReportParticipant"];
export type PeerReport = Schemas["PeerReport"];
export type PeerEvent = Schemas["PeerEvent"];
export type Paging = Schemas["Paging"];
export type ChatDownload = Schemas["ChatDownload"];
export type TranscriptDownload = Schemas["TranscriptDownload"];
export type SummaryDownload = Schemas["SummaryDownload"];
export type SummaryGeneration = Schemas["SummaryGeneration"];

export type ListSessionsQuery = Query<"listSessions">;
export type GetSessionQuery = Query<"getSession">;
export type ListParticipantsQuery = Query<"listParticipants">;
export type GetParticipantQuery = Query<"getParticipant">;
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
export type GetTranscriptDownloadQuery = Query<"getTranscriptDownload">;

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
