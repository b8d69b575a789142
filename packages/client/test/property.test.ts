// The client under generated input: any JavaScript value as an argument or option, strings
// with lone surrogates and control characters, extreme numbers; servers answering any status,
// content type and body (truncated, deeply nested, huge, endless, echoing the credentials);
// fetch functions that ignore the signal, throw, or resolve to something else. Whatever comes,
// every call settles by its deadline, fails only with a RealtimeKitError, resolves only to its
// declared type, and no rendering of an error shows the token.
import { inspect } from "node:util";
import { ACCOUNT, APP, captureTimers, SESSION } from "@realtimekit-sessions/test-kit";
import fc from "fast-check";
import { expect, test } from "vitest";
import { createDownloads } from "../src/downloads.js";
import {
  type ApiPromise,
  createSessionsClient,
  RealtimeKitApiError,
  RealtimeKitError,
  type SessionsClient,
  type WithResponse,
} from "../src/index.js";

const TOKEN = "property-secret-token-5f2a9c";
const DEADLINE_MS = 150;
/** Turns of the event loop a call may take to settle once its deadline has passed (no time passes in them). */
const SETTLING_TURNS = 200;

const strings = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("\uD800", "a\uDC00", "\u0000", "\r\n", "../x", "%2F", "é", SESSION, "", " "),
);
const anything = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 2 }) },
  { weight: 3, arbitrary: strings },
  fc.constantFrom(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 1e308, 2 ** 53 + 1, 1.5, [], {}),
  fc.record(
    {
      page_no: fc.oneof(fc.integer(), fc.double(), fc.constant(null)),
      per_page: fc.oneof(fc.integer(), fc.double()),
      search: strings,
      filters: fc.oneof(
        fc.constant(null),
        fc.constant(5),
        fc.constant({}),
        fc.constantFrom("events", "events,device_info", "bogus"),
      ),
      format: fc.constantFrom("CSV", "JSON", "SRT", "VTT", "csv", ""),
      headers: fc.oneof(fc.constant(null), fc.dictionary(strings, strings, { maxKeys: 2 })),
      signal: fc.oneof(fc.constant(null), fc.constant(5)),
      accountId: strings,
      timeoutMs: fc.oneof(fc.integer(), fc.double()),
      deadlineMs: fc.oneof(fc.integer(), fc.double()),
    },
    { requiredKeys: [] },
  ),
);

const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

/** A body for a 2xx answer of any operation: sometimes right, mostly not. */
const bodies = fc.oneof(
  fc.constantFrom(
    JSON.stringify({ success: true, data: { sessions: [{ id: SESSION }], paging: { total_count: 1 } } }),
    JSON.stringify({ success: true, data: { sessions: [true, 1, null] } }),
    JSON.stringify({ success: true, data: { participants: ["x"] } }),
    JSON.stringify({ success: true, data: { id: SESSION, participant: { id: SESSION } } }),
    JSON.stringify({
      success: true,
      data: {
        sessionId: SESSION,
        chat_download_url: "http://127.0.0.1:1/x",
        chat_download_url_expiry: "2999-01-01T00:00:00Z",
      },
    }),
    JSON.stringify({ success: false, errors: [{ code: 1, message: `bad token ${TOKEN}` }] }),
    `{"success":false,"errors":[{"code":1,"message":${deep(20_000)}}]}`,
    `{"success":true,"data":{"sessions":[${deep(20_000)}]}}`,
    deep(20_000),
    '{"success":true,"data":{"sess',
    `<html>${"x".repeat(100_000)}</html>`,
    "",
  ),
  fc.json({ maxDepth: 3 }),
);

type Fetch = (request: Request) => Promise<Response>;

/** A server, or a fetch, that misbehaves in one generated way. */
const servers: fc.Arbitrary<{ name: string; fetch: Fetch }> = fc.oneof(
  fc
    .record({
      status: fc.integer({ min: 200, max: 599 }),
      type: fc.constantFrom("application/json", "text/html", "text/plain", ""),
      body: bodies,
      echo: fc.boolean(),
    })
    .map(({ status, type, body, echo }) => ({
      name: `HTTP ${status} ${type} ${body.slice(0, 40)}${echo ? " echoing the token" : ""}`,
      fetch: async (request: Request) =>
        new Response([101, 103, 204, 205, 304].includes(status) ? null : body, {
          status,
          headers: {
            ...(type ? { "content-type": type } : {}),
            ...(echo ? { "x-echo": request.headers.get("authorization") ?? "" } : {}),
          },
        }),
    })),
  fc.constantFrom(
    { name: "a fetch that never settles and ignores its signal", fetch: () => new Promise<Response>(() => {}) },
    {
      name: "a body that never ends",
      fetch: async () =>
        new Response(
          new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"a":')) }),
        ),
    },
    {
      name: "a fetch that throws",
      fetch: () => {
        throw new TypeError("fetch exploded");
      },
    },
    {
      name: "a fetch that quotes the request's headers",
      fetch: async (request: Request) => {
        throw Object.assign(new Error(`refused ${request.headers.get("authorization")}`), {
          headers: Object.fromEntries(request.headers),
        });
      },
    },
    {
      name: "a body that trickles in, a byte at a time, past any deadline",
      fetch: async () =>
        new Response(
          new ReadableStream({
            async pull(controller) {
              await new Promise((resolve) => setTimeout(resolve, 20));
              controller.enqueue(new TextEncoder().encode(" "));
            },
          }),
        ),
    },
    {
      name: "a connection reset half-way through the body",
      fetch: async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"success":true,"data":{"sessions":['));
              controller.error(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }));
            },
          }),
        ),
    },
    {
      name: "a connection reset before any answer",
      fetch: async () => {
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
        });
      },
    },
    { name: "a fetch that resolves to a plain object", fetch: async () => ({ status: 200 }) as unknown as Response },
    { name: "a fetch that resolves to null", fetch: async () => null as unknown as Response },
    {
      name: "a runtime that refuses the network",
      fetch: async () => {
        throw Object.assign(new Error('Requires net access to "api.cloudflare.com:443"'), { name: "NotCapable" });
      },
    },
  ),
);

const METHODS = [
  "listSessions",
  "iterateSessions",
  "getSession",
  "listParticipants",
  "iterateParticipants",
  "getParticipant",
  "getPeerReport",
  "getChatDownload",
  "getTranscriptDownload",
  "generateSummary",
  "getSummaryDownload",
  "downloadChat",
  "downloadChatRecords",
  "downloadTranscript",
  "downloadTranscriptRecords",
  "downloadSummary",
  "downloadFile",
  "waitForSummary",
] as const;

/** Runs one method with `args` to its end: iterators and downloads drained, a few items at most. */
async function exercise(fetch: Fetch, method: (typeof METHODS)[number], args: unknown[], retries: number) {
  const client = createSessionsClient({
    apiToken: TOKEN,
    accountId: ACCOUNT,
    appId: APP,
    fetch,
    retries,
    retryDelayMs: 1,
    timeoutMs: 100,
    deadlineMs: DEADLINE_MS,
  });
  const downloads = createDownloads(client);
  // waitForSummary is bounded by its maxWaitMs rather than by one call's deadline.
  const given =
    method === "waitForSummary" && typeof args[1] === "object" && args[1] !== null && !Array.isArray(args[1])
      ? [args[0], { ...args[1], maxWaitMs: DEADLINE_MS, pollIntervalMs: 10 }, ...args.slice(2)]
      : method === "waitForSummary"
        ? [args[0], { maxWaitMs: DEADLINE_MS, pollIntervalMs: 10 }]
        : args;
  const call = (target: object, name: string) =>
    (target as Record<string, (...values: unknown[]) => unknown>)[name]?.(...given);
  const result =
    method.startsWith("download") || method === "waitForSummary" ? call(downloads, method) : call(client, method);
  if (result && typeof result === "object" && Symbol.asyncIterator in result) {
    const items: unknown[] = [];
    for await (const item of result as AsyncIterable<unknown>) if (items.push(item) >= 5) break;
    return items;
  }
  return await (result as Promise<unknown>);
}

/** The declared type of each method's result, as far as a value can show it. */
function checkType(method: (typeof METHODS)[number], value: unknown) {
  const isObject = (item: unknown) => typeof item === "object" && item !== null && !Array.isArray(item);
  if (method === "iterateSessions" || method === "iterateParticipants" || method === "downloadChat") {
    expect(Array.isArray(value) && value.every(isObject)).toBe(true);
  } else if (method === "listSessions") {
    expect((value as { sessions: unknown[] }).sessions.every(isObject)).toBe(true);
  } else if (method === "listParticipants") {
    expect((value as { participants: unknown[] }).participants.every(isObject)).toBe(true);
  } else if (method === "downloadSummary" || method === "waitForSummary") {
    expect(typeof value).toBe("string");
  } else if (method === "downloadChatRecords" || method === "downloadFile") {
    expect(Array.isArray(value)).toBe(true);
  } else if (method !== "downloadTranscript" && method !== "downloadTranscriptRecords") {
    expect(isObject(value)).toBe(true);
  }
}

function renderings(error: RealtimeKitError): string[] {
  const shown = [error, error.cause, error instanceof RealtimeKitApiError ? error.response : undefined];
  return shown.flatMap((value) => [
    String(value),
    (value as Error | undefined)?.stack ?? "",
    JSON.stringify(value) ?? "",
    inspect(value, { depth: 6 }),
  ]);
}

test("any argument, any server, any fetch: settles by its deadline, only RealtimeKitErrors, declared types, no token", async () => {
  await fc.assert(
    fc.asyncProperty(
      servers,
      fc.constantFrom(...METHODS),
      fc.array(anything, { maxLength: 4 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 2 }),
      async (server, method, generated, plausible, retries) => {
        // Half the runs call with ids that pass, so the server's half of the space is reached.
        const args = plausible ? [SESSION, ...generated.slice(1)] : generated;
        // On captured timers: the deadline is virtual, so a busy machine cannot stretch it. A
        // call settles once its deadline's time has passed and the event loop has run its
        // course; it may not need any more time than that.
        using timers = captureTimers();
        let outcome: { value: unknown } | { error: unknown } | undefined;
        const running = exercise(server.fetch, method, args, retries).then(
          (value) => {
            outcome = { value };
          },
          (error: unknown) => {
            outcome = { error };
          },
        );
        const context = `${method}(${inspect(args, { depth: 2 }).slice(0, 200)}) against ${server.name}`;
        // The deadline bounds each call; an iterator makes a call per page.
        const calls = method.startsWith("iterate") ? 6 : 1;
        await timers.advance(DEADLINE_MS * calls + 1);
        for (let turn = 0; outcome === undefined && turn < SETTLING_TURNS; turn++) {
          await new Promise((resolve) => setImmediate(resolve));
        }
        expect(outcome, `${context}: still running once its deadline passed`).toBeDefined();
        await running;
        const settled = outcome as { value: unknown } | { error: unknown };
        if ("error" in settled) {
          expect(settled.error, `${context}: ${inspect(settled.error).slice(0, 400)}`).toBeInstanceOf(RealtimeKitError);
          for (const text of renderings(settled.error as RealtimeKitError)) expect(text, context).not.toContain(TOKEN);
        } else {
          checkType(method, settled.value);
        }
      },
    ),
    { seed: 20261130, numRuns: 400 },
  );
});

/** Servers that mostly answer 2xx, with the rate-limit headers Cloudflare sends: enough successes to compare. */
const answers: fc.Arbitrary<{ name: string; fetch: Fetch }> = fc
  .record({ status: fc.oneof(fc.constant(200), fc.integer({ min: 200, max: 599 })), body: bodies })
  .map(({ status, body }) => ({
    name: `HTTP ${status} ${body.slice(0, 40)}`,
    fetch: async () =>
      new Response([204, 205, 304].includes(status) ? null : body, {
        status,
        headers: { "content-type": "application/json", ratelimit: '"default";r=49;t=30' },
      }),
  }));

const AWAITED: [method: string, call: (client: SessionsClient) => ApiPromise<unknown>][] = [
  ["getSession", (client) => client.getSession(SESSION)],
  ["listSessions", (client) => client.listSessions()],
  ["listParticipants", (client) => client.listParticipants(SESSION)],
  ["getParticipant", (client) => client.getParticipant(SESSION, SESSION)],
];

test("awaited or opened with .withResponse(), a call settles the same way, from one request", async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(answers, servers), fc.constantFrom(...AWAITED), async (server, [method, call]) => {
      let sent = 0;
      const client = createSessionsClient({
        apiToken: TOKEN,
        accountId: ACCOUNT,
        appId: APP,
        fetch: (request) => {
          sent++;
          return server.fetch(request);
        },
        retries: 0,
        timeoutMs: 100,
        deadlineMs: DEADLINE_MS,
      });
      const promise = call(client);
      const [plain, opened] = await Promise.allSettled([promise, promise.withResponse()]);
      const context = `${method} against ${server.name}`;
      expect(sent, context).toBe(1);
      if (plain.status === "fulfilled") {
        expect(opened.status, context).toBe("fulfilled");
        const { data, response, rateLimit } = (opened as PromiseFulfilledResult<WithResponse<unknown>>).value;
        expect(data, context).toBe(plain.value);
        expect(response.ok, context).toBe(true);
        expect(rateLimit, context).toEqual({ remaining: 49, reset: 30, limit: undefined, window: undefined });
      } else {
        expect(opened.status, context).toBe("rejected");
        expect((opened as PromiseRejectedResult).reason, context).toBe(plain.reason);
        expect(plain.reason, context).toBeInstanceOf(RealtimeKitError);
      }
    }),
    { seed: 20261201, numRuns: 200 },
  );
});
