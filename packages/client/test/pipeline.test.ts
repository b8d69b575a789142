// What every call shares: .withResponse() and the rate-limit state, logging, the deadline,
// client-wide headers and defaults, and URLs built exactly as openapi-fetch builds them.

import {
  ACCOUNT,
  APP,
  aParticipant,
  aSession,
  captureTimers,
  rejectionOf,
  SESSION,
  send,
  startServer,
  type TestServer,
} from "@realtimekit-sessions/test-kit";
import fc from "fast-check";
import { createFinalURL, createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { describe, expect, onTestFinished, test, vi } from "vitest";
import { createDownloads } from "../src/downloads.js";
import {
  type ApiPromise,
  createSessionsClient,
  type Logger,
  RealtimeKitApiError,
  RealtimeKitTimeoutError,
  type SessionsClient,
  type SessionsClientOptions,
} from "../src/index.js";
import { OPERATIONS, urlOf } from "../src/operations.js";
import { rateLimitOf } from "../src/rate-limit.js";
import { loopbackClient } from "./loopback.js";

const TOKEN = "pipeline-token-91c2";
// Cloudflare's own examples of its rate-limit headers (developers.cloudflare.com/fundamentals/api/reference/limits).
const RATE_LIMIT_HEADERS = { ratelimit: '"default";r=50;t=30', "ratelimit-policy": '"burst";q=100;w=60' };

// The server of the current test, for replies that point at it.
let server: TestServer | undefined;

/** The success body of each operation, enough for its method to accept. */
function successFor(path: string): unknown {
  const data = path.endsWith("/sessions")
    ? { sessions: [aSession()] }
    : path.endsWith("/participants")
      ? { participants: [aParticipant()] }
      : /\/participants\/|peer-report/.test(path)
        ? { participant: aParticipant() }
        : path.endsWith("/chat")
          ? { chat_download_url: "https://files.example.com/c.csv", chat_download_url_expiry: "2999-01-01T00:00:00Z" }
          : path.endsWith("/transcript")
            ? {
                sessionId: SESSION,
                transcript_download_url: "https://files.example.com/t.csv",
                transcript_download_url_expiry: "2999-01-01T00:00:00Z",
              }
            : path.endsWith("/summary")
              ? {
                  sessionId: SESSION,
                  summaryDownloadUrl: "https://files.example.com/s.md",
                  summaryDownloadUrlExpiry: "2999-01-01T00:00:00Z",
                }
              : aSession();
  return { success: true, data };
}

async function serving(reply: Parameters<typeof loopbackClient>[0], options: SessionsClientOptions = {}) {
  const served = await loopbackClient(reply, { apiToken: TOKEN, ...options });
  server = served.server;
  return served;
}

/** A summary-download answer whose link points at `path` on the current test's server. */
function summaryLink(path: string): unknown {
  return {
    success: true,
    data: {
      sessionId: SESSION,
      summaryDownloadUrl: `${server?.url}${path}`,
      summaryDownloadUrlExpiry: "2999-01-01T00:00:00Z",
    },
  };
}

const CALLS: [name: keyof typeof OPERATIONS, call: (client: SessionsClient) => ApiPromise<unknown>][] = [
  ["listSessions", (client) => client.listSessions()],
  ["getSession", (client) => client.getSession(SESSION)],
  ["listParticipants", (client) => client.listParticipants(SESSION)],
  ["getParticipant", (client) => client.getParticipant(SESSION, SESSION)],
  ["getPeerReport", (client) => client.getPeerReport(SESSION)],
  ["getChatDownload", (client) => client.getChatDownload(SESSION)],
  ["getTranscriptDownload", (client) => client.getTranscriptDownload(SESSION)],
  ["generateSummary", (client) => client.generateSummary(SESSION)],
  ["getSummaryDownload", (client) => client.getSummaryDownload(SESSION)],
];

describe(".withResponse()", () => {
  test("covers every operation of the table", () => {
    expect(CALLS.map(([name]) => name).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  test.each(CALLS)(
    "%s: resolves to the data, the answer and its rate-limit state, in one request",
    async (_name, call) => {
      const { client, server } = await serving((res, request) =>
        send(res, 200, successFor(new URL(request.url, "http://x").pathname), {
          ...RATE_LIMIT_HEADERS,
          "cf-ray": "8f1e2d3c4b5a6978-AMS",
        }),
      );
      const promise = call(client);
      const { data, response, rateLimit } = await promise.withResponse();
      expect(await promise).toEqual(data);
      expect(response.status).toBe(200);
      expect(response.headers.get("cf-ray")).toBe("8f1e2d3c4b5a6978-AMS");
      expect(rateLimit).toEqual({ remaining: 50, reset: 30, limit: 100, window: 60 });
      expect(server.requests).toHaveLength(1);
    },
  );

  test("reports no rate-limit state when the answer has none", async () => {
    const { client } = await serving((res, request) =>
      send(res, 200, successFor(new URL(request.url, "http://x").pathname)),
    );
    expect((await client.getSession(SESSION).withResponse()).rateLimit).toBeUndefined();
  });

  test("rejects like the call when the call fails", async () => {
    const { client } = await serving((res) =>
      send(res, 404, { success: false, error: { code: 404, message: "No session" } }),
    );
    await expect(client.getSession(SESSION).withResponse()).rejects.toBeInstanceOf(RealtimeKitApiError);
  });

  test("gives the answer the data came in: the last attempt's, after retries", async () => {
    let attempts = 0;
    const { client, server } = await serving(
      (res, request) =>
        ++attempts < 3
          ? send(
              res,
              503,
              { success: false, errors: [{ code: 10001, message: "busy" }] },
              { "cf-ray": `ray-${attempts}` },
            )
          : send(res, 200, successFor(new URL(request.url, "http://x").pathname), { "cf-ray": `ray-${attempts}` }),
      { retries: 2, retryDelayMs: 0 },
    );
    const { data, response } = await client.getSession(SESSION).withResponse();
    expect(data).toEqual(aSession());
    expect([response.status, response.headers.get("cf-ray")]).toEqual([200, "ray-3"]);
    expect(server.requests).toHaveLength(3);
  });

  test("a failed call awaited through .withResponse() alone leaves no rejection unhandled", async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    onTestFinished(() => {
      process.off("unhandledRejection", record);
    });
    const { client } = await serving((res) => send(res, 404, { success: false, error: { code: 404, message: "No" } }));
    await expect(client.getSession(SESSION).withResponse()).rejects.toBeInstanceOf(RealtimeKitApiError);
    // Node reports an unhandled rejection once the microtasks of the turn that made it are done:
    // before the next turn's immediates.
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });
});

describe("rate-limit headers", () => {
  test("takes the limit with the fewest requests left, and its own policy", () => {
    const headers = new Headers({
      ratelimit: '"default";r=900;t=240, "burst";r=3;t=4',
      "ratelimit-policy": '"default";q=1200;w=300, "burst";q=250;w=10',
    });
    expect(rateLimitOf(headers)).toEqual({ remaining: 3, reset: 4, limit: 250, window: 10 });
  });

  test("takes a limit without a policy", () => {
    expect(rateLimitOf(new Headers({ ratelimit: '"default";r=0;t=17' }))).toEqual({
      remaining: 0,
      reset: 17,
      limit: undefined,
      window: undefined,
    });
  });

  test("puts the rate-limit state and the Retry-After of a 429 on the error", async () => {
    const { client } = await serving((res) =>
      send(
        res,
        429,
        { success: false, errors: [{ code: 971, message: "Please wait and consider throttling your request speed" }] },
        { ratelimit: '"default";r=0;t=30', "ratelimit-policy": '"default";q=1200;w=300', "retry-after": "30" },
      ),
    );
    const error = await rejectionOf(client.listSessions());
    expect(error).toBeInstanceOf(RealtimeKitApiError);
    expect(error).toMatchObject({
      status: 429,
      retryAfterMs: 30_000,
      rateLimit: { remaining: 0, reset: 30, limit: 1200, window: 300 },
    });
  });
});

describe("logging", () => {
  const spy = (): Logger & { lines: string[] } => {
    const lines: string[] = [];
    const log = (line: string) => void lines.push(line);
    return { lines, debug: log };
  };

  test("logs every attempt at debug: method, path, status, time, and why it retries", async () => {
    const logger = spy();
    const { client } = await serving(
      (res) => send(res, server?.requests.length === 1 ? 503 : 200, successFor("/sessions")),
      { logger, logLevel: "debug", retries: 1, retryDelayMs: 0 },
    );
    await client.listSessions({ status: "ENDED" });
    const host = new URL(server?.url ?? "").host;
    expect(logger.lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^\\[realtimekit-sessions\\] GET http://${host}/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions\\?status=ENDED -> 503 in \\d+ ms \\(attempt 1\\)$`,
        ),
      ),
      expect.stringMatching(/^\[realtimekit-sessions\] listSessions: retrying in \d+ ms$/),
      expect.stringMatching(/ -> 200 in \d+ ms \(attempt 2\)$/),
    ]);
  });

  test("never logs a credential, nor the signature of a download link", async () => {
    const logger = spy();
    const { client } = await serving(
      (res, request) => {
        if (request.url.startsWith("/files/")) return send(res, 200, "## Summary\n");
        send(res, 200, summaryLink("/files/s.md?X-Amz-Credential=AKIA-SECRET&X-Amz-Signature=f00dfeed&v=1"));
      },
      { logger, logLevel: "debug", headers: { Authorization: `Bearer ${TOKEN}` } },
    );
    await createDownloads(client).downloadSummary(SESSION);
    const text = logger.lines.join("\n");
    expect(logger.lines).toHaveLength(2);
    expect(text).toContain("/files/s.md?X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]&v=1 -> 200");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(/AKIA-SECRET|f00dfeed/);
  });

  test("is off by default, and takes its level from CLOUDFLARE_LOG", async () => {
    const quiet = spy();
    const { client } = await serving((res) => send(res, 200, successFor("/sessions")), { logger: quiet });
    await client.listSessions();
    expect(quiet.lines).toEqual([]);

    vi.stubEnv("CLOUDFLARE_LOG", "debug");
    const loud = spy();
    await client.withOptions({ logger: loud }).listSessions();
    expect(loud.lines).toHaveLength(1);
  });
});

describe("deadline, headers and defaults", () => {
  test("ends the whole call at its deadline, even during the wait before a retry", async () => {
    // Without the deadline, the retry would wait the 10 s the server asks for.
    const { client, server } = await serving(
      (res) => send(res, 503, { success: false, errors: [{ code: 10001, message: "busy" }] }, { "retry-after": "10" }),
      { retries: 3, deadlineMs: 150 },
    );
    const error = await rejectionOf(client.listSessions());
    expect(error).toBeInstanceOf(RealtimeKitTimeoutError);
    expect((error as Error).message).toBe("listSessions: no complete answer within the deadline of 150 ms");
    expect(server.requests).toHaveLength(1);
  });

  test("sends the client's headers to the API, and a call's over them, but not to the storage host", async () => {
    const { client, server } = await serving(
      (res, request) => {
        if (request.url.startsWith("/files/")) return send(res, 200, "## Summary\n");
        send(res, 200, summaryLink("/files/s.md"));
      },
      { headers: { "x-team": "support", "x-trace": "client" } },
    );
    await createDownloads(client).downloadSummary(SESSION, { headers: { "x-trace": "call" } });
    const [api, storage] = server.requests;
    expect(api?.headers).toMatchObject({ "x-team": "support", "x-trace": "call" });
    expect(storage?.headers["x-team"]).toBeUndefined();
    expect(storage?.headers.authorization).toBeUndefined();
  });

  test("a call's own options leave later calls of the client to its defaults, before and after", async () => {
    const { client, server } = await serving(
      (res) => send(res, 503, { success: false, errors: [{ code: 10001, message: "busy" }] }),
      { retries: 1, retryDelayMs: 0 },
    );
    const requestsOf = async (call: Promise<unknown>) => {
      const before = server.requests.length;
      await rejectionOf(call);
      return server.requests.length - before;
    };
    expect(await requestsOf(client.getSession(SESSION))).toBe(2);
    expect(await requestsOf(client.getSession(SESSION, {}, { retries: 0 }))).toBe(1);
    expect(await requestsOf(client.getSession(SESSION))).toBe(2);
    expect(await requestsOf(client.getSession(SESSION, {}, { retries: 2 }))).toBe(3);
  });

  test("takes its base URL from CLOUDFLARE_BASE_URL", async () => {
    await using api = await startServer((res) => send(res, 200, successFor("/sessions")));
    vi.stubEnv("CLOUDFLARE_BASE_URL", `${api.url}/client/v4/`);
    const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP });
    await client.listSessions();
    expect(api.requests[0]?.url).toBe(`/client/v4/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions`);
  });

  test("withOptions() makes a client with the options over the original's", async () => {
    const { client, server } = await serving((res) => send(res, 200, successFor("/sessions")), {
      headers: { "x-team": "a" },
    });
    await client.withOptions({ appId: "other-app" }).listSessions();
    expect(server.requests[0]?.url).toBe(`/accounts/${ACCOUNT}/realtime/kit/other-app/sessions`);
    expect(server.requests[0]?.headers["x-team"]).toBe("a");
  });

  test("downloads take the client's timeout for the storage host", async () => {
    let storageAsked = () => {};
    const asked = new Promise<void>((resolve) => {
      storageAsked = resolve;
    });
    const { client } = await serving(
      (res, request) => {
        if (request.url.startsWith("/files/")) return storageAsked(); // never answers
        send(res, 200, summaryLink("/files/s.md"));
      },
      { timeoutMs: 100 },
    );
    // Time moves only once the storage host has the request: the API's answer, however slow
    // a busy machine makes it, cannot be the one that times out.
    using timers = captureTimers();
    const failed = rejectionOf(createDownloads(client).downloadSummary(SESSION));
    await asked;
    await timers.advance(100);
    const error = await failed;
    expect(error).toBeInstanceOf(RealtimeKitTimeoutError);
    expect((error as Error).message).toBe("downloadSummary: no complete answer within 100 ms");
  });
});

describe("URLs", () => {
  const serializer = createQuerySerializer();
  const scalar = fc.oneof(
    fc.string({ unit: "grapheme" }),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(undefined),
  );

  test.each(Object.entries(OPERATIONS))(
    "%s: built exactly as openapi-fetch's createFinalURL builds it",
    (_name, { path }) => {
      fc.assert(
        fc.property(
          fc.dictionary(fc.stringMatching(/^[a-z_]{1,12}$/), scalar),
          fc.stringMatching(/^[\w.~-]{1,40}$/),
          (query, id) => {
            const ids = { account_id: ACCOUNT, app_id: APP, session_id: id, participant_id: id, peer_id: id };
            const expected = createFinalURL(path, {
              baseUrl: "https://api.cloudflare.com/client/v4",
              params: { path: ids, query },
              querySerializer: serializer,
              pathSerializer: defaultPathSerializer,
            });
            expect(urlOf("https://api.cloudflare.com/client/v4", path, ids, query)).toBe(expected);
          },
        ),
        { numRuns: 200 },
      );
    },
  );
});
