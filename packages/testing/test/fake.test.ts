// The fake behaves like the API, seen through the real client: filters, sorts and pages its
// data, refuses like the gateway or the service, serves downloads that expire, makes summaries
// wait, and injects faults and rate limits. Every API answer in these tests is also checked
// against the spec on its way to the client.
import {
  createSessionsClient,
  RealtimeKitApiError,
  RealtimeKitArgumentError,
  RealtimeKitConnectionError,
} from "@realtimekit-sessions/client";
import { createDownloads, RealtimeKitDownloadError } from "@realtimekit-sessions/client/downloads";
import { rejectionOf } from "@realtimekit-sessions/test-kit";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createFakeApi, type FakeApi, makeSession, type SessionInit } from "../src/index.js";
import { serveFakeApi } from "../src/serve.js";
import { conformingClient } from "./conformance.js";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
let checks: string[][] = [];

/** A client of the fake whose answers are checked against the spec; see afterEach. */
function clientOf(fake: FakeApi, options: { apiToken?: string; retries?: number } = {}) {
  const conforming = conformingClient(fake, options);
  checks.push(conforming.problems);
  return conforming.client;
}

afterEach(() => {
  expect(checks.flat()).toEqual([]);
  checks = [];
  vi.useRealTimers();
});

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}

describe("seeding", () => {
  test("generates the asked-for number of sessions, the same ones for the same seed", () => {
    const ids = (seed: number) => createFakeApi({ sessions: 30, seed }).sessions.map(({ session }) => session.id);

    expect(ids(5)).toHaveLength(30);
    expect(new Set(ids(5)).size).toBe(30);
    expect(ids(5)).toEqual(ids(5));
    expect(ids(6)).not.toEqual(ids(5));
  });

  test("fills in partial sessions, keeping every given field", () => {
    const fake = createFakeApi({
      sessions: [{ meeting_display_name: "Board meeting", status: "LIVE", participants: [{ display_name: "Ada" }] }],
    });

    const [record] = fake.sessions;
    expect(record?.session).toMatchObject({ meeting_display_name: "Board meeting", status: "LIVE", ended_at: null });
    expect(record?.participants.map((participant) => participant.display_name)).toEqual(["Ada"]);
  });

  test("makes a session's counters agree with its participants unless given", () => {
    const fake = createFakeApi({
      sessions: [
        {
          started_at: "2026-11-02T10:00:00.000Z",
          participants: [
            { joined_at: "2026-11-02T10:00:00.000Z", left_at: "2026-11-02T10:30:00.000Z", duration: 30 },
            { joined_at: "2026-11-02T10:10:00.000Z", left_at: "2026-11-02T10:20:00.000Z", duration: 10 },
            { joined_at: "2026-11-02T10:40:00.000Z", left_at: "2026-11-02T10:45:00.000Z", duration: 5 },
          ],
        },
        { minutes_consumed: 99, participants: 2 },
      ],
    });

    expect(fake.sessions[0]?.session).toMatchObject({ minutes_consumed: 45, max_concurrent_participants: 2 });
    expect(fake.sessions[1]?.session.minutes_consumed).toBe(99);
  });

  test("refuses options it cannot use with a clear error", () => {
    expect(() => createFakeApi({ sessions: -1 })).toThrow("sessions must be a whole number from 0");
    expect(() => createFakeApi({ baseUrl: "ftp://example.test" })).toThrow("baseUrl must be an http(s) URL");
    expect(() => createFakeApi({ rateLimit: { requests: 0, windowMs: 1000 } })).toThrow("rateLimit.requests");
  });
});

describe("listSessions", () => {
  const seeds: SessionInit[] = [
    {
      meeting_display_name: "Design review",
      status: "ENDED",
      started_at: "2026-11-01T09:00:00.000Z",
      created_at: "2026-11-01T09:00:00.000Z",
      participants: 2,
    },
    {
      meeting_display_name: "All hands",
      status: "LIVE",
      started_at: "2026-11-03T09:00:00.000Z",
      created_at: "2026-11-03T09:00:00.000Z",
      participants: 12,
    },
    {
      meeting_display_name: "Design sync",
      status: "ENDED",
      started_at: "2026-11-05T09:00:00.000Z",
      created_at: "2026-11-05T09:00:00.000Z",
      participants: 5,
      associated_id: "abcdef-ghijkl",
    },
  ];
  const titles = (sessions: { meeting_display_name: string }[]) =>
    sessions.map((session) => session.meeting_display_name);

  test("lists the newest first, with paging", async () => {
    const client = clientOf(createFakeApi({ sessions: seeds }));

    const { sessions, paging } = await client.listSessions();

    expect(titles(sessions)).toEqual(["Design sync", "All hands", "Design review"]);
    expect(paging).toEqual({ start_offset: 1, end_offset: 3, total_count: 3 });
  });

  test.each([
    [{ status: "LIVE" as const }, ["All hands"]],
    [{ start_time: "2026-11-02T00:00:00Z" }, ["Design sync", "All hands"]],
    [{ end_time: "2026-11-04T00:00:00Z" }, ["All hands", "Design review"]],
    [{ search: "design" }, ["Design sync", "Design review"]],
    [{ participants: "2:5" }, ["Design sync", "Design review"]],
    [{ associated_id: "abcdef-ghijkl" }, ["Design sync"]],
    [{ sort_by: "createdAt" as const, sort_order: "ASC" as const }, ["Design review", "All hands", "Design sync"]],
  ])("filters and sorts by %o", async (query, expected) => {
    const client = clientOf(createFakeApi({ sessions: seeds }));

    const { sessions, paging } = await client.listSessions(query);

    expect(titles(sessions)).toEqual(expected);
    expect(paging?.total_count).toBe(expected.length);
  });

  test("sorts by minutes consumed", async () => {
    const client = clientOf(
      createFakeApi({ sessions: [{ minutes_consumed: 5 }, { minutes_consumed: 50 }, { minutes_consumed: 20 }] }),
    );

    const { sessions } = await client.listSessions({ sort_by: "minutesConsumed", sort_order: "ASC" });

    expect(sessions.map((session) => session.minutes_consumed)).toEqual([5, 20, 50]);
  });

  test("pages with correct offsets and totals, and a walk sees every session once", async () => {
    const fake = createFakeApi({ sessions: 120 });
    const client = clientOf(fake);

    const third = await client.listSessions({ per_page: 25, page_no: 3 });
    const last = await client.listSessions({ per_page: 25, page_no: 5 });
    const walked = await all(client.iterateSessions({ per_page: 25 }));

    expect(third.paging).toEqual({ start_offset: 51, end_offset: 75, total_count: 120 });
    expect(last.paging).toEqual({ start_offset: 101, end_offset: 120, total_count: 120 });
    expect(last.sessions).toHaveLength(20);
    expect(walked.map((session) => session.id).sort()).toEqual(fake.sessions.map(({ session }) => session.id).sort());
    expect(fake.requests.filter((request) => request.operation === "listSessions")).toHaveLength(2 + 5);
  });

  test("answers a page past the end with no sessions and the total", async () => {
    const client = clientOf(createFakeApi({ sessions: 3 }));

    const { sessions, paging } = await client.listSessions({ page_no: 4, per_page: 10 });

    expect(sessions).toEqual([]);
    expect(paging).toEqual({ start_offset: 30, end_offset: 30, total_count: 3 });
  });
});

describe("sessions and participants", () => {
  test("getSession lists breakout rooms only when asked", async () => {
    const fake = createFakeApi({ sessions: [{ breakout_rooms: [{ meeting_display_name: "Room 1" }] }] });
    const client = clientOf(fake);
    const id = fake.sessions[0]?.session.id ?? "";

    const plain = await client.getSession(id);
    const withRooms = await client.getSession(id, { include_breakout_rooms: true });

    expect(plain.breakout_rooms).toBeUndefined();
    expect(withRooms.breakout_rooms?.map((room) => room.meeting_display_name)).toEqual(["Room 1"]);
  });

  test("lists, searches and pages participants, with peer events only when asked", async () => {
    const fake = createFakeApi({
      sessions: [
        {
          participants: [
            { display_name: "Ada", duration: 3 },
            { display_name: "Grace", duration: 9 },
            { display_name: "Alan", duration: 1 },
          ],
        },
      ],
    });
    const client = clientOf(fake);
    const id = fake.sessions[0]?.session.id ?? "";

    const byDuration = await client.listParticipants(id, { sort_by: "duration", sort_order: "DESC" });
    const searched = await client.listParticipants(id, { search: "gra" });
    const paged = await client.listParticipants(id, { per_page: 2, page_no: 2, include_peer_events: true });

    expect(byDuration.participants.map((participant) => participant.display_name)).toEqual(["Grace", "Ada", "Alan"]);
    expect(byDuration.participants[0]?.peer_events).toBeUndefined();
    expect(searched.participants.map((participant) => participant.display_name)).toEqual(["Grace"]);
    expect(paged.paging).toEqual({ start_offset: 3, end_offset: 3, total_count: 3 });
    expect(paged.participants[0]?.peer_events?.map((event) => event.event_name)).toEqual([
      "PEER_CREATED",
      "PEER_JOINING",
      "PEER_LEAVING",
    ]);
  });

  test("getParticipant and getPeerReport find a participant, by id and by its peer", async () => {
    const fake = createFakeApi({ sessions: [{ participants: [{ display_name: "Ada", preset_name: "host" }] }] });
    const client = clientOf(fake);
    const [record] = fake.sessions;
    const participant = record?.participants[0];
    const peerId = participant?.peer_events?.[0]?.peer_id ?? "";

    const found = await client.getParticipant(record?.session.id ?? "", participant?.id ?? "");
    const report = await client.getPeerReport(peerId);
    const filtered = await client.getPeerReport(peerId, { filters: ["device_info", "quality_stats"] });

    expect(found.display_name).toBe("Ada");
    expect(report).toMatchObject({ id: participant?.id, session_id: record?.session.id, role: "host" });
    expect(report.peer_report).toEqual(record?.peerReports.get(participant?.id ?? ""));
    expect(Object.keys(filtered.peer_report?.metadata ?? {}).sort()).toEqual(["browser_metadata", "device_info"]);
    expect(filtered.peer_report?.quality).toEqual(report.peer_report?.quality);
  });
});

describe("errors", () => {
  test("a request without a token gets the gateway's 401 envelope", async () => {
    const fake = createFakeApi();
    const response = await fake.fetch(`${fake.baseUrl}/accounts/${fake.accountId}/realtime/kit/${fake.appId}/sessions`);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      success: false,
      errors: [{ code: 10000, message: "Authentication error" }],
      messages: [],
      result: null,
    });
  });

  test("a token other than the configured one is refused", async () => {
    const client = clientOf(createFakeApi({ apiToken: "right" }), { apiToken: "wrong" });

    const error = await rejectionOf(client.listSessions(), RealtimeKitApiError);

    expect(error.status).toBe(401);
    expect(error.errors).toEqual([{ code: 10000, message: "Authentication error" }]);
  });

  test("an unknown id gets the service's 404 envelope", async () => {
    const client = clientOf(createFakeApi());

    const error = await rejectionOf(client.getSession(UNKNOWN), RealtimeKitApiError);

    expect(error.status).toBe(404);
    expect(error.errors).toEqual([{ code: 404, message: `No session found with id ${UNKNOWN}` }]);
  });

  test("another app is refused with a 403, another account with the gateway's 404", async () => {
    const fake = createFakeApi();
    const sessionsOf = (account: string, app: string) =>
      fake.fetch(
        new Request(`${fake.baseUrl}/accounts/${account}/realtime/kit/${app}/sessions`, {
          headers: { authorization: "Bearer t" },
        }),
      );

    const app = await sessionsOf(fake.accountId, "0".repeat(32));
    const account = await sessionsOf("1".repeat(32), fake.appId);

    expect([app.status, account.status]).toEqual([403, 404]);
    expect(await app.json()).toEqual({
      success: false,
      error: { code: 403, message: "You do not have access to this app" },
    });
    expect((await account.json()).errors[0].code).toBe(7003);
  });

  test.each([
    ["per_page=lots", 400, 'Invalid value for query parameter "per_page": must be a number'],
    ["page_no=-1", 422, 'Invalid value for query parameter "page_no": must be at least 0'],
    ["status=DONE", 422, 'Invalid value for query parameter "status": must be one of LIVE, ENDED'],
    [
      "start_time=yesterday",
      422,
      'Invalid value for query parameter "start_time": must be an ISO 8601 date-time, for example 2026-11-01T00:00:00Z',
    ],
    [
      "participants=few",
      422,
      'Invalid value for query parameter "participants": must be a range written min:max, for example 1:10',
    ],
  ])("validates parameters like the spec: %s gets a %i", async (query, status, message) => {
    const fake = createFakeApi();
    const response = await fake.fetch(
      new Request(`${fake.baseUrl}/accounts/${fake.accountId}/realtime/kit/${fake.appId}/sessions?${query}`, {
        headers: { authorization: "Bearer t" },
      }),
    );

    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ success: false, error: { code: status, message } });
  });

  test("a path parameter that is not a UUID gets a 422", async () => {
    const fake = createFakeApi();
    const response = await fake.fetch(
      new Request(`${fake.baseUrl}/accounts/${fake.accountId}/realtime/kit/${fake.appId}/sessions/peer-report/peer-1`, {
        headers: { authorization: "Bearer t" },
      }),
    );

    expect(response.status).toBe(422);
  });

  test("a host the fake does not serve fails like an unreachable one", async () => {
    const fake = createFakeApi();

    await expect(fake.fetch("https://example.com/")).rejects.toThrow(TypeError);
  });
});

describe("downloads", () => {
  const seeds: SessionInit[] = [
    {
      status: "ENDED",
      chat: [{ payload: 'Agenda:\n1. "Launch" date', pinned: true }],
      transcript: [
        {
          startedAt: "2026-11-02T10:00:01.000Z",
          endedAt: "2026-11-02T10:00:02.500Z",
          participantName: "Alice",
          text: "Hello everyone",
        },
        {
          startedAt: "2026-11-02T10:00:03.000Z",
          endedAt: "2026-11-02T10:00:04.500Z",
          participantName: "Bob",
          text: "Hi, Alice",
        },
      ],
      started_at: "2026-11-02T10:00:00.000Z",
    },
  ];

  test("the chat downloads as the seeded messages", async () => {
    const fake = createFakeApi({ sessions: seeds });
    const downloads = createDownloads(clientOf(fake));
    const [record] = fake.sessions;

    const rows = await all(downloads.downloadChat(record?.session.id ?? ""));

    expect(rows).toEqual(record?.chat);
  });

  test.each(["headed", "headerless"] as const)(
    "the transcript downloads in the %s CSV layout and as JSON",
    async (layout) => {
      const fake = createFakeApi({ sessions: seeds, transcriptLayout: layout });
      const downloads = createDownloads(clientOf(fake));
      const id = fake.sessions[0]?.session.id ?? "";

      const csv = await all(downloads.downloadTranscript(id));
      const json = await all(downloads.downloadTranscript(id, { format: "JSON" }));

      expect(csv.map((row) => [row.participantName, row.text])).toEqual([
        ["Alice", "Hello everyone"],
        ["Bob", "Hi, Alice"],
      ]);
      expect(csv.map((row) => (layout === "headed" ? row.startedAt : row.startMs))).toEqual(
        layout === "headed" ? ["2026-11-02T10:00:01.000Z", "2026-11-02T10:00:03.000Z"] : [1000, 3000],
      );
      expect(json.map((row) => [row.startMs, row.endMs, row.text])).toEqual([
        [1000, 2500, "Hello everyone"],
        [3000, 4500, "Hi, Alice"],
      ]);
    },
  );

  test("the transcript downloads as SRT and VTT subtitles", async () => {
    const fake = createFakeApi({ sessions: seeds });
    const downloads = createDownloads(clientOf(fake));
    const id = fake.sessions[0]?.session.id ?? "";

    expect(await downloads.downloadTranscript(id, { format: "SRT" })).toBe(
      "1\n00:00:01,000 --> 00:00:02,500\nAlice: Hello everyone\n\n2\n00:00:03,000 --> 00:00:04,500\nBob: Hi, Alice\n",
    );
    expect(await downloads.downloadTranscript(id, { format: "VTT" })).toBe(
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nAlice: Hello everyone\n\n00:00:03.000 --> 00:00:04.500\nBob: Hi, Alice\n",
    );
  });

  test("a live session has no chat or transcript yet: 404", async () => {
    const fake = createFakeApi({ sessions: [{ status: "LIVE" }] });
    const id = fake.sessions[0]?.session.id ?? "";
    const client = clientOf(fake);

    expect((await rejectionOf(client.getChatDownload(id), RealtimeKitApiError)).status).toBe(404);
    expect((await rejectionOf(client.getTranscriptDownload(id), RealtimeKitApiError)).status).toBe(404);
  });

  test("a link expires after linkTtlMs and is then refused like S3 refuses it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2026-11-22T08:00:00.000Z"));
    const fake = createFakeApi({ sessions: seeds, linkTtlMs: 60_000 });
    const link = await clientOf(fake).getChatDownload(fake.sessions[0]?.session.id ?? "");

    const fresh = await fake.fetch(link.chat_download_url);
    vi.setSystemTime(Date.parse("2026-11-22T08:01:00.000Z"));
    const expired = await fake.fetch(link.chat_download_url);

    expect(link.chat_download_url_expiry).toBe("2026-11-22T08:01:00.000Z");
    expect(fresh.status).toBe(200);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("<Code>AccessDenied</Code><Message>Request has expired</Message>");
  });

  test("the client renews an expired link, and gives up when links are always expired", async () => {
    const fake = createFakeApi({ sessions: seeds, linkTtlMs: 0 });
    const downloads = createDownloads(clientOf(fake));

    const error = await rejectionOf(
      all(downloads.downloadChat(fake.sessions[0]?.session.id ?? "")),
      RealtimeKitDownloadError,
    );

    expect(error.status).toBe(403);
    expect(fake.requests.map((request) => [request.operation, request.status])).toEqual([
      ["getChatDownload", 200],
      ["getChatDownload", 200],
      ["download", 403],
    ]);
  });

  test("storage refuses a download that carries an Authorization header", async () => {
    const fake = createFakeApi({ sessions: seeds });
    const link = await clientOf(fake).getChatDownload(fake.sessions[0]?.session.id ?? "");

    const response = await fake.fetch(link.chat_download_url, { headers: { authorization: "Bearer test-token" } });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>InvalidArgument</Code>");
  });
});

describe("summaries", () => {
  test("are 404 until generated, then ready after the configured number of polls", async () => {
    const fake = createFakeApi({ sessions: [{ status: "ENDED", transcript: 2, summary: "## Done" }], summaryPolls: 2 });
    const client = clientOf(fake);
    const downloads = createDownloads(client);
    const id = fake.sessions[0]?.session.id ?? "";
    const poll = () =>
      client.getSummaryDownload(id).then(
        () => 200,
        (error: unknown) => (error instanceof RealtimeKitApiError ? error.status : error),
      );

    const before = await poll();
    const started = await client.generateSummary(id);
    const polls = [await poll(), await poll(), await poll()];

    expect(before).toBe(404);
    expect(started).toEqual({ session_id: id, status: "IN_PROGRESS" });
    expect(polls).toEqual([404, 404, 200]);
    expect(await downloads.downloadSummary(id)).toBe("## Done");
  });

  test("waitForSummary generates the summary and waits for it", async () => {
    const fake = createFakeApi({ sessions: [{ status: "ENDED", transcript: 3 }], summaryPolls: 1 });
    const downloads = createDownloads(clientOf(fake));

    const summary = await downloads.waitForSummary(fake.sessions[0]?.session.id ?? "", { pollIntervalMs: 1 });

    expect(summary).toBe(fake.sessions[0]?.summary.text);
    expect(summary).toMatch(/^## Meeting Summary/);
  });
});

describe("fault injection", () => {
  test("fail() answers the next calls of an operation with the status, then lets them through", async () => {
    const fake = createFakeApi();
    const client = clientOf(fake);
    fake.fail("listSessions", { status: 503, times: 2 });

    const first = await rejectionOf(client.listSessions(), RealtimeKitApiError);
    const second = await rejectionOf(client.listSessions(), RealtimeKitApiError);
    const third = await client.listSessions();

    expect([first.status, second.status]).toEqual([503, 503]);
    expect(first.errors).toEqual([{ code: 10001, message: "Internal server error" }]);
    expect(third.sessions).toHaveLength(10);
  });

  test("a client with retries gets through a fault with Retry-After", async () => {
    const fake = createFakeApi();
    const client = clientOf(fake, { retries: 2 });
    fake.fail("getSession", { status: 429, retryAfter: 0 });

    const session = await client.getSession(fake.sessions[0]?.session.id ?? "");

    expect(session.id).toBe(fake.sessions[0]?.session.id);
    expect(fake.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  test("fail() sends a given body as it is: an HTML page from the edge", async () => {
    const fake = createFakeApi();
    fake.fail("listSessions", {
      status: 502,
      body: "<html>Bad gateway</html>",
      headers: { "content-type": "text/html" },
    });

    const error = await rejectionOf(clientOf(fake).listSessions(), RealtimeKitApiError);

    expect(error.status).toBe(502);
    expect(error.message).toContain("Bad gateway");
  });

  test("fail() with network breaks the connection", async () => {
    const fake = createFakeApi();
    fake.fail("listSessions", { network: true });

    await rejectionOf(clientOf(fake).listSessions(), RealtimeKitConnectionError);
    expect(fake.requests[0]?.status).toBeNull();
  });

  test("fail() refuses an unknown operation or an impossible status", () => {
    const fake = createFakeApi();

    expect(() => fake.fail("listMeetings" as "listSessions")).toThrow('unknown operation "listMeetings"');
    expect(() => fake.fail("listSessions", { status: 99 })).toThrow("status must be a whole number from 200 to 599");
    expect(() => fake.fail("listSessions", { times: 0 })).toThrow("times must be a whole number above 0");
  });
});

describe("rate limits", () => {
  test("answers 429 with Retry-After and Ratelimit headers once the allowance is spent, then resets", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    const fake = createFakeApi({ rateLimit: { requests: 2, windowMs: 10_000 } });
    const client = clientOf(fake);

    const first = await client.listSessions().withResponse();
    await client.listSessions();
    const refused = await rejectionOf(client.listSessions(), RealtimeKitApiError);
    vi.setSystemTime(10_000);
    const after = await client.listSessions().withResponse();

    expect(first.response.headers.get("ratelimit")).toBe('"default";r=1;t=10');
    expect(first.response.headers.get("ratelimit-policy")).toBe('"default";q=2;w=10');
    expect(refused.status).toBe(429);
    expect(refused.response?.headers.get("retry-after")).toBe("10");
    expect(refused.errors).toEqual([{ code: 971, message: "Please wait and consider throttling your request speed" }]);
    expect(after.rateLimit).toMatchObject({ remaining: 1 });
  });

  test("sends no rate-limit headers when no limit is set", async () => {
    const response = await clientOf(createFakeApi()).listSessions().withResponse();

    expect(response.response.headers.get("ratelimit")).toBeNull();
  });
});

describe("the request log", () => {
  test("records each request's operation, query, headers and status, with credentials redacted", async () => {
    const fake = createFakeApi();
    const client = clientOf(fake, { apiToken: "secret-token" });

    await client.listSessions({ status: "ENDED", per_page: 5 });
    await rejectionOf(client.getSession(UNKNOWN), RealtimeKitApiError);

    expect(fake.requests.map(({ operation, method, query, status }) => ({ operation, method, query, status }))).toEqual(
      [
        { operation: "listSessions", method: "GET", query: { status: "ENDED", per_page: "5" }, status: 200 },
        { operation: "getSession", method: "GET", query: {}, status: 404 },
      ],
    );
    expect(fake.requests[0]?.headers.authorization).toBe("Bearer [redacted]");
    expect(JSON.stringify(fake.requests)).not.toContain("secret-token");
  });

  test("the client's own argument checks stop bad input before the fake sees it", async () => {
    const fake = createFakeApi();

    await rejectionOf(clientOf(fake).getSession("../other"), RealtimeKitArgumentError);

    expect(fake.requests).toEqual([]);
  });
});

test("makeSession gives a session the fake can serve as it is", async () => {
  const session = makeSession({ status: "LIVE", meeting_display_name: "Standup" });
  const fake = createFakeApi({ sessions: [{ ...session, participants: 0 }] });

  const served = await clientOf(fake).getSession(session.id);

  // Every field was given, counters included, so none is recomputed from the (no) participants.
  expect(served).toEqual(session);
});

describe("serveFakeApi", () => {
  /** A client with the global fetch, as a subprocess, another runtime or a browser would have. */
  const clientOfServed = (fake: FakeApi, baseUrl: string, retries?: number) =>
    createSessionsClient({
      apiToken: "test",
      accountId: fake.accountId,
      appId: fake.appId,
      baseUrl,
      ...(retries === undefined ? {} : { retries }),
    });

  test("serves the fake on loopback: the API under baseUrl, its links back to the same server", async () => {
    const fake = createFakeApi({ sessions: [{ status: "ENDED", chat: 2 }] });
    await using served = await serveFakeApi(fake);
    const client = clientOfServed(fake, served.baseUrl);

    const rows = await all(createDownloads(client).downloadChat(fake.sessions[0]?.session.id ?? ""));
    const link = await client.getChatDownload(fake.sessions[0]?.session.id ?? "");

    expect(rows).toEqual(fake.sessions[0]?.chat);
    expect(served.baseUrl).toBe(`${served.url}/client/v4`);
    expect(link.chat_download_url.startsWith(`${served.storageUrl}/chat/`)).toBe(true);
    expect(fake.requests.map((request) => request.operation)).toEqual([
      "getChatDownload",
      "download",
      "getChatDownload",
    ]);
  });

  test("listens on loopback only, and once closed answers nothing", async () => {
    const fake = createFakeApi();
    const served = await serveFakeApi(fake);
    await served.close();

    expect(new URL(served.url).hostname).toBe("127.0.0.1");
    await expect(fetch(`${served.baseUrl}/accounts`)).rejects.toThrow();
    // In-process use is untouched by serving.
    expect((await fake.fetch(`${fake.baseUrl}/accounts`)).status).toBe(401);
  });

  test("an injected network failure drops the connection, as a real one would", async () => {
    const fake = createFakeApi();
    fake.fail("listSessions", { network: true });
    await using served = await serveFakeApi(fake);
    const client = clientOfServed(fake, served.baseUrl, 0);

    await rejectionOf(client.listSessions(), RealtimeKitConnectionError);
  });
});

describe("what users seed, and inputs at the edges", () => {
  test("a chat and a transcript seeded as a conversation come back in the order seeded", async () => {
    const fake = createFakeApi({
      sessions: [
        {
          status: "ENDED",
          participants: [{ display_name: "Ada" }, { display_name: "Bob" }],
          chat: [
            { displayName: "Ada", payload: "hello" },
            { displayName: "Bob", payload: "hi Ada" },
            { displayName: "Ada", payload: "shall we start?" },
          ],
          transcript: [
            { participantName: "Ada", text: "hello" },
            { participantName: "Bob", text: "hi Ada" },
            { participantName: "Ada", text: "shall we start?" },
          ],
        },
      ],
    });
    const downloads = createDownloads(clientOf(fake));
    const id = fake.sessions[0]?.session.id ?? "";

    const chat = await all(downloads.downloadChat(id));
    const transcript = await all(downloads.downloadTranscript(id));
    const json = await all(downloads.downloadTranscript(id, { format: "JSON" }));

    expect(chat.map((row) => row.payload)).toEqual(["hello", "hi Ada", "shall we start?"]);
    expect(transcript.map((row) => row.text)).toEqual(["hello", "hi Ada", "shall we start?"]);
    expect(json.map((row) => row.text)).toEqual(["hello", "hi Ada", "shall we start?"]);
    const times = chat.map((row) => Date.parse(row.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  test.each([
    ["an empty peer-report filter", (fake: FakeApi) => `sessions/peer-report/${peerOf(fake)}?filters=`, 422],
    ["page_no=1e308", () => "sessions?page_no=1e308", 422],
    ["per_page=1e308", () => "sessions?per_page=1e308", 422],
    [
      "an empty transcript format",
      (fake: FakeApi) => `sessions/${fake.sessions[0]?.session.id}/transcript?format=`,
      422,
    ],
  ])("%s answers the service's envelope, never a throw", async (_, path, status) => {
    const fake = createFakeApi({ sessions: [{ status: "ENDED", transcript: 2, participants: 1 }], apiToken: "t" });

    const response = await fake.fetch(
      `${fake.baseUrl}/accounts/${fake.accountId}/realtime/kit/${fake.appId}/${path(fake)}`,
      {
        headers: { authorization: "Bearer t" },
      },
    );

    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({
      success: false,
      error: { code: status, message: expect.any(String) },
    });
  });

  test("a peer report is found by the participant's id too, as the official document describes peer_id", async () => {
    const fake = createFakeApi({ sessions: [{ participants: [{ display_name: "Ada" }] }] });
    const participant = fake.sessions[0]?.participants[0];

    const byParticipant = await clientOf(fake).getPeerReport(participant?.id ?? "");
    const byPeer = await clientOf(fake).getPeerReport(participant?.peer_events?.[0]?.peer_id ?? "");

    expect(byParticipant).toEqual(byPeer);
    expect(byParticipant.display_name).toBe("Ada");
  });
});

function peerOf(fake: FakeApi): string {
  return fake.sessions[0]?.participants[0]?.peer_events?.[0]?.peer_id ?? "";
}

describe("at any size", () => {
  test("a million sessions: made on first read, listed from an index, so the first pages come at once", async () => {
    const fake = createFakeApi({ sessions: 1_000_000, seed: 7 });
    const client = clientOf(fake);

    const first = await client.listSessions({ per_page: 5 });
    const pages = [];
    for (let page = 2; page <= 50; page++)
      pages.push((await client.listSessions({ per_page: 5, page_no: page })).sessions);
    const found = await client.getSession(first.sessions[0]?.id ?? "");

    expect(first.paging?.total_count).toBe(1_000_000);
    expect(new Set(pages.flat().map((session) => session.id)).size).toBe(49 * 5);
    expect(found.id).toBe(first.sessions[0]?.id);
  });

  test("the same seed gives the same data in two fakes, whatever order they are read in", async () => {
    // The same seed and the same present: left out, the present is the clock, read as each fake
    // makes its data, so two fakes a millisecond apart differ.
    const now = "2026-11-30T12:00:00Z";
    const one = createFakeApi({ sessions: 50, seed: 3, now });
    const other = createFakeApi({ sessions: 50, seed: 3, now });
    const read = (record: (typeof one.sessions)[number]) =>
      JSON.stringify([
        record.session,
        record.participants,
        record.chat,
        record.transcript,
        record.summary.text,
        [...record.peerReports],
      ]);

    const forwards = one.sessions.map(read);
    const backwards = [...other.sessions].reverse().map(read).reverse();
    const listed = await clientOf(createFakeApi({ sessions: 50, seed: 3, now })).listSessions({
      per_page: 50,
      sort_order: "ASC",
    });

    expect(backwards).toEqual(forwards);
    expect(listed.sessions.map((session) => session.id).sort()).toEqual(
      one.sessions.map(({ session }) => session.id).sort(),
    );
  });
});

describe("creation order without a sort", () => {
  test.each([1, 2, 999, 10_000, 2_600_000])(
    "%i generated sessions: newest first, oldest first with ASC, the newest of all at the top",
    async (count) => {
      const fake = createFakeApi({ sessions: count, seed: 3 });
      const client = clientOf(fake);
      const created = (page: { sessions: { created_at: string }[] }) =>
        page.sessions.map((session) => Date.parse(session.created_at));

      const newest = created(await client.listSessions({ per_page: 50 }));
      const oldest = created(await client.listSessions({ per_page: 50, sort_order: "ASC" }));

      expect(newest).toEqual([...newest].sort((a, b) => b - a));
      expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
      expect(newest).toHaveLength(Math.min(count, 50));
      // Past 2.5 million, slots shorter than a second give way to times drawn anywhere and sorted.
      if (count <= 10_000) {
        const all = fake.sessions.map((record) => Date.parse(record.session.created_at));
        expect(newest[0]).toBe(Math.max(...all));
        expect(oldest[0]).toBe(Math.min(...all));
      }
    },
  );
});
