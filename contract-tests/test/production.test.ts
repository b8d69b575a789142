// The production features against the mock: pagination over Prism's answers, and downloads
// through the links Prism hands out.
import type { SessionsClient } from "@realtimekit-sessions/client";
import { createDownloads } from "@realtimekit-sessions/client/downloads";
import { examplesOf, type JsonObject, object, operationsOf, spec } from "@realtimekit-sessions/spec/tools/spec";
import { expect, inject, test } from "vitest";
import { mockClient, PARTICIPANT, SESSION, violations } from "../support/client.js";

function served(operationId: string): JsonObject {
  const operation = operationsOf(spec).find((candidate) => candidate.operationId === operationId);
  const [first] = operation ? examplesOf(operation, "200") : [];
  if (!first) throw new Error(`no 200 example for ${operationId}`);
  return first.value;
}

test("iterateSessions yields every session of the mock's answer, then stops", async () => {
  const { client, responses } = mockClient();

  const sessions = [];
  for await (const session of client.iterateSessions({ per_page: 10 })) sessions.push(session);

  expect(sessions).toEqual(object(served("listSessions").data).sessions);
  expect(responses.map((response) => violations(response))).toEqual([[]]);
  expect(new URL(responses[0]?.url ?? "").searchParams.get("page_no")).toBe("1");
});

test("iterateParticipants yields every participant of the mock's answer, then stops", async () => {
  const { client, responses } = mockClient();

  const participants = [];
  for await (const participant of client.iterateParticipants(SESSION)) participants.push(participant);

  expect(participants).toEqual(object(served("listParticipants").data).participants);
  expect(responses.map((response) => violations(response))).toEqual([[]]);
});

test.each([
  { operation: "getChatDownload", url: "chat_download_url", expiry: "chat_download_url_expiry" },
  { operation: "getTranscriptDownload", url: "transcript_download_url", expiry: "transcript_download_url_expiry" },
  { operation: "getSummaryDownload", url: "summaryDownloadUrl", expiry: "summaryDownloadUrlExpiry" },
] as const)(
  "$operation hands out an https link off the API host, with a date of expiry",
  async ({ operation, url, expiry }) => {
    const { client } = mockClient();

    const link = (await client[operation](SESSION)) as unknown as Record<string, string>;

    const target = new URL(link[url] ?? "");
    expect(target.protocol).toBe("https:");
    expect(target.host).not.toBe("api.cloudflare.com");
    expect(Number.isNaN(Date.parse(link[expiry] ?? ""))).toBe(false);
  },
);

/**
 * A client of the mock whose fetch also plays the storage host behind the mock's links: they
 * point at example.com, which this machine cannot reach.
 */
function clientWithStorage(files: Record<string, string>): { client: SessionsClient; storage: Request[] } {
  const storage: Request[] = [];
  const { client } = mockClient(async (request, send) => {
    const url = new URL(request.url);
    if (url.origin === inject("mockUrl")) return send(request);
    storage.push(request);
    const file = Object.entries(files).find(([suffix]) => url.pathname.endsWith(suffix));
    return file ? new Response(file[1]) : new Response("not found", { status: 404 });
  });
  return { client, storage };
}

// The chat export's documented columns (dyte-io/docs, docs/guides/capabilities/chat/export-chat-dump.mdx).
const CHAT = `id,participantId,sessionId,meetingId,displayName,pinned,isEdited,payloadType,payload,createdAt
m1,${PARTICIPANT},${SESSION},bbbf5e93-289c-4c9b-bd44-d677a9206df7,Henry,false,false,TEXT_MESSAGE,"Hello, Mark",2023-02-01T10:52:41.503Z
`;

test("downloads the chat behind the mock's link, without the API credentials", async () => {
  const { client, storage } = clientWithStorage({ ".csv": CHAT });

  const rows = [];
  for await (const row of createDownloads(client).downloadChat(SESSION)) rows.push(row);

  expect(rows).toEqual([
    {
      id: "m1",
      participantId: PARTICIPANT,
      sessionId: SESSION,
      meetingId: "bbbf5e93-289c-4c9b-bd44-d677a9206df7",
      displayName: "Henry",
      pinned: false,
      isEdited: false,
      payloadType: "TEXT_MESSAGE",
      payload: "Hello, Mark",
      createdAt: "2023-02-01T10:52:41.503Z",
    },
  ]);
  expect(storage.map((request) => new URL(request.url).host)).toEqual(["realtimekit-exports.example.com"]);
  expect(storage[0]?.headers.get("authorization")).toBeNull();
});

test("downloads the summary behind the mock's link", async () => {
  // Markdown, as the summary guide's example output (cloudflare-docs .../realtimekit/ai/summary.mdx).
  const summary = "## Meeting Summary\n\n### Action Items\n\n- @bob: Schedule security review\n";
  const { client } = clientWithStorage({ ".md": summary });

  await expect(createDownloads(client).downloadSummary(SESSION)).resolves.toBe(summary);
});
