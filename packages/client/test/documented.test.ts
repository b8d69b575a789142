// The client against answers shaped the way Cloudflare's public record shows them, served by a
// real loopback server. Every fixture is a documented example (fixtures/SOURCES.md says where
// each comes from); every expectation is written from the fixture, not from the client.
import { readFileSync } from "node:fs";
import {
  ACCOUNT,
  APP,
  type ReceivedRequest,
  rejectionOf,
  SESSION,
  send,
  startServer,
  type TestServer,
} from "@realtimekit-sessions/test-kit";
import { afterEach, expect, test } from "vitest";
import { createDownloads } from "../src/downloads.js";
import { createSessionsClient, RealtimeKitApiError, RealtimeKitArgumentError } from "../src/index.js";
import {
  CHAT_ROWS,
  HEADED_TRANSCRIPT_ROWS,
  HEADERLESS_TRANSCRIPT_ROWS,
  JSON_TRANSCRIPT_ROWS,
  SRT_TRANSCRIPT,
} from "./expected.js";

const BASE = `/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions`;

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const json = (name: string): unknown => JSON.parse(fixture(name));

interface Answer {
  status?: number;
  body: unknown;
  type?: string;
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * A client of a loopback server that answers `routes` (keyed by "METHOD path" under the
 * sessions path, query left out) and serves `files` under /files/ as the storage host.
 */
async function serving(routes: Record<string, Answer | ((request: ReceivedRequest) => Answer)>, files = {}) {
  const storage: Record<string, { body: string; type: string }> = files;
  server = await startServer((response, request) => {
    const url = new URL(request.url, "http://x");
    if (url.pathname.startsWith("/files/")) {
      const file = storage[url.pathname.slice("/files/".length)];
      if (!file) return send(response, 404, "no such file");
      response.writeHead(200, { "content-type": file.type });
      return response.end(file.body);
    }
    const route = routes[`${request.method} ${url.pathname.slice(BASE.length)}`];
    if (!route) return send(response, 599, { error: `no route for ${request.method} ${url.pathname}` });
    const { status = 200, body, type } = typeof route === "function" ? route(request) : route;
    if (typeof body === "string") {
      response.writeHead(status, { "content-type": type ?? "application/json" });
      return response.end(body);
    }
    send(response, status, body);
  });
  const client = createSessionsClient({
    apiToken: "documented-answers-token",
    accountId: ACCOUNT,
    appId: APP,
    baseUrl: server.url,
    retries: 0,
  });
  return { client, downloads: createDownloads(client), requests: server.requests };
}

/** A download-link answer pointing at /files/`name` on the same server. */
function link(fields: [url: string, expiry: string], name: string, extra = {}): Answer {
  return {
    body: {
      success: true,
      data: {
        ...extra,
        [fields[0]]: `${server?.url}/files/${name}?X-Amz-Signature=abc`,
        [fields[1]]: new Date(Date.now() + 3_600_000).toISOString(),
      },
    },
  };
}
const transcriptLink = (name: string) =>
  link(["transcript_download_url", "transcript_download_url_expiry"], name, { sessionId: SESSION });

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

test("reads the CSV transcript with a header row into typed rows", async () => {
  const files = { "t.csv": { body: fixture("transcript.headed.csv"), type: "text/csv" } };
  const { downloads } = await serving({ [`GET /${SESSION}/transcript`]: () => transcriptLink("t.csv") }, files);
  expect(await collect(downloads.downloadTranscript(SESSION))).toEqual(HEADED_TRANSCRIPT_ROWS);
});

test("reads the CSV transcript without a header row, keeping its first utterance", async () => {
  const files = { "t.csv": { body: fixture("transcript.headerless.csv"), type: "text/csv" } };
  const { downloads } = await serving({ [`GET /${SESSION}/transcript`]: () => transcriptLink("t.csv") }, files);
  expect(await collect(downloads.downloadTranscript(SESSION))).toEqual(HEADERLESS_TRANSCRIPT_ROWS);
});

test("gives the headerless CSV transcript as it is to downloadTranscriptRecords", async () => {
  const files = { "t.csv": { body: fixture("transcript.headerless.csv"), type: "text/csv" } };
  const { downloads } = await serving({ [`GET /${SESSION}/transcript`]: () => transcriptLink("t.csv") }, files);
  expect(await collect(downloads.downloadTranscriptRecords(SESSION))).toEqual([
    ["1000", "peer-123", "user-456", "cust-789", "Alice", "Hello everyone"],
    ["3000", "peer-234", "user-567", "cust-890", "Bob", "Hi Alice"],
  ]);
});

test("reads the JSON transcript into the same rows, asking the API for the JSON file", async () => {
  const files = { "t.json": { body: fixture("transcript.json"), type: "application/json" } };
  const { downloads, requests } = await serving(
    { [`GET /${SESSION}/transcript`]: () => transcriptLink("t.json") },
    files,
  );
  expect(await collect(downloads.downloadTranscript(SESSION, { format: "JSON" }))).toEqual(JSON_TRANSCRIPT_ROWS);
  expect(new URL(requests[0]?.url ?? "", "http://x").searchParams.get("format")).toBe("JSON");
});

test("reads the first documented JSON transcript, and gives its entries untouched to downloadTranscriptRecords", async () => {
  const files = { "t.json": { body: fixture("transcript.first-revision.json"), type: "application/json" } };
  const { downloads } = await serving({ [`GET /${SESSION}/transcript`]: () => transcriptLink("t.json") }, files);
  expect(await collect(downloads.downloadTranscript(SESSION, { format: "JSON" }))).toEqual([
    {
      startedAt: undefined,
      startMs: 0,
      endMs: 2.5,
      peerId: "peer-123",
      userId: "user-456",
      customParticipantId: "cust-789",
      participantName: "Alice",
      text: "Hello everyone",
    },
  ]);
  expect(await collect(downloads.downloadTranscriptRecords(SESSION, { format: "JSON" }))).toEqual(
    json("transcript.first-revision.json"),
  );
});

test("returns the SRT transcript as published", async () => {
  const files = { "t.srt": { body: fixture("transcript.srt"), type: "application/x-subrip" } };
  const { downloads } = await serving({ [`GET /${SESSION}/transcript`]: () => transcriptLink("t.srt") }, files);
  expect(await downloads.downloadTranscript(SESSION, { format: "SRT" })).toBe(SRT_TRANSCRIPT);
});

test("reads the chat export into typed rows", async () => {
  const files = { "c.csv": { body: fixture("chat.csv"), type: "text/csv" } };
  const { downloads } = await serving(
    { [`GET /${SESSION}/chat`]: () => link(["chat_download_url", "chat_download_url_expiry"], "c.csv") },
    files,
  );
  expect(await collect(downloads.downloadChat(SESSION))).toEqual(CHAT_ROWS);
});

test("returns the Markdown summary as published", async () => {
  const files = { "s.md": { body: fixture("summary.md"), type: "text/markdown" } };
  const { downloads } = await serving(
    {
      [`GET /${SESSION}/summary`]: () =>
        link(["summaryDownloadUrl", "summaryDownloadUrlExpiry"], "s.md", { sessionId: SESSION }),
    },
    files,
  );
  expect(await downloads.downloadSummary(SESSION)).toBe(fixture("summary.md"));
});

test.each([
  [
    "{ session_id, status }",
    "summary-generation.session-status.json",
    { session_id: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", status: "status" },
  ],
  [
    "{ success, message }",
    "summary-generation.success-message.json",
    { success: true, message: "Summary generation started" },
  ],
])("generateSummary resolves to the data of the %s answer", async (_shape, file, data) => {
  const { client } = await serving({ [`POST /${SESSION}/summary`]: { body: json(file) } });
  expect(await client.generateSummary(SESSION)).toEqual(data);
});

test.each([
  [200, ""],
  [202, ""],
  [204, undefined],
])("generateSummary resolves to {} on a %i answer without a body", async (status, body) => {
  const { client } = await serving({ [`POST /${SESSION}/summary`]: { status, body: body ?? "" } });
  expect(await client.generateSummary(SESSION)).toEqual({});
});

test("reads the participants' paging inside data", async () => {
  const { client } = await serving({
    [`GET /${SESSION}/participants`]: { body: json("participants.data-paging.json") },
  });
  const { participants, paging } = await client.listParticipants(SESSION);
  expect(paging).toEqual({ end_offset: 2, start_offset: 1, total_count: 123 });
  expect(participants.map((participant) => participant.display_name)).toEqual(["Mark", "Henry"]);
  // The stray quote of the official example is the API's text: passed on, not "fixed".
  expect(participants[1]?.joined_at).toBe('2023-02-01T10:50:36.846Z"');
});

test("reads the participants' paging beside data", async () => {
  const { client } = await serving({
    [`GET /${SESSION}/participants`]: { body: json("participants.top-level-paging.json") },
  });
  expect((await client.listParticipants(SESSION)).paging).toEqual({ end_offset: 2, start_offset: 1, total_count: 123 });
});

test("walks the participants by the total beside data, and stops at it", async () => {
  const page = json("participants.top-level-paging.json") as { data: { participants: unknown[] }; paging: object };
  const { client, requests } = await serving({
    [`GET /${SESSION}/participants`]: (request) => {
      const pageNo = Number(new URL(request.url, "http://x").searchParams.get("page_no"));
      const [mark, henry] = page.data.participants;
      return { body: { ...page, data: { participants: [pageNo === 1 ? mark : henry] }, paging: { total_count: 2 } } };
    },
  });
  const names = (await collect(client.iterateParticipants(SESSION, { per_page: 1 }))).map((p) => p.display_name);
  expect(names).toEqual(["Mark", "Henry"]);
  expect(requests).toHaveLength(2);
});

test("passes on a participant still in the call: left_at null or absent", async () => {
  // The official example's participants, one of them not yet gone (null) and one without the field.
  const answer = json("participants.data-paging.json") as { data: { participants: Record<string, unknown>[] } };
  const [mark, henry] = answer.data.participants;
  const { left_at: _, ...henryStillThere } = henry ?? {};
  const participants = [{ ...mark, left_at: null }, henryStillThere];
  const { client } = await serving({
    [`GET /${SESSION}/participants`]: { body: { ...answer, data: { ...answer.data, participants } } },
  });
  expect((await client.listParticipants(SESSION)).participants).toEqual(participants);
});

test("lists sessions whose answer has no paging, and walks them to a short page", async () => {
  const { client, requests } = await serving({ "GET ": { body: json("sessions.no-paging.json") } });
  const page = await client.listSessions();
  expect(page.paging).toBeUndefined();
  expect(page.sessions.map((session) => session.id)).toEqual(["carambola", "pineapple"]);
  expect(page.sessions[0]?.meta).toEqual({});

  const walked = await collect(client.iterateSessions({ per_page: 3 }));
  expect(walked.map((session) => session.id)).toEqual(["carambola", "pineapple"]);
  expect(requests).toHaveLength(2);
});

test("passes a live session through untouched: null ended_at, meta and fields the spec does not list", async () => {
  const answer = json("session.live.json") as { data: Record<string, unknown> };
  const { client } = await serving({ [`GET /${answer.data.id}`]: { body: answer } });
  const session = await client.getSession(String(answer.data.id));
  expect(session).toEqual(answer.data);
  expect(session.ended_at).toBeNull();
  expect(session).toMatchObject({ recording_status: "RECORDING", livestream_status: "LIVE", total_participants: 63 });
});

test("passes enum values it does not know through untouched", async () => {
  const answer = json("session.live.json") as { data: Record<string, unknown> };
  const unknown = { ...answer.data, status: "ENDING", type: "webinar" };
  const { client } = await serving({ "GET ": { body: { success: true, data: { sessions: [unknown] } } } });
  const [session] = (await client.listSessions()).sessions;
  expect(session).toEqual(unknown);
});

test("reads a peer report whose data is the participant itself", async () => {
  const answer = json("peer-report.participant-in-data.json") as { data: unknown };
  const { client } = await serving({ [`GET /peer-report/${SESSION}`]: { body: answer } });
  expect(await client.getPeerReport(SESSION)).toEqual(answer.data);
});

test("reads the predecessor's peer report, older sections included", async () => {
  const answer = json("peer-report.dyte-v2.json") as { data: { participant: Record<string, unknown> } };
  const { client } = await serving({ [`GET /peer-report/${SESSION}`]: { body: answer } });
  const participant = await client.getPeerReport(SESSION);
  expect(participant).toEqual(answer.data.participant);
  expect(participant).toHaveProperty("peer_stats.device_info.browser", "Chrome");
});

test("reads the service's error envelope", async () => {
  const { client } = await serving({
    [`GET /${SESSION}/participants/${SESSION}`]: { status: 404, body: json("error.participant-not-found.json") },
  });
  const error = await rejectionOf(client.getParticipant(SESSION, SESSION));
  expect(error).toBeInstanceOf(RealtimeKitApiError);
  expect(error).toMatchObject({
    status: 404,
    errors: [{ code: 404, message: "No user found with id 813432c7-3c5a-45e2-9acf-eef7061c7584" }],
  });
});

test("sends peer-report filters as the comma-separated list the API documents", async () => {
  const answer = json("peer-report.participant-in-data.json");
  const { client, requests } = await serving({ [`GET /peer-report/${SESSION}`]: { body: answer } });
  await client.getPeerReport(SESSION, { filters: ["device_info", "ip_information", "events"] });
  await client.getPeerReport(SESSION, { filters: "quality_stats" });
  expect(requests.map((request) => new URL(request.url, "http://x").searchParams.get("filters"))).toEqual([
    "device_info,ip_information,events",
    "quality_stats",
  ]);
});

test("refuses a peer-report filter the API does not document, before sending", async () => {
  const { client, requests } = await serving({});
  const filters = ["device_info", "browser"] as unknown as ["device_info"];
  const error = await rejectionOf(client.getPeerReport(SESSION, { filters }));
  expect(error).toBeInstanceOf(RealtimeKitArgumentError);
  expect((error as Error).message).toBe(
    'filters must be one or more of device_info,ip_information,precall_network_information,events,quality_stats, got "browser"',
  );
  expect(requests).toEqual([]);
});

test("sends a V1 meeting's room name as associated_id", async () => {
  const { client, requests } = await serving({ "GET ": { body: { success: true, data: { sessions: [] } } } });
  await client.listSessions({ associated_id: "abcdef-ghijkl" });
  expect(new URL(requests[0]?.url ?? "", "http://x").searchParams.get("associated_id")).toBe("abcdef-ghijkl");
});
