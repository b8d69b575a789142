// The edges generated input found, each as an example: every one of them once escaped as a raw
// error, hung past its deadline, leaked the token into a rendering, or resolved to a wrong type.
import { getEventListeners } from "node:events";
import { inspect } from "node:util";
import { ACCOUNT, APP, captureTimers, rejectionOf, SESSION, thrownBy } from "@realtimekit-sessions/test-kit";
import { describe, expect, test } from "vitest";
import { createDownloads, RealtimeKitFormatError } from "../src/downloads.js";
import {
  createSessionsClient,
  RealtimeKitAbortError,
  RealtimeKitApiError,
  RealtimeKitArgumentError,
  RealtimeKitConnectionError,
  RealtimeKitTimeoutError,
  type SessionsClient,
  type SessionsClientOptions,
} from "../src/index.js";

const TOKEN = "edges-secret-token-77c1";
type Fetch = (request: Request) => Promise<Response>;

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { ...init, headers: { "content-type": "application/json", ...init.headers } });
const SESSIONS = { success: true, data: { sessions: [{ id: SESSION }] } };

function clientWith(fetch: Fetch, options: SessionsClientOptions = {}): SessionsClient {
  return createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, fetch, retryDelayMs: 1, ...options });
}

describe("1. a lone surrogate is a typed refusal, and nothing is sent", () => {
  test.each([
    ["an id", (client: SessionsClient) => client.getSession("\uD800"), "sessionId"],
    ["a query value", (client: SessionsClient) => client.listSessions({ search: "a\uDC00" }), "search"],
    ["a per-call accountId", (client: SessionsClient) => client.listSessions({}, { accountId: "\uD800" }), "accountId"],
  ])("in %s", async (_, call, argument) => {
    let sent = 0;
    const client = clientWith(async () => {
      sent++;
      return json(SESSIONS);
    });
    const error = await rejectionOf(call(client), RealtimeKitArgumentError);
    expect([error.argument, sent]).toEqual([argument, 0]);
    expect(error.message).toContain("surrogate");
  });
});

describe("2. an answer nested 20,000 levels deep is an API error, not a RangeError", () => {
  const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
  test.each([
    ["a 400 whose message is deep", 400, `{"success":false,"errors":[{"code":1,"message":${deep}}]}`],
    ["a 200 that is deep", 200, deep],
  ])("%s", async (_, status, body) => {
    const client = clientWith(async () => new Response(body, { status }), { retries: 0 });
    const error = await rejectionOf(client.listSessions(), RealtimeKitApiError);
    expect(error.message).toContain("(too deep)");
  });

  test("a deep list item is refused by the iterator too", async () => {
    const client = clientWith(async () => new Response(`{"success":true,"data":{"sessions":[${deep}]}}`));
    const walk = async () => {
      for await (const _ of client.iterateSessions());
    };
    await rejectionOf(walk(), RealtimeKitApiError);
  });
});

describe("3. no rendering of an error shows the token", () => {
  const renderings = (error: unknown) => {
    const values = [error, (error as Error).cause, (error as RealtimeKitApiError).response];
    return values
      .map(
        (value) =>
          `${String(value)} ${(value as Error)?.stack} ${JSON.stringify(value)} ${inspect(value, { depth: 8 })}`,
      )
      .join("\n");
  };

  test("a server that echoes the Authorization header in a response header", async () => {
    const client = clientWith(
      async (request) =>
        new Response("no", { status: 400, headers: { "x-echo": request.headers.get("authorization") ?? "" } }),
    );
    const error = await rejectionOf(client.listSessions(), RealtimeKitApiError);
    expect(renderings(error)).not.toContain(TOKEN);
    expect(error.response.headers.get("x-echo")).toBe("Bearer [redacted]");
  });

  test("a fetch that rejects with an error quoting the request's headers", async () => {
    const client = clientWith(
      async (request) => {
        throw Object.assign(new TypeError(`refused ${request.headers.get("authorization")}`), {
          headers: Object.fromEntries(request.headers),
        });
      },
      { retries: 0 },
    );
    const error = await rejectionOf(client.listSessions(), RealtimeKitConnectionError);
    expect(renderings(error)).not.toContain(TOKEN);
    expect(String((error.cause as Error).message)).toBe("refused Bearer [redacted]");
  });
});

describe("4. the deadline holds whatever fetch does", () => {
  test("a fetch that never settles and ignores its signal", async () => {
    const client = clientWith(() => new Promise(() => {}), { deadlineMs: 300 });
    using timers = captureTimers();
    const failed = rejectionOf(client.listSessions(), RealtimeKitTimeoutError);
    await timers.advance(300);
    expect((await failed).message).toBe("listSessions: no complete answer within the deadline of 300 ms");
  });

  test("the attempt's own timeout holds too, with no deadline and no caller's signal", async () => {
    let sent = 0;
    const client = clientWith(
      () => {
        sent++;
        return new Promise(() => {});
      },
      { timeoutMs: 150, retries: 1 },
    );
    const error = await rejectionOf(client.listSessions(), RealtimeKitTimeoutError);
    expect(error.message).toBe("listSessions: no complete answer within 150 ms (after 2 attempts)");
    expect(sent).toBe(2);
  });

  test("a caller's abort holds against a fetch that never settles and ignores its signal", async () => {
    const controller = new AbortController();
    const client = clientWith(() => new Promise(() => {}), { retries: 0 });
    const call = client.listSessions({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await rejectionOf(call, RealtimeKitAbortError);
  });

  test("a caller's signal that has already fired: even a fetch that ignores it is never called", async () => {
    let sent = 0;
    const client = clientWith(() => {
      sent++;
      return new Promise(() => {});
    });
    const reason = new Error("gave up");
    const error = await rejectionOf(
      client.getSession(SESSION, {}, { signal: AbortSignal.abort(reason) }),
      RealtimeKitAbortError,
    );
    expect(error.cause).toBe(reason);
    expect(sent).toBe(0);
  });

  test("a response whose body never ends", async () => {
    const endless = () =>
      new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode("{")) }));
    const client = clientWith(async () => endless(), { deadlineMs: 300 });
    await rejectionOf(client.listSessions(), RealtimeKitTimeoutError);
  });

  test("a download whose body never ends", async () => {
    const client = clientWith(
      async (request) =>
        request.url.includes("/chat")
          ? json({
              success: true,
              data: {
                chat_download_url: "https://files.example.test/c.csv",
                chat_download_url_expiry: "2999-01-01T00:00:00Z",
              },
            })
          : new Response(
              new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode("id,")) }),
            ),
      { deadlineMs: 300 },
    );
    const walk = async () => {
      for await (const _ of createDownloads(client).downloadChat(SESSION));
    };
    await rejectionOf(walk(), RealtimeKitTimeoutError);
  });
});

describe("5. list items that are not objects are refused", () => {
  test.each([
    ["listSessions", (client: SessionsClient) => client.listSessions(), { sessions: [true] }],
    ["listParticipants", (client: SessionsClient) => client.listParticipants(SESSION), { participants: ["x"] }],
    [
      "iterateSessions",
      async (client: SessionsClient) => {
        for await (const _ of client.iterateSessions());
      },
      { sessions: [null] },
    ],
    [
      "iterateParticipants",
      async (client: SessionsClient) => {
        for await (const _ of client.iterateParticipants(SESSION));
      },
      { participants: [1] },
    ],
  ])("%s", async (_, call, data) => {
    const client = clientWith(async () => json({ success: true, data }));
    const error = await rejectionOf(call(client), RealtimeKitApiError);
    expect(error.message).toContain("(a list of objects)");
  });
});

describe("6. arguments outside the types are typed refusals", () => {
  const ok = async () => json(SESSIONS);
  const untyped = (client: SessionsClient) =>
    client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  test.each([
    ["listSessions(null)", (client: SessionsClient) => untyped(client).listSessions?.(null), "query"],
    ["listSessions({}, null)", (client: SessionsClient) => untyped(client).listSessions?.({}, null), "options"],
    [
      "headers: null per call",
      (client: SessionsClient) => untyped(client).listSessions?.({}, { headers: null }),
      "headers",
    ],
    [
      "filters: null",
      (client: SessionsClient) => untyped(client).getPeerReport?.(SESSION, { filters: null }),
      "filters",
    ],
    ["filters: 5", (client: SessionsClient) => untyped(client).getPeerReport?.(SESSION, { filters: 5 }), "filters"],
    ["filters: {}", (client: SessionsClient) => untyped(client).getPeerReport?.(SESSION, { filters: {} }), "filters"],
  ])("%s", async (_, call, argument) => {
    const error = await rejectionOf(call(clientWith(ok)) as Promise<unknown>, RealtimeKitArgumentError);
    expect(error.argument).toBe(argument);
  });

  test("headers: null for the client, and a logger without debug() at the debug level", () => {
    const headers = thrownBy(() => clientWith(async () => json(SESSIONS), { headers: null as never }));
    const logger = thrownBy(() => clientWith(async () => json(SESSIONS), { logger: {} as never, logLevel: "debug" }));
    expect(headers).toBeInstanceOf(RealtimeKitArgumentError);
    expect(logger).toBeInstanceOf(RealtimeKitArgumentError);
  });

  test("a fetch that resolves to something that is not a Response, refused without a retry", async () => {
    let calls = 0;
    const client = clientWith(async () => {
      calls++;
      return { status: 200 } as unknown as Response;
    });
    const error = await rejectionOf(client.listSessions(), RealtimeKitArgumentError);
    expect([error.argument, calls]).toEqual(["fetch", 1]);
  });

  test("iterators refuse at their first next(), never with a synchronous throw", async () => {
    const client = untyped(clientWith(async () => json(SESSIONS)));
    const sessions = client.iterateSessions?.(null) as unknown as AsyncGenerator;
    const participants = client.iterateParticipants?.(SESSION, {}, null) as unknown as AsyncGenerator;
    await rejectionOf(sessions.next(), RealtimeKitArgumentError);
    await rejectionOf(participants.next(), RealtimeKitArgumentError);
  });
});

test("7. a short token is redacted where it stands alone, without garbling the message", async () => {
  const client = createSessionsClient({
    apiToken: "t",
    accountId: ACCOUNT,
    appId: APP,
    fetch: async (request) =>
      json(
        {
          success: false,
          error: {
            code: 404,
            message: `No session found with id x; got token ${request.headers.get("authorization")?.slice(7)}`,
          },
        },
        { status: 404 },
      ),
  });
  const error = await rejectionOf(client.getSession("x"), RealtimeKitApiError);
  expect(error.message).toBe(
    "getSession: the API answered HTTP 404: No session found with id x; got token [redacted] (code 404)",
  );
  expect(error.errors[0]?.message).toBe("No session found with id x; got token [redacted]");
});

test("8. a runtime that refuses the network: final at once, naming the permission", async () => {
  let calls = 0;
  const client = clientWith(async () => {
    calls++;
    throw Object.assign(
      new Error('Requires net access to "api.cloudflare.com:443", run again with the --allow-net flag'),
      { name: "NotCapable" },
    );
  });
  const error = await rejectionOf(client.listSessions(), RealtimeKitConnectionError);
  expect(calls).toBe(1);
  expect(error.message).toContain("--allow-net");
});

test("9. a download link that redirects is followed, without credentials", async () => {
  const seen: { url: string; authorization: string | null; redirect: RequestRedirect }[] = [];
  const client = clientWith(async (request) => {
    seen.push({ url: request.url, authorization: request.headers.get("authorization"), redirect: request.redirect });
    if (request.url.includes("/summary")) {
      return json({
        success: true,
        data: {
          sessionId: SESSION,
          summaryDownloadUrl: "https://files.example.test/s.md",
          summaryDownloadUrlExpiry: "2999-01-01T00:00:00Z",
        },
      });
    }
    return new Response("# Summary");
  });
  expect(await createDownloads(client).downloadSummary(SESSION)).toBe("# Summary");
  expect(seen.at(-1)).toEqual({ url: "https://files.example.test/s.md", authorization: null, redirect: "follow" });
  expect(seen[0]?.redirect).toBe("manual");
});

test("a download link that is not a URL stays a format error", async () => {
  const client = clientWith(async () =>
    json({ success: true, data: { chat_download_url: "not a url", chat_download_url_expiry: "2999-01-01T00:00:00Z" } }),
  );
  const walk = async () => {
    for await (const _ of createDownloads(client).downloadChat(SESSION));
  };
  await rejectionOf(walk(), RealtimeKitFormatError);
});

test("10. the README's error table names waitForSummary's limit by its option, maxWaitMs", async () => {
  const { readFile } = await import("node:fs/promises");
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const row = readme.split("\n").find((line) => line.startsWith("| `RealtimeKitTimeoutError`"));
  expect(row).toContain("`waitForSummary` its `maxWaitMs`");
  const options: Parameters<ReturnType<typeof createDownloads>["waitForSummary"]>[1] = { maxWaitMs: 1 };
  expect(options).toEqual({ maxWaitMs: 1 });
});

describe("10. no call leaves a listener on the caller's signal once it settles, however it ends", () => {
  const endings: [string, Fetch, SessionsClientOptions, (controller: AbortController) => void][] = [
    ["answered", async () => json(SESSIONS), {}, () => {}],
    ["refused by the API", async () => json({ success: false }, { status: 404 }), {}, () => {}],
    [
      "aborted during a retry wait",
      async () => new Response(null, { status: 503 }),
      { retryDelayMs: 60_000 },
      (controller) => setImmediate(() => controller.abort()),
    ],
    [
      "aborted during a retry wait, under a deadline",
      async () => new Response(null, { status: 503 }),
      { retryDelayMs: 60_000, deadlineMs: 120_000 },
      (controller) => setImmediate(() => controller.abort()),
    ],
    [
      "timed out",
      (request) => new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(new Error("x")))),
      { timeoutMs: 5, retries: 0 },
      () => {},
    ],
  ];
  test.each(endings)("%s", async (_, fetch, options, act) => {
    const controller = new AbortController();
    const client = clientWith(fetch, options);

    const settled = client.listSessions({}, { signal: controller.signal }).then(
      () => "resolved",
      (error: Error) => error.name,
    );
    act(controller);
    await settled;

    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
