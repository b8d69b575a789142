// Every operation against the real API, through the validating proxy: each answer must be one
// the spec documents for the operation, with nothing Prism objects to. Ids are discovered from
// the list calls. Read-only unless LIVE_ALLOW_WRITES=1 (the summary POST starts a paid job).
import {
  createSessionsClient,
  type Participant,
  RealtimeKitApiError,
  type Session,
  type SessionsClient,
} from "@realtimekit-sessions/client";
import { OPERATIONS, type OperationName } from "@realtimekit-sessions/client/operations";
import { object, operationsOf, spec } from "@realtimekit-sessions/spec/tools/spec";
import { describe, expect, inject, test } from "vitest";
import { violations } from "../support/client.js";
import { record } from "./report.js";

const live = inject("live");
const responses: Response[] = [];
/** The operations this run called or said it did not run: the last test wants every one. */
const covered = new Set<OperationName>();
const client: SessionsClient = createSessionsClient({
  apiToken: live.apiToken,
  accountId: live.accountId,
  appId: live.appId,
  baseUrl: live.proxyUrl,
  // Retrying would hide what the API answered first; every answer is checked as it comes.
  retries: 0,
  fetch: async (request) => {
    const response = await fetch(request);
    responses.push(response);
    return response;
  },
});

const documented = new Map(
  operationsOf(spec).map((operation) => [operation.operationId, Object.keys(object(operation.definition.responses))]),
);

function isDocumented(operationId: string, status: number): boolean {
  const statuses = documented.get(operationId) ?? [];
  return statuses.includes(String(status)) || statuses.includes(`${String(status)[0]}XX`);
}

/**
 * Calls one operation and records what the proxy said. Any documented failure is a fair
 * answer (a summary may not exist yet); a violation, or an undocumented status, is not.
 */
async function check<T>(operationId: OperationName, call: () => Promise<T>): Promise<T | undefined> {
  covered.add(operationId);
  const before = responses.length;
  const outcome = await call().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const response = responses[before];
  if (!response) throw ("error" in outcome ? outcome.error : new Error(`${operationId} sent no request`)) as Error;
  const found = violations(response).map((violation) => {
    const where = violation.location.join(".");
    return `${where}: ${violation.message}`;
  });
  record(live.reportFile, { operation: operationId, status: response.status, violations: found });
  expect(found, `${operationId}: Prism found the answer does not match the spec`).toEqual([]);
  expect(isDocumented(operationId, response.status), `${operationId}: HTTP ${response.status} is not documented`).toBe(
    true,
  );
  if ("error" in outcome && !(outcome.error instanceof RealtimeKitApiError)) throw outcome.error;
  return "value" in outcome ? outcome.value : undefined;
}

function notRun(operationId: OperationName, reason: string): void {
  covered.add(operationId);
  record(live.reportFile, { operation: operationId, status: "-", violations: [] });
  console.log(`${operationId}: not run (${reason})`);
}

describe.sequential("live API", () => {
  let session: Session | undefined;
  let participant: Participant | undefined;

  test("listSessions", async () => {
    const page = await check("listSessions", () => client.listSessions({ per_page: 20 }));
    session = page?.sessions.find((candidate) => candidate.status === "ENDED") ?? page?.sessions[0];
    expect(session, "the app has no session to test the other operations against: hold one first").toBeDefined();
  });

  test("getSession", async () => {
    await check("getSession", () => client.getSession(sessionId(), { include_breakout_rooms: true }));
  });

  test("listParticipants", async () => {
    const page = await check("listParticipants", () =>
      client.listParticipants(sessionId(), { per_page: 20, include_peer_events: true }),
    );
    participant = page?.participants[0];
    expect(participant?.id, "the session has no participant to test against").toBeDefined();
  });

  test("getParticipant", async () => {
    await check("getParticipant", () => client.getParticipant(sessionId(), participant?.id ?? ""));
  });

  test("getPeerReport", async () => {
    const peerId = participant?.peer_events?.[0]?.peer_id ?? participant?.id ?? "";
    await check("getPeerReport", () => client.getPeerReport(peerId));
  });

  test("getChatDownload", async () => {
    await check("getChatDownload", () => client.getChatDownload(sessionId()));
  });

  test("getTranscriptDownload", async () => {
    await check("getTranscriptDownload", () => client.getTranscriptDownload(sessionId(), { format: "JSON" }));
  });

  test("getSummaryDownload", async () => {
    await check("getSummaryDownload", () => client.getSummaryDownload(sessionId()));
  });

  test("generateSummary", async () => {
    if (!live.allowWrites) {
      notRun("generateSummary", "read-only run; set LIVE_ALLOW_WRITES=1 to start a summary");
      return;
    }
    await check("generateSummary", () => client.generateSummary(sessionId()));
  });

  test("covers every operation of the client's table", () => {
    expect([...covered].sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  function sessionId(): string {
    if (!session) throw new Error("no session was found by listSessions");
    return session.id;
  }
});
