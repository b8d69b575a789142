// The contract cases: which call exercises each operation, and which statuses each operation
// documents. The operations are the client's table (`@realtimekit-sessions/client/operations`):
// a call missing here does not compile, and the coverage test fails when the spec and these
// tables disagree, so a status added to the spec cannot go untested.
import type { CallOptions, SessionsClient } from "@realtimekit-sessions/client";
import { OPERATIONS, type OperationName } from "@realtimekit-sessions/client/operations";
import { PARTICIPANT, PEER, SESSION } from "./client.js";

export type OperationId = OperationName;

/** One plain call per operation, with valid input. */
export const CALLS: Record<OperationId, (client: SessionsClient, options?: CallOptions) => Promise<unknown>> = {
  listSessions: (client, options) => client.listSessions({}, options),
  getSession: (client, options) => client.getSession(SESSION, {}, options),
  listParticipants: (client, options) => client.listParticipants(SESSION, {}, options),
  getParticipant: (client, options) => client.getParticipant(SESSION, PARTICIPANT, {}, options),
  getPeerReport: (client, options) => client.getPeerReport(PEER, {}, options),
  getChatDownload: (client, options) => client.getChatDownload(SESSION, options),
  getTranscriptDownload: (client, options) => client.getTranscriptDownload(SESSION, {}, options),
  generateSummary: (client, options) => client.generateSummary(SESSION, options),
  getSummaryDownload: (client, options) => client.getSummaryDownload(SESSION, options),
};

const FAILURES = ["400", "401", "403", "404", "422", "429", "5XX"];

/** The statuses each operation documents, success first. */
export const DOCUMENTED_STATUSES: Record<OperationId, string[]> = {
  listSessions: ["200", ...FAILURES],
  getSession: ["200", ...FAILURES],
  listParticipants: ["200", ...FAILURES],
  getParticipant: ["200", ...FAILURES],
  getPeerReport: ["200", ...FAILURES],
  getChatDownload: ["200", ...FAILURES],
  getTranscriptDownload: ["200", ...FAILURES],
  generateSummary: ["200", ...FAILURES],
  getSummaryDownload: ["200", ...FAILURES],
};

/** The concrete statuses asked of the mock for a documented status key. */
export function concreteStatuses(status: string): number[] {
  return status === "5XX" ? [500, 502, 503] : [Number(status)];
}

export const OPERATION_IDS = Object.keys(OPERATIONS) as OperationId[];
