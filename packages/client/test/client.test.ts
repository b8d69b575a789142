import {
  ACCOUNT,
  APP,
  aParticipant,
  aSession,
  PARTICIPANT,
  rejectionOf,
  SESSION,
  send,
  thrownBy,
} from "@realtimekit-sessions/test-kit";
import { describe, expect, test, vi } from "vitest";
import { createDownloads } from "../src/downloads.js";
import {
  createSessionsClient,
  RealtimeKitApiError,
  RealtimeKitArgumentError,
  type SessionsClient,
  type SessionsClientOptions,
} from "../src/index.js";
import { createRawClient, type RawClientOptions } from "../src/raw.js";
import { loopbackClient } from "./loopback.js";

const TOKEN = "test-token-5a3c9e1f";
const PREFIX = `/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions`;

const clientAnswering = (reply: Parameters<typeof loopbackClient>[0], options: SessionsClientOptions = {}) =>
  loopbackClient(reply, { apiToken: TOKEN, ...options });

/** A fetch that records what it is asked and never touches the network. */
function recordingFetch() {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return Response.json({ success: true, data: { sessions: [] }, paging: { total_count: 0 } });
  };
  return { requests, fetch };
}

describe("requests", () => {
  test("sends the bearer token and resolves to the data of the answer", async () => {
    const data = {
      chat_download_url: "https://files.example.com/chat.csv",
      chat_download_url_expiry: "2026-11-22T12:00:00Z",
    };
    const { client, requests } = await clientAnswering((res) => send(res, 200, { success: true, data }));

    await expect(client.getChatDownload(SESSION)).resolves.toEqual(data);
    expect(requests).toEqual([expect.objectContaining({ method: "GET", url: `${PREFIX}/${SESSION}/chat` })]);
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  test("resolves listSessions to the sessions and the top-level paging", async () => {
    const paging = { start_offset: 0, end_offset: 0, total_count: 1 };
    const sessions = [aSession()];
    const { client } = await clientAnswering((res) => send(res, 200, { success: true, data: { sessions }, paging }));

    await expect(client.listSessions()).resolves.toEqual({ sessions, paging });
  });

  test("sends query parameters under the API's names", async () => {
    const { client, requests } = await clientAnswering((res) =>
      send(res, 200, { success: true, data: { participants: [] } }),
    );

    await client.listParticipants(SESSION, { per_page: 5, sort_by: "duration", include_peer_events: true });

    const url = new URL(requests[0]?.url ?? "", "http://host");
    expect(url.pathname).toBe(`${PREFIX}/${SESSION}/participants`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      per_page: "5",
      sort_by: "duration",
      include_peer_events: "true",
    });
  });

  test("sends generateSummary as a POST without a body", async () => {
    const { client, requests } = await clientAnswering((res) =>
      send(res, 200, { success: true, data: { session_id: SESSION, status: "PROCESSING" } }),
    );

    await expect(client.generateSummary(SESSION)).resolves.toEqual({ session_id: SESSION, status: "PROCESSING" });
    expect(requests[0]).toMatchObject({ method: "POST", url: `${PREFIX}/${SESSION}/summary` });
    expect(requests[0]?.headers["content-length"] ?? "0").toBe("0");
  });

  test("calls the Cloudflare API when no baseUrl is given", async () => {
    const { requests, fetch } = recordingFetch();
    const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch });

    await client.listSessions();

    expect(requests.map((request) => request.url)).toEqual([`https://api.cloudflare.com/client/v4${PREFIX}`]);
  });

  test("lets a call override the client's accountId and appId", async () => {
    const { requests, fetch } = recordingFetch();
    const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch });

    await client.listSessions({}, { accountId: "other-account", appId: "other-app" });
    await client.listSessions();

    expect(requests.map((request) => new URL(request.url).pathname)).toEqual([
      "/client/v4/accounts/other-account/realtime/kit/other-app/sessions",
      `/client/v4${PREFIX}`,
    ]);
  });

  test("adds a call's extra headers to its request", async () => {
    const { requests, fetch } = recordingFetch();
    const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch });

    await client.listSessions({}, { headers: { "x-trace": "abc" } });

    expect(requests[0]?.headers.get("x-trace")).toBe("abc");
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });
});

describe("bad input is refused before anything is sent", () => {
  const UNSAFE_IDS = [
    "",
    ".",
    "..",
    "a/b",
    "a?b",
    "a#b",
    "%2e%2e",
    "%2E",
    "a%2Fb",
    "..%2f",
    "a%3Fb",
    "a%23b",
    "a\\b",
    " a",
    "a\nb",
  ];
  const ID_ARGUMENTS: [string, string, (client: SessionsClient, id: string) => Promise<unknown>][] = [
    ["getSession", "sessionId", (client, id) => client.getSession(id)],
    ["listParticipants", "sessionId", (client, id) => client.listParticipants(id)],
    ["getParticipant", "sessionId", (client, id) => client.getParticipant(id, PARTICIPANT)],
    ["getParticipant", "participantId", (client, id) => client.getParticipant(SESSION, id)],
    ["getPeerReport", "peerId", (client, id) => client.getPeerReport(id)],
    ["getChatDownload", "sessionId", (client, id) => client.getChatDownload(id)],
    ["getTranscriptDownload", "sessionId", (client, id) => client.getTranscriptDownload(id)],
    ["generateSummary", "sessionId", (client, id) => client.generateSummary(id)],
    ["getSummaryDownload", "sessionId", (client, id) => client.getSummaryDownload(id)],
    ["listSessions", "accountId", (client, id) => client.listSessions({}, { accountId: id })],
    ["listSessions", "appId", (client, id) => client.listSessions({}, { appId: id })],
    ["iterateSessions", "accountId", (client, id) => client.iterateSessions({}, { accountId: id }).next()],
    ["iterateParticipants", "sessionId", (client, id) => client.iterateParticipants(id).next()],
    ["downloadChat", "sessionId", (client, id) => createDownloads(client).downloadChat(id).next()],
    ["downloadTranscript", "sessionId", (client, id) => createDownloads(client).downloadTranscript(id).next()],
    ["downloadSummary", "sessionId", (client, id) => createDownloads(client).downloadSummary(id)],
    ["waitForSummary", "sessionId", (client, id) => createDownloads(client).waitForSummary(id)],
  ];

  test.each(ID_ARGUMENTS.map(([method, argument, call]) => ({ method, argument, call })))(
    "$method refuses every unsafe $argument",
    async ({ argument, call }) => {
      const { requests, fetch } = recordingFetch();
      const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch });

      for (const id of UNSAFE_IDS) {
        const error = await rejectionOf(call(client, id));
        expect(error, `id ${JSON.stringify(id)}`).toBeInstanceOf(RealtimeKitArgumentError);
        expect(error).toMatchObject({ argument });
      }
      expect(requests).toEqual([]);
    },
  );

  test("refuses an id that is not a string", async () => {
    const { requests, fetch } = recordingFetch();
    const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch });

    await expect(client.getSession(42 as unknown as string)).rejects.toThrow("sessionId must be a string, got 42");
    expect(requests).toEqual([]);
  });

  test("refuses a call when neither the client nor the call names an account", async () => {
    const { requests, fetch } = recordingFetch();
    const client = createSessionsClient({ apiToken: TOKEN, appId: APP, fetch });

    await expect(client.listSessions()).rejects.toThrow(
      new RealtimeKitArgumentError("accountId", "accountId must be given, or set in CLOUDFLARE_ACCOUNT_ID"),
    );
    expect(requests).toEqual([]);
  });

  test("refuses a call when neither the client nor the call names an app", async () => {
    const { fetch } = recordingFetch();
    const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, fetch });

    await expect(client.getSession(SESSION)).rejects.toMatchObject({
      name: "RealtimeKitArgumentError",
      argument: "appId",
    });
  });

  test("refuses an unsafe accountId at construction", () => {
    expect(() => createSessionsClient({ apiToken: TOKEN, accountId: "../x" })).toThrow(RealtimeKitArgumentError);
  });

  test.each(["", "two words", "line\nbreak", "tab\t"])("refuses the apiToken %j without quoting it", (apiToken) => {
    const error = thrownBy(() => createSessionsClient({ apiToken }));
    expect(error).toBeInstanceOf(RealtimeKitArgumentError);
    expect(error).toMatchObject({ argument: "apiToken" });
    if (apiToken) expect(String((error as Error).message)).not.toContain(apiToken);
  });

  test("refuses a missing apiToken (from JavaScript)", () => {
    expect(() => createSessionsClient({} as SessionsClientOptions)).toThrow(RealtimeKitArgumentError);
  });

  test.each([
    "api.cloudflare.com/client/v4",
    "ftp://api.cloudflare.com",
    "https://user:pass@api.cloudflare.com/client/v4",
    "https://api.cloudflare.com/client/v4?x=1",
  ])("refuses the baseUrl %s", (baseUrl) => {
    expect(() => createSessionsClient({ apiToken: TOKEN, baseUrl })).toThrow(RealtimeKitArgumentError);
  });
});

describe("credentials and defaults", () => {
  test("takes the token, account and app from the environment", async () => {
    vi.stubEnv("CLOUDFLARE_API_TOKEN", "env-token");
    vi.stubEnv("CLOUDFLARE_ACCOUNT_ID", "env-account");
    vi.stubEnv("REALTIMEKIT_APP_ID", "env-app");
    const { requests, fetch } = recordingFetch();

    await createSessionsClient({ fetch }).listSessions();

    expect(requests[0]?.headers.get("authorization")).toBe("Bearer env-token");
    expect(new URL(requests[0]?.url ?? "").pathname).toBe(
      "/client/v4/accounts/env-account/realtime/kit/env-app/sessions",
    );
  });

  test("takes the legacy email and key from the environment when there is no token", async () => {
    vi.stubEnv("CLOUDFLARE_EMAIL", "dev@example.com");
    vi.stubEnv("CLOUDFLARE_API_KEY", "global-key");
    const { requests, fetch } = recordingFetch();

    await createSessionsClient({ accountId: ACCOUNT, appId: APP, fetch }).listSessions();

    expect(requests[0]?.headers.get("x-auth-email")).toBe("dev@example.com");
    expect(requests[0]?.headers.get("x-auth-key")).toBe("global-key");
    expect(requests[0]?.headers.get("authorization")).toBeNull();
  });

  test("prefers credentials given in code to the environment's", async () => {
    vi.stubEnv("CLOUDFLARE_API_TOKEN", "env-token");
    const { requests, fetch } = recordingFetch();

    await createSessionsClient({
      apiEmail: "dev@example.com",
      apiKey: "code-key",
      accountId: ACCOUNT,
      appId: APP,
      fetch,
    }).listSessions();

    expect(requests[0]?.headers.get("authorization")).toBeNull();
    expect(requests[0]?.headers.get("x-auth-key")).toBe("code-key");
  });

  test("counts a variable the runtime will not let it read as unset (Deno without --allow-env)", async () => {
    const { requests, fetch } = recordingFetch();
    const env = process.env;
    const refusing = new Proxy(
      {},
      {
        get(_, name) {
          throw new Error(`NotCapable: Requires env access to "${String(name)}", run again with the --allow-env flag`);
        },
      },
    );
    process.env = refusing as NodeJS.ProcessEnv;
    let client: ReturnType<typeof createSessionsClient>;
    try {
      client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch });
    } finally {
      process.env = env;
    }

    await client.listSessions();

    expect(requests[0]?.url).toBe(
      `https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions`,
    );
  });

  test("refuses to start without credentials, saying what to set", () => {
    expect(() => createSessionsClient({ apiEmail: "dev@example.com" })).toThrow(
      new RealtimeKitArgumentError(
        "apiToken",
        "apiToken must be given (or apiEmail and apiKey), or set in CLOUDFLARE_API_TOKEN",
      ),
    );
  });

  test.each([{ retries: -1 }, { retries: 1.5 }, { timeoutMs: Number.NaN }, { maxRetryDelayMs: -5 }])(
    "refuses the setting %j",
    (setting) => {
      expect(() => createSessionsClient({ apiToken: TOKEN, ...setting })).toThrow(RealtimeKitArgumentError);
    },
  );

  test("refuses a bad retries value given to one call", async () => {
    const { requests, fetch } = recordingFetch();
    const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch });
    await expect(client.listSessions({}, { retries: -1 })).rejects.toMatchObject({ argument: "retries" });
    expect(requests).toEqual([]);
  });
});

describe("failures reject with RealtimeKitApiError", () => {
  test("reads code and message from the RealtimeKit envelope", async () => {
    const body = { success: false, error: { code: 404, message: `No session found with id ${SESSION}` } };
    const { client } = await clientAnswering((res) => send(res, 404, body));

    const error = await rejection(client.getSession(SESSION));

    expect(error).toBeInstanceOf(RealtimeKitApiError);
    expect(error).toMatchObject({ status: 404, code: 404, errors: [{ code: 404, message: body.error.message }] });
    expect(error.message).toBe(`getSession: the API answered HTTP 404: No session found with id ${SESSION} (code 404)`);
    expect(error.response.status).toBe(404);
  });

  test("reads every code and message from the Cloudflare envelope", async () => {
    const errors = [
      { code: 10000, message: "Authentication error" },
      { code: 9109, message: "Unauthorized to access requested resource" },
    ];
    const { client } = await clientAnswering((res) =>
      send(res, 403, { success: false, errors, messages: [], result: null }),
    );

    const error = await rejection(client.listSessions());

    expect(error).toMatchObject({ status: 403, code: 10000, errors });
    expect(error.message).toBe(
      "listSessions: the API answered HTTP 403: Authentication error (code 10000); Unauthorized to access requested resource (code 9109)",
    );
  });

  test("says so when the error body is empty", async () => {
    const { client } = await clientAnswering((res) => {
      res.writeHead(502, { "content-length": "0" });
      res.end();
    });

    const error = await rejection(client.listSessions());

    expect(error).toMatchObject({ status: 502, errors: [] });
    expect(error.message).toBe("listSessions: the API answered HTTP 502: an empty body");
  });

  test("says so when a chunked error body is empty", async () => {
    const { client } = await clientAnswering((res) => {
      res.writeHead(429, { "retry-after": "1" });
      res.end();
    });

    await expect(client.listSessions()).rejects.toThrow("listSessions: the API answered HTTP 429: an empty body");
  });

  test("quotes the start of an error body that is not JSON", async () => {
    const html = `<html><body><h1>500 Internal Server Error</h1>${"x".repeat(400)}</body></html>`;
    const { client } = await clientAnswering((res) => send(res, 500, html, { "content-type": "text/html" }));

    const error = await rejection(client.getSummaryDownload(SESSION));

    expect(error).toMatchObject({ status: 500, errors: [] });
    expect(error.message).toBe(
      `getSummaryDownload: the API answered HTTP 500: a non-JSON body (text/html): "${html.slice(0, 200)}…"`,
    );
  });

  test("quotes a JSON error body in neither envelope", async () => {
    const { client } = await clientAnswering((res) => send(res, 400, { message: "nope" }));

    await expect(client.listSessions()).rejects.toThrow(
      'listSessions: the API answered HTTP 400: JSON in neither error envelope: "{\\"message\\":\\"nope\\"}"',
    );
  });

  test("rejects a 200 whose body is not JSON", async () => {
    const { client } = await clientAnswering((res) =>
      send(res, 200, "<html>maintenance</html>", { "content-type": "text/html" }),
    );

    const error = await rejection(client.listSessions());

    expect(error).toMatchObject({ status: 200, errors: [] });
    expect(error.message).toBe(
      'listSessions: the API answered HTTP 200: a non-JSON body (text/html): "<html>maintenance</html>"',
    );
  });

  test("rejects a 200 with an empty body", async () => {
    const { client } = await clientAnswering((res) => {
      res.writeHead(200, { "content-length": "0" });
      res.end();
    });

    await expect(client.getSession(SESSION)).rejects.toThrow("getSession: the API answered HTTP 200: an empty body");
  });

  test("rejects a 200 that carries a failure envelope", async () => {
    const { client } = await clientAnswering((res) =>
      send(res, 200, { success: false, error: { code: 409, message: "Summary generation already running" } }),
    );

    const error = await rejection(client.generateSummary(SESSION));

    expect(error).toMatchObject({
      status: 200,
      errors: [{ code: 409, message: "Summary generation already running" }],
    });
  });

  test("carries Cloudflare's cf-ray request id", async () => {
    const { client } = await clientAnswering((res) =>
      send(res, 500, { success: false, error: { code: 500, message: "boom" } }, { "cf-ray": "8f1e2d3c4b5a6978-AMS" }),
    );

    await expect(client.listSessions()).rejects.toMatchObject({ rayId: "8f1e2d3c4b5a6978-AMS" });
  });

  test("never repeats the token, even from a server that echoes it", async () => {
    const { client } = await clientAnswering((res, request) =>
      send(res, 401, {
        success: false,
        errors: [{ code: 10000, message: `bad credentials: ${request.headers.authorization}` }],
      }),
    );

    const error = await rejection(client.listSessions());

    expect(error.message).toBe(
      "listSessions: the API answered HTTP 401: bad credentials: Bearer [redacted] (code 10000)",
    );
    expect(JSON.stringify(error.errors)).not.toContain(TOKEN);
  });
});

describe("secrets and inputs at the edges", () => {
  test("redacts a token before cutting the body it sits in down to a snippet", async () => {
    // The token straddles the 200th character: cut first, only its prefix would remain, and
    // nothing would match it any more.
    const { client } = await clientAnswering((res, request) =>
      send(res, 500, `${"x".repeat(190)} ${request.headers.authorization} and more`),
    );
    const error = await rejection(client.listSessions());
    expect(error.message).toBe(
      `listSessions: the API answered HTTP 500: a non-JSON body (text/plain): "${"x".repeat(190)} Bearer [r…"`,
    );
  });

  test("redacts the credentials a call sends in its own headers", async () => {
    const { client } = await clientAnswering((res, request) =>
      send(res, 401, {
        success: false,
        errors: [{ code: 10000, message: `rejected ${request.headers.authorization}` }],
      }),
    );
    const error = await rejection(client.listSessions({}, { headers: { Authorization: "Bearer per-call-token-77" } }));
    expect(error.message).toBe("listSessions: the API answered HTTP 401: rejected Bearer [redacted] (code 10000)");
  });

  test.each([
    ["a line break", "per-call-secret\r\nX-Injected: 1"],
    ["a character above U+00FF", "per-call-secret-€"],
  ])("refuses a header value with %s, naming the header but not the value, before sending", async (_what, value) => {
    const { requests, fetch } = recordingFetch();
    const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch });
    const error = await client.listSessions({}, { headers: { "X-Debug-Token": value } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RealtimeKitArgumentError);
    expect(error).toMatchObject({ argument: "headers" });
    expect((error as Error).message).toBe('headers must be names and values HTTP can carry, got "X-Debug-Token"');
    expect((error as Error).message).not.toContain("per-call-secret");
    expect(requests).toEqual([]);
  });

  test("refuses a header name HTTP cannot carry, before sending", async () => {
    const { requests, fetch } = recordingFetch();
    const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch });
    await expect(client.listSessions({}, { headers: { "X Trace": "1" } })).rejects.toThrow(
      'headers must be names and values HTTP can carry, got "X Trace"',
    );
    expect(requests).toEqual([]);
  });

  test("does not quote a baseUrl that carries credentials", () => {
    const error = thrownBy(() =>
      createSessionsClient({
        apiToken: TOKEN,
        accountId: ACCOUNT,
        appId: APP,
        baseUrl: "https://me:hunter2@api.example.com/",
      }),
    );
    expect(error).toBeInstanceOf(RealtimeKitArgumentError);
    expect((error as Error).message).toBe("baseUrl must be an http(s) URL without credentials, query or fragment");
  });

  test.each([
    ["timeoutMs", { timeoutMs: 2 ** 31 }],
    ["timeoutMs", { timeoutMs: 0 }],
    ["retryDelayMs", { retryDelayMs: 1.5 }],
    ["maxRetryDelayMs", { maxRetryDelayMs: 3_000_000_000 }],
  ])("refuses a %s a timer cannot keep (%o)", (argument, options) => {
    // setTimeout fires at once for a delay above 2^31 - 1 ms: such a timeout would end every call.
    const error = thrownBy(() => createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, ...options }));
    expect(error).toBeInstanceOf(RealtimeKitArgumentError);
    expect(error).toMatchObject({ argument });
  });

  test("refuses a per-call timeout a timer cannot keep, before sending", async () => {
    const { requests, fetch } = recordingFetch();
    const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch });
    await expect(client.listSessions({}, { timeoutMs: 2 ** 31 })).rejects.toThrow(
      "timeoutMs must be a whole number from 1 to 2147483647, got 2147483648",
    );
    await expect(createDownloads(client).waitForSummary(SESSION, { pollIntervalMs: 0 })).rejects.toMatchObject({
      argument: "pollIntervalMs",
    });
    expect(requests).toEqual([]);
  });

  test("refuses an app id longer than Cloudflare's 32 characters", () => {
    const error = thrownBy(() => createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: "a".repeat(33) }));
    expect(error).toBeInstanceOf(RealtimeKitArgumentError);
    expect((error as Error).message).toBe("appId must be at most 32 characters, got 33");
  });

  test("refuses a fetch that is not a function", () => {
    const fetch = "https://api.example.com" as unknown as SessionsClientOptions["fetch"];
    const error = thrownBy(() => createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch }));
    expect(error).toBeInstanceOf(RealtimeKitArgumentError);
    expect((error as Error).message).toBe('fetch must be a function, got "https://api.example.com"');
  });

  test("refuses a signal that is not an AbortSignal, in calls, walks and downloads, before sending", async () => {
    const { requests, fetch } = recordingFetch();
    const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch });
    const signal = { aborted: false } as AbortSignal;
    const calls = [
      client.listSessions({}, { signal }),
      client.iterateSessions({}, { signal }).next(),
      createDownloads(client).downloadSummary(SESSION, { signal }),
    ];
    for (const call of calls) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(RealtimeKitArgumentError);
      expect(error).toMatchObject({ argument: "signal", message: "signal must be an AbortSignal, got object" });
    }
    expect(requests).toEqual([]);
  });

  test("refuses to make downloads of anything but a client made by createSessionsClient()", () => {
    const lookalike = { getSummaryDownload: async () => ({}) } as unknown as SessionsClient;
    const error = thrownBy(() => createDownloads(lookalike));
    expect(error).toBeInstanceOf(RealtimeKitArgumentError);
    expect(error).toMatchObject({ argument: "client" });
  });

  test("refuses middleware that is not a list", () => {
    const middleware = { onRequest: () => undefined } as unknown as RawClientOptions["middleware"];
    const error = thrownBy(() => createRawClient({ apiToken: TOKEN, middleware }));
    expect(error).toBeInstanceOf(RealtimeKitArgumentError);
    expect(error).toMatchObject({ argument: "middleware" });
  });

  test.each([
    [{ per_page: 0 }, "per_page must be a whole number from 1 to 2147483647, got 0"],
    [{ per_page: 2.5 }, "per_page must be a whole number from 1 to 2147483647, got 2.5"],
    [{ page_no: -1 }, "page_no must be a whole number from 0 to 2147483647, got -1"],
    [{ page_no: Number.NaN }, "page_no must be a whole number from 0 to 2147483647, got NaN"],
  ])("refuses the page query %o before sending, in lists and walks alike", async (query, message) => {
    const { requests, fetch } = recordingFetch();
    const client = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch });
    for (const call of [client.listSessions(query), client.iterateParticipants(SESSION, query).next()]) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(RealtimeKitArgumentError);
      expect(error).toMatchObject({ message });
    }
    expect(requests).toEqual([]);
  });
});

/** The RealtimeKitApiError a call rejected with. */
async function rejection(promise: Promise<unknown>): Promise<RealtimeKitApiError> {
  const reason = await rejectionOf(promise);
  expect(reason).toBeInstanceOf(RealtimeKitApiError);
  return reason as RealtimeKitApiError;
}

test("a participant or a peer event without a field the types promise is refused, the field named", async () => {
  const { user_id: _, ...withoutUser } = aParticipant();
  const event = { id: "e1", peer_id: "p1", event_name: "PEER_JOINING", created_at: "2023-02-01T10:51:50.786Z" };
  const answers = [
    { participants: [aParticipant(), withoutUser] },
    { participants: [aParticipant({ peer_events: [{ ...event, updated_at: event.created_at }, event] })] },
  ];
  const messages: string[] = [];
  for (const data of answers) {
    const { client } = await clientAnswering((res) => send(res, 200, { success: true, data }));
    const error = await rejectionOf(client.listParticipants(SESSION));
    expect(error).toBeInstanceOf(RealtimeKitApiError);
    messages.push((error as Error).message);
  }
  expect(messages).toEqual([
    "listParticipants: the API answered HTTP 200: a success envelope without data.participants[1].user_id",
    "listParticipants: the API answered HTTP 200: a success envelope without data.participants[0].peer_events[1].updated_at",
  ]);
});
