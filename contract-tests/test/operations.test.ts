// Every operation, called through the published client with valid input, resolves to the
// body Prism served, and Prism (running with --errors) found nothing wrong with the exchange.
import type { Paging, Participant, PeerReportParticipant, Session, SessionList } from "@realtimekit-sessions/client";
import { examplesOf, type JsonObject, object, operationsOf, spec } from "@realtimekit-sessions/spec/tools/spec";
import { describe, expect, expectTypeOf, test } from "vitest";
import { CALLS, OPERATION_IDS } from "../support/cases.js";
import { mockClient, PARTICIPANT, PEER, SESSION, violations } from "../support/client.js";

/** The example Prism serves for an operation's 200: the first one in the spec. */
function served(operationId: string): JsonObject {
  const operation = operationsOf(spec).find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`no operation ${operationId} in the spec`);
  const [first] = examplesOf(operation, "200");
  if (!first) throw new Error(`no 200 example for ${operationId}`);
  return first.value;
}

describe.each(OPERATION_IDS)("%s", (operationId) => {
  test("gets a response Prism validated against the spec", async () => {
    const { client, responses } = mockClient();

    await CALLS[operationId](client);

    expect(responses.map((response) => response.status)).toEqual([200]);
    expect(violations(responses[0])).toEqual([]);
  });
});

test("listSessions resolves to the sessions and the paging", async () => {
  const { client } = mockClient();

  const result = await client.listSessions({ per_page: 2, status: "ENDED" });

  const body = served("listSessions");
  expect(result).toEqual({ sessions: object(body.data).sessions, paging: body.paging });
  expectTypeOf(result).toEqualTypeOf<SessionList>();
  expectTypeOf(result.sessions).items.toHaveProperty("status").toEqualTypeOf<"LIVE" | "ENDED">();
  expectTypeOf(result.paging).toEqualTypeOf<Paging | undefined>();
});

test("getSession resolves to the session, breakout rooms included", async () => {
  const { client } = mockClient();

  const session = await client.getSession(SESSION, { include_breakout_rooms: true });

  expect(session).toEqual(served("getSession").data);
  expect(session.breakout_rooms?.length).toBeGreaterThan(0);
  expectTypeOf(session).toEqualTypeOf<Session>();
  expectTypeOf(session.breakout_rooms).toEqualTypeOf<Session[] | undefined>();
});

test("listParticipants resolves to the participants and their paging", async () => {
  const { client } = mockClient();

  const page = await client.listParticipants(SESSION, { per_page: 10, view: "consolidated" });

  expect(page).toEqual(served("listParticipants").data);
  expectTypeOf(page.participants).toEqualTypeOf<Participant[]>();
  expectTypeOf(page.paging).toEqualTypeOf<Paging | undefined>();
});

test("getParticipant resolves to the participant", async () => {
  const { client } = mockClient();

  const participant = await client.getParticipant(SESSION, PARTICIPANT, { include_peer_events: true });

  expect(participant).toEqual(object(served("getParticipant").data).participant);
  expectTypeOf(participant).toEqualTypeOf<Participant>();
});

test("getPeerReport resolves to the participant with its peer report", async () => {
  const { client } = mockClient();

  const participant = await client.getPeerReport(PEER, { filters: "quality_stats" });

  expect(participant).toEqual(object(served("getPeerReport").data).participant);
  expect(participant.peer_report?.quality).toBeDefined();
  expectTypeOf(participant).toEqualTypeOf<PeerReportParticipant>();
});

test("getChatDownload resolves to the chat link and its expiry", async () => {
  const { client } = mockClient();

  const chat = await client.getChatDownload(SESSION);

  expect(chat).toEqual(served("getChatDownload").data);
  expectTypeOf(chat).toEqualTypeOf<{ chat_download_url: string; chat_download_url_expiry: string }>();
});

test("getTranscriptDownload resolves to the transcript link in the asked format", async () => {
  const { client } = mockClient();

  const transcript = await client.getTranscriptDownload(SESSION, { format: "VTT" });

  expect(transcript).toEqual(served("getTranscriptDownload").data);
  expectTypeOf(transcript.transcript_download_url).toEqualTypeOf<string>();
});

test("generateSummary resolves to the generation's state", async () => {
  const { client } = mockClient();

  const generation = await client.generateSummary(SESSION);

  expect(generation).toEqual(served("generateSummary").data);
  expectTypeOf(generation.status).toEqualTypeOf<string | undefined>();
});

test("getSummaryDownload resolves to the summary link and its expiry", async () => {
  const { client } = mockClient();

  const summary = await client.getSummaryDownload(SESSION);

  expect(summary).toEqual(served("getSummaryDownload").data);
  expectTypeOf(summary.summaryDownloadUrl).toEqualTypeOf<string>();
});

describe("every official query parameter at once", () => {
  test("listSessions", async () => {
    const { client, responses } = mockClient();
    await client.listSessions({
      page_no: 2,
      per_page: 25,
      sort_by: "minutesConsumed",
      sort_order: "DESC",
      start_time: "2026-11-01T00:00:00Z",
      end_time: "2026-11-30T23:59:59.999Z",
      participants: "1:10",
      status: "LIVE",
      search: "weekly sync",
      associated_id: "bbbf5e93-289c-4c9b-bd44-d677a9206df7",
    });
    expect(violations(responses[0])).toEqual([]);
  });

  test("listParticipants", async () => {
    const { client, responses } = mockClient();
    await client.listParticipants(SESSION, {
      search: "Henry",
      page_no: 0,
      per_page: 50,
      sort_order: "ASC",
      sort_by: "joinedAt",
      include_peer_events: false,
      view: "raw",
    });
    expect(violations(responses[0])).toEqual([]);
  });

  test("getPeerReport", async () => {
    const { client, responses } = mockClient();
    await client.getPeerReport(PEER, { filters: "events", include_peer_events: true });
    expect(violations(responses[0])).toEqual([]);
  });
});
