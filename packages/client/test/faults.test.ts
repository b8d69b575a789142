// The client against a server that misbehaves on command (fault-server.mjs, a child process).
// Each test asserts the exact outcome, what the server saw, and that nothing is left open
// once the call has settled: no timer, no socket in use.
import { createHook } from "node:async_hooks";
import { type ChildProcess, fork } from "node:child_process";
import { ACCOUNT, APP, aSession, captureTimers, SESSION } from "@realtimekit-sessions/test-kit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createDownloads,
  RealtimeKitDownloadError,
  RealtimeKitFormatError,
  RealtimeKitSummaryNotReadyError,
} from "../src/downloads.js";
import {
  createSessionsClient,
  RealtimeKitAbortError,
  RealtimeKitApiError,
  RealtimeKitConnectionError,
  RealtimeKitError,
  RealtimeKitTimeoutError,
  type SessionsClient,
  type SessionsClientOptions,
} from "../src/index.js";
import { createRawClient } from "../src/raw.js";
import { CHAT_ROWS, HEADERLESS_TRANSCRIPT_ROWS, JSON_TRANSCRIPT_ROWS, SRT_TRANSCRIPT } from "./expected.js";

const TOKEN = "fault-test-token-7f3a";

interface Hit {
  origin: "api" | "other";
  run: string;
  scenario: string;
  attempt: number;
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  at: number;
}

let server: ChildProcess;
let origins: { api: string; other: string };
const hits: Hit[] = [];
let runs = 0;

beforeAll(async () => {
  server = fork(new URL("./fault-server.mjs", import.meta.url), {
    stdio: "inherit",
    env: { ...process.env, FAULT_SESSION: JSON.stringify(aSession()) },
  });
  origins = await new Promise((resolve) => {
    server.on("message", (message: Hit | { ready: true; api: string; other: string }) => {
      if ("ready" in message) resolve(message);
      else hits.push(message);
    });
  });
});

afterAll(() => {
  server.kill();
});

/** A client whose requests play `scenario` on the fault server, and the requests it made. */
function play(scenario: string, options: SessionsClientOptions = {}) {
  const run = `run${++runs}`;
  const client = createSessionsClient({
    apiToken: TOKEN,
    accountId: ACCOUNT,
    appId: APP,
    baseUrl: `${origins.api}/${scenario}/${run}`,
    retryDelayMs: 10,
    ...options,
  });
  return { client, run, seen: () => hits.filter((hit) => hit.run === run) };
}

type Outcome<T> = { value: T; error?: undefined } | { value?: undefined; error: unknown };

/**
 * Follows the timers and sockets created until `stopRecording()`, and their end after it;
 * `open()` lists those still holding the process open (ref'd, not yet destroyed). Idle
 * keep-alive sockets are unref'd, so a pooled connection is not a leak; a pending timer or a
 * socket still in use is.
 */
function track() {
  const live = new Map<number, { type: string; resource: { hasRef?: () => boolean } }>();
  let recording = true;
  const hook = createHook({
    init(asyncId, type, _trigger, resource) {
      if (recording && (type === "Timeout" || type === "TCPWRAP")) live.set(asyncId, { type, resource });
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  }).enable();
  return {
    stopRecording: () => {
      recording = false;
    },
    open: () => [...live.values()].filter(({ resource }) => resource.hasRef?.() ?? true).map(({ type }) => type),
    stop: () => hook.disable(),
  };
}

// The real setTimeout, kept for the test's own waits while a test captures the client's timers.
const realSetTimeout = setTimeout;
const pause = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));

/**
 * Polls `check` every 10 ms until it holds or `ms` have passed: an outcome awaited, not a
 * duration asserted, so the bound is generous (a passing run never comes near it).
 */
async function until(check: () => boolean, ms = 30_000): Promise<boolean> {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) return false;
    await pause(10);
  }
  return true;
}

/**
 * Plays a call whose client waits before retrying, with timers captured: waits until the
 * client asks to wait a time `isTheWait` takes (the HTTP stack asks for timers of its own),
 * then moves time on by it instead of sleeping.
 */
async function retriedAfter<T>(
  call: () => Promise<T>,
  seen: () => Hit[],
  isTheWait: (ms: number) => boolean,
): Promise<Outcome<T>> {
  using timers = captureTimers();
  // Awaited here: `using` gives the timers back when this function returns.
  return await settle(async () => {
    const pending = call();
    // Settled by settle(); it may fail while time is moved on, before anything awaits it.
    pending.catch(() => {});
    expect(await until(() => seen().length === 1)).toBe(true);
    expect(await until(() => timers.delays().some(isTheWait)), `delays asked for: ${timers.delays()}`).toBe(true);
    await timers.advance(timers.delays().find(isTheWait) ?? 0);
    return pending;
  });
}

/**
 * Runs `call` and waits for it to settle, then checks that it left nothing open: a closing
 * socket gets a moment to finish, but nothing may stay. The server's report of the last
 * request travels on another channel, so that gets a moment to arrive too.
 */
async function settle<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  const tracker = track();
  const outcome = await call().then(
    (value): Outcome<T> => ({ value }),
    (error: unknown): Outcome<T> => ({ error }),
  );
  tracker.stopRecording();
  await until(() => tracker.open().length === 0, 5_000);
  const leaks = tracker.open();
  tracker.stop();
  expect(leaks, "timers or sockets left open after the call settled").toEqual([]);
  await pause(25);
  return outcome;
}

describe("retries", () => {
  test("retries a 429 after its Retry-After in seconds", async () => {
    const { client, seen } = play("429-retry-after-seconds");
    const { value, error } = await retriedAfter(
      () => client.listSessions(),
      seen,
      (ms) => ms === 1000,
    );
    expect(error).toBeUndefined();
    expect(value?.sessions).toHaveLength(1);
    expect(seen().map((hit) => hit.attempt)).toEqual([1, 2]);
  });

  test("retries a 429 after its Retry-After as an HTTP date", async () => {
    // The server asks for two seconds from its clock, in whole seconds: one to two from ours.
    const { client, seen } = play("429-retry-after-date");
    const { value, error } = await retriedAfter(
      () => client.listSessions(),
      seen,
      (ms) => ms > 900 && ms <= 2000,
    );
    expect(error).toBeUndefined();
    expect(value?.sessions).toHaveLength(1);
  });

  test("retries a 429 after its retry-after-ms", async () => {
    const { client, seen } = play("429-retry-after-ms");
    const { value, error } = await retriedAfter(
      () => client.listSessions(),
      seen,
      (ms) => ms === 150,
    );
    expect(error).toBeUndefined();
    expect(value?.sessions).toHaveLength(1);
    expect(seen()).toHaveLength(2);
  });

  test("caps a long Retry-After at maxRetryDelayMs", async () => {
    const { client, seen } = play("429-retry-after-long", { retries: 1, maxRetryDelayMs: 50 });
    // The server asks for an hour; the client waits 50 ms, on its captured timers.
    const { error } = await retriedAfter(
      () => client.listSessions(),
      seen,
      (ms) => ms === 50,
    );
    expect(error).toBeInstanceOf(RealtimeKitApiError);
    expect(error).toMatchObject({ status: 429, attempts: 2 });
  });

  test("reports a 429 with an empty body after the last retry", async () => {
    const { client, seen } = play("429-empty");
    const { error } = await settle(() => client.listSessions());
    expect(error).toBeInstanceOf(RealtimeKitApiError);
    expect((error as Error).message).toBe("listSessions: the API answered HTTP 429: an empty body (after 3 attempts)");
    expect(seen()).toHaveLength(3);
  });

  test("recovers from a 503", async () => {
    const { client, seen } = play("503-then-ok");
    const { value } = await settle(() => client.getSession(SESSION));
    expect(value).toMatchObject({ id: SESSION, status: "ENDED" });
    expect(seen()).toHaveLength(2);
  });

  test("recovers from a 408", async () => {
    const { client, seen } = play("408-then-ok");
    const { value, error } = await settle(() => client.listSessions());
    expect(error).toBeUndefined();
    expect(value?.sessions).toHaveLength(1);
    expect(seen()).toHaveLength(2);
  });

  test("reports the last error and the attempt count when retries run out", async () => {
    const { client, seen } = play("503-always");
    const { error } = await settle(() => client.listSessions());
    expect(error).toBeInstanceOf(RealtimeKitApiError);
    expect(error).toMatchObject({ status: 503, attempts: 3, errors: [{ code: 503, message: "Service unavailable" }] });
    expect((error as Error).message).toBe(
      "listSessions: the API answered HTTP 503: Service unavailable (code 503) (after 3 attempts)",
    );
    expect(seen()).toHaveLength(3);
  });

  test("honours retries set per call, and 0 turns retrying off", async () => {
    const once = play("503-always", { retries: 5 });
    expect((await settle(() => once.client.listSessions({}, { retries: 0 }))).error).toMatchObject({ attempts: 1 });
    expect(once.seen()).toHaveLength(1);
  });

  test.each(["401", "403", "501"])("never retries a %s", async (status) => {
    const { client, seen } = play(status);
    const { error } = await settle(() => client.listSessions());
    expect(error).toMatchObject({ status: Number(status), attempts: 1 });
    expect(seen()).toHaveLength(1);
  });

  test("does not retry the summary POST unless the call opts in", async () => {
    const plain = play("503-always");
    expect((await settle(() => plain.client.generateSummary(SESSION))).error).toMatchObject({
      status: 503,
      attempts: 1,
    });
    expect(plain.seen()).toHaveLength(1);

    const optedIn = play("503-always");
    const { error } = await settle(() => optedIn.client.generateSummary(SESSION, { retries: 1 }));
    expect(error).toMatchObject({ status: 503, attempts: 2 });
    expect(optedIn.seen().map((hit) => hit.method)).toEqual(["POST", "POST"]);
  });
});

describe("bodies the client cannot use", () => {
  test("reports a 500 with an HTML body, quoting it", async () => {
    const { client } = play("500-html", { retries: 1 });
    const { error } = await settle(() => client.listSessions());
    expect(error).toBeInstanceOf(RealtimeKitApiError);
    expect((error as Error).message).toBe(
      'listSessions: the API answered HTTP 500: a non-JSON body (text/html): "<html><body><h1>500 Internal Server Error</h1><p>cloudflare</p></body></html>" (after 2 attempts)',
    );
  });

  test("reports a 502 with an empty body", async () => {
    const { client } = play("502-empty", { retries: 0 });
    const { error } = await settle(() => client.listSessions());
    expect((error as Error).message).toBe("listSessions: the API answered HTTP 502: an empty body");
  });

  test("rejects a 200 whose body is not JSON, without retrying", async () => {
    const { client, seen } = play("200-not-json");
    const { error } = await settle(() => client.listSessions());
    expect(error).toBeInstanceOf(RealtimeKitApiError);
    expect(error).toMatchObject({ status: 200, attempts: 1 });
    expect((error as Error).message).toBe(
      'listSessions: the API answered HTTP 200: a non-JSON body (text/html): "<html>Under maintenance</html>"',
    );
    expect(seen()).toHaveLength(1);
  });

  test("rejects a 200 with truncated JSON", async () => {
    const { client } = play("200-truncated-json");
    const { error } = await settle(() => client.listSessions());
    expect(error).toMatchObject({ status: 200, attempts: 1 });
    expect((error as Error).message).toContain("a non-JSON body (application/json)");
  });

  test("reads the Cloudflare envelope", async () => {
    const { client } = play("400-cloudflare");
    const { error } = await settle(() => client.listSessions());
    expect(error).toMatchObject({
      status: 400,
      attempts: 1,
      errors: [{ code: 7003, message: "Could not route to /accounts, perhaps your object identifier is invalid?" }],
    });
  });

  test("reads the RealtimeKit envelope", async () => {
    const { client } = play("404-realtimekit");
    const { error } = await settle(() => client.getSession(SESSION));
    expect(error).toMatchObject({
      status: 404,
      code: 404,
      errors: [{ code: 404, message: "No session found with id 8d5a4b6e" }],
    });
  });
});

describe("connections and time", () => {
  test("reports a connection reset before the headers, after retrying", async () => {
    const { client, seen } = play("reset-before-headers");
    const { error } = await settle(() => client.listSessions());
    expect(error).toBeInstanceOf(RealtimeKitConnectionError);
    expect(error).toMatchObject({ attempts: 3 });
    expect((error as Error).message).toMatch(/^listSessions: the connection failed \(.+\) \(after 3 attempts\)$/);
    expect(seen()).toHaveLength(3);
  });

  test("recovers from a connection reset in the middle of the body", async () => {
    const { client, seen } = play("reset-mid-body-then-ok");
    const { value } = await settle(() => client.listSessions());
    expect(value?.sessions).toHaveLength(1);
    expect(seen()).toHaveLength(2);
  });

  test("times out when the headers never come", async () => {
    const { client, seen } = play("headers-never", { timeoutMs: 200, retries: 0 });
    const { error } = await settle(() => client.listSessions());
    expect(error).toBeInstanceOf(RealtimeKitTimeoutError);
    expect((error as Error).message).toBe("listSessions: no complete answer within 200 ms");
    expect(seen()).toHaveLength(1);
  });

  test("times out when the body stalls half-way, each attempt on its own clock", async () => {
    const { client, seen } = play("body-stalls", { retries: 1 });
    const { error } = await settle(() => client.listSessions({}, { timeoutMs: 150 }));
    expect(error).toBeInstanceOf(RealtimeKitTimeoutError);
    expect(error).toMatchObject({ attempts: 2 });
    expect(seen()).toHaveLength(2);
  });

  test("stops at once when the caller aborts during the wait before a retry", async () => {
    const { client, seen } = play("429-retry-after-long", { maxRetryDelayMs: 60_000 });
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    const { error } = await settle(async () => {
      const call = client.listSessions({}, { signal: controller.signal });
      await until(() => seen().length === 1);
      controller.abort(reason);
      return call;
    });
    expect(error).toBeInstanceOf(RealtimeKitAbortError);
    expect(error).toMatchObject({ attempts: 1, cause: reason });
    expect(seen()).toHaveLength(1);
  });

  test("does not send anything when the signal has already fired", async () => {
    const { client, seen } = play("ok");
    const { error } = await settle(() => client.listSessions({}, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(RealtimeKitAbortError);
    expect(seen()).toHaveLength(0);
  });
});

describe("credentials stay with the API", () => {
  test("does not follow a redirect to another host", async () => {
    const { client, run, seen } = play("redirect-other-host");
    const { error } = await settle(() => client.listSessions());
    expect(error).toBeInstanceOf(RealtimeKitApiError);
    // Where it pointed, without the query (a signed link's signature).
    expect((error as Error).message).toMatch(
      /^listSessions: the API answered HTTP 302: a redirect to "http:\/\/localhost:\d+\/redirect-other-host\/run\d+\/accounts\/\w+\/realtime\/kit\/\w+\/sessions", not followed with credentials$/,
    );
    expect(seen().map((hit) => hit.origin)).toEqual(["api"]);
    expect(hits.filter((hit) => hit.origin === "other" && hit.run === run)).toEqual([]);
  });

  test("sends the legacy email and key instead of a token when given them", async () => {
    const { client, seen } = play("ok", {
      apiToken: undefined,
      apiEmail: "dev@example.com",
      apiKey: "global-key-1234",
    });
    await settle(() => client.listSessions());
    expect(seen()[0]?.headers).toMatchObject({ "x-auth-email": "dev@example.com", "x-auth-key": "global-key-1234" });
    expect(seen()[0]?.headers.authorization).toBeUndefined();
  });

  test("identifies itself with a User-Agent", async () => {
    const { client, seen } = play("ok");
    await settle(() => client.listSessions());
    expect(seen()[0]?.headers["user-agent"]).toMatch(/^realtimekit-sessions-client\/\d+\.\d+\.\d+/);
  });

  test("sends through a custom fetch, with the client's headers and a call's own", async () => {
    const fetched: string[] = [];
    const { client, seen } = play("ok", {
      headers: { "x-trace": "t-1" },
      fetch: (request) => {
        fetched.push(request.method);
        return fetch(request);
      },
    });
    await settle(() => client.listSessions({}, { headers: { "x-call": "c-1" } }));
    expect(fetched).toEqual(["GET"]);
    expect(seen()[0]?.headers).toMatchObject({ "x-trace": "t-1", "x-call": "c-1", authorization: `Bearer ${TOKEN}` });
  });

  test("runs openapi-fetch middleware on the raw client, with the same base URL and credentials", async () => {
    const run = `run${++runs}`;
    const raw = createRawClient({
      apiToken: TOKEN,
      baseUrl: `${origins.api}/ok/${run}`,
      middleware: [
        {
          onRequest: ({ request }) => {
            request.headers.set("x-trace", "t-1");
            return request;
          },
        },
      ],
    });
    const { value } = await settle(() =>
      raw.GET("/accounts/{account_id}/realtime/kit/{app_id}/sessions", {
        params: { path: { account_id: ACCOUNT, app_id: APP } },
      }),
    );
    expect(value?.response.status).toBe(200);
    const [hit] = hits.filter((candidate) => candidate.run === run);
    expect(hit?.headers).toMatchObject({ "x-trace": "t-1", authorization: `Bearer ${TOKEN}` });
  });
});

describe("pagination", () => {
  test("walks every page and stops after the last", async () => {
    const { client, seen } = play("pages");
    const { value } = await settle(async () => {
      const ids: string[] = [];
      for await (const session of client.iterateSessions({ per_page: 2 })) ids.push(session.id);
      return ids;
    });
    expect(value).toEqual(["session-1", "session-2", "session-3", "session-4", "session-5"]);
    expect(seen().map((hit) => new URL(hit.path, "http://x").searchParams.get("page_no"))).toEqual(["1", "2", "3"]);
  });

  test("fetches the next page while the caller works on the current one", async () => {
    const { client, seen } = play("pages");
    const { value } = await settle(async () => {
      const iterator = client.iterateSessions({ per_page: 2 });
      await iterator.next();
      expect(await until(() => seen().length === 2)).toBe(true);
      await iterator.return();
      return seen().length;
    });
    expect(value).toBe(2);
  });

  test("cancels the page in flight when the caller stops early", async () => {
    const { client, seen } = play("held-pages");
    const { value } = await settle(async () => {
      for await (const session of client.iterateSessions({ per_page: 2 })) {
        await until(() => seen().length === 2);
        return session.id;
      }
      return undefined;
    });
    expect(value).toBe("session-1");
    expect(seen()).toHaveLength(2);
  });

  test("refuses to loop when the server repeats a page", async () => {
    const { client, seen } = play("same-page");
    const { error } = await settle(async () => {
      for await (const _ of client.iterateSessions()) {
        // keep going
      }
    });
    expect(error).toBeInstanceOf(RealtimeKitError);
    expect((error as Error).message).toBe("page 2 repeats page 1: stopped rather than loop");
    expect(seen()).toHaveLength(2);
  });
});

describe("downloads", () => {
  test("renews an expired link once, and fetches files without credentials", async () => {
    const { client, run, seen } = play("chat-expired-then-fresh");
    const { value } = await settle(async () => {
      const rows = [];
      for await (const row of createDownloads(client).downloadChat(SESSION)) rows.push(row);
      return rows;
    });
    expect(value).toEqual(CHAT_ROWS);
    const storage = hits.filter((hit) => hit.origin === "other" && hit.run === run);
    expect(storage.map((hit) => hit.scenario)).toEqual(["expired", "chat"]);
    for (const hit of storage) {
      expect(hit.headers.authorization).toBeUndefined();
      expect(hit.headers["x-auth-key"]).toBeUndefined();
      expect(JSON.stringify(hit.headers)).not.toContain(TOKEN);
    }
    expect(seen().filter((hit) => hit.origin === "api")).toHaveLength(2);
  });

  test("gives up when the renewed link is refused too", async () => {
    const { client } = play("chat-always-expired");
    const { error } = await settle(async () => {
      for await (const _ of createDownloads(client).downloadChat(SESSION)) {
        // drain
      }
    });
    expect(error).toBeInstanceOf(RealtimeKitDownloadError);
    expect((error as Error).message).toBe(
      "downloadChat: the storage host answered HTTP 403 for the download link, also after it was renewed",
    );
  });

  test("says a summary is not ready yet with its own error", async () => {
    const { client } = play("summary-never-ready");
    const { error } = await settle(() => createDownloads(client).downloadSummary(SESSION));
    expect(error).toBeInstanceOf(RealtimeKitSummaryNotReadyError);
    expect(error).toMatchObject({ status: 404 });
  });

  test("waits for a summary: generates it, then polls until it is ready", async () => {
    const { client, run, seen } = play("summary-ready-third-time");
    const { value } = await settle(() => createDownloads(client).waitForSummary(SESSION, { pollIntervalMs: 20 }));
    expect(value).toMatch(/^## Meeting Summary\n\n### Key Discussion Points\n/);
    expect(value).toContain("- Delayed analytics dashboard to next sprint");
    expect(
      seen()
        .filter((hit) => hit.origin === "api")
        .map((hit) => hit.method),
    ).toEqual(["GET", "POST", "GET", "GET"]);
    expect(hits.filter((hit) => hit.origin === "other" && hit.run === run).map((hit) => hit.scenario)).toEqual([
      "summary",
    ]);
  });

  test("stops waiting for a summary at its timeout", async () => {
    const { client } = play("summary-never-ready");
    const { error } = await settle(() =>
      createDownloads(client).waitForSummary(SESSION, { maxWaitMs: 200, pollIntervalMs: 20 }),
    );
    expect(error).toBeInstanceOf(RealtimeKitTimeoutError);
    expect((error as Error).message).toMatch(/^waitForSummary: the summary of session .+ was not ready within 200 ms/);
  });

  test("reads CSV and JSON transcripts into the same rows and returns subtitles as text", async () => {
    const { client } = play("transcript");
    const downloads = createDownloads(client);
    const { value } = await settle(async () => {
      const csv = [];
      for await (const row of downloads.downloadTranscript(SESSION)) csv.push(row);
      const json = [];
      for await (const entry of downloads.downloadTranscript(SESSION, { format: "JSON" })) json.push(entry);
      const vtt = await downloads.downloadTranscript(SESSION, { format: "VTT" });
      const srt = await downloads.downloadTranscript(SESSION, { format: "SRT" });
      return { csv, json, vtt, srt };
    });
    expect(value).toEqual({
      csv: HEADERLESS_TRANSCRIPT_ROWS,
      json: JSON_TRANSCRIPT_ROWS,
      vtt: "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nAlice: Hello everyone\n",
      srt: SRT_TRANSCRIPT,
    });
  });
});

/** Drains an iterator, keeping what it yielded before it failed. */
async function drain<T>(iterator: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterator) items.push(item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}

describe("no raw error escapes", () => {
  test("a storage connection reset half-way through a file is a connection error", async () => {
    const { client } = play("chat-storage-reset");
    const { value } = await settle(() => drain(createDownloads(client).downloadChat(SESSION)));
    // Rows are parsed in batches of 256 KB or at the end of the file: none came before the break.
    expect(value?.items).toEqual([]);
    expect(value?.error).toBeInstanceOf(RealtimeKitConnectionError);

    expect((value?.error as Error | undefined)?.message).toBe(
      `downloadChat: the download from ${origins.other} broke off before its end`,
    );
  });

  test("an abort half-way through a download is an abort error", async () => {
    const { client, run } = play("chat-storage-stall");
    const controller = new AbortController();
    const reason = new Error("user closed the export");
    const { value } = await settle(async () => {
      const download = drain(createDownloads(client).downloadChat(SESSION, { signal: controller.signal }));
      // The storage host has sent the headers and the first message, and then nothing more.
      await until(() => hits.some((hit) => hit.origin === "other" && hit.run === run));
      await pause(50);
      controller.abort(reason);
      return download;
    });
    expect(value?.items).toEqual([]);
    expect(value?.error).toBeInstanceOf(RealtimeKitAbortError);
    expect(value?.error).toMatchObject({ cause: reason });
  });

  test("a download link that is not a URL is a format error, and nothing is fetched", async () => {
    const { client, run } = play("chat-link-not-url");
    const { value } = await settle(() => drain(createDownloads(client).downloadChat(SESSION)));
    expect(value?.error).toBeInstanceOf(RealtimeKitFormatError);

    expect((value?.error as Error | undefined)?.message).toBe(
      "downloadChat: the API's download link is not an http(s) URL",
    );
    expect(hits.filter((hit) => hit.origin === "other" && hit.run === run)).toEqual([]);
  });

  test("a missing download link is an API error naming the field", async () => {
    const { client } = play("chat-link-missing");
    const { value } = await settle(() => drain(createDownloads(client).downloadChat(SESSION)));
    expect(value?.error).toBeInstanceOf(RealtimeKitApiError);
    expect(value?.error).toMatchObject({ status: 200, attempts: 1 });

    expect((value?.error as Error | undefined)?.message).toBe(
      "getChatDownload: the API answered HTTP 200: a success envelope without data.chat_download_url (a string)",
    );
  });

  test("a JSON transcript that is not JSON is a format error", async () => {
    const { client } = play("transcript-not-json");
    const { value } = await settle(() =>
      drain(createDownloads(client).downloadTranscript(SESSION, { format: "JSON" })),
    );
    expect(value?.error).toBeInstanceOf(RealtimeKitFormatError);

    expect((value?.error as Error | undefined)?.message).toMatch(
      /^downloadTranscript: the JSON transcript is not JSON \(.+\)$/,
    );
  });

  const PROMISES: [method: string, call: (client: SessionsClient) => Promise<unknown>, field: string][] = [
    ["listSessions", (client) => client.listSessions(), "data.sessions (a list of objects)"],
    [
      "iterateSessions",
      (client) => drain(client.iterateSessions()).then(({ error }) => Promise.reject(error)),
      "data.sessions (a list of objects)",
    ],
    ["listParticipants", (client) => client.listParticipants(SESSION), "data.participants (a list of objects)"],
    ["getParticipant", (client) => client.getParticipant(SESSION, SESSION), "data.participant (an object)"],
    ["getPeerReport", (client) => client.getPeerReport(SESSION), "data.participant (an object)"],
    ["getSession", (client) => client.getSession(SESSION), "data.id"],
  ];
  test.each(PROMISES)("%s refuses a success envelope without what it promises", async (method, call, field) => {
    const { client } = play("envelope-without-data-fields");
    const { error } = await settle(() => call(client));
    expect(error).toBeInstanceOf(RealtimeKitApiError);
    expect(error).toMatchObject({ status: 200, attempts: 1 });
    const operation = method === "iterateSessions" ? "listSessions" : method;
    expect((error as Error).message).toBe(
      `${operation}: the API answered HTTP 200: a success envelope without ${field}`,
    );
  });

  test("pages without paging end at the first empty page", async () => {
    const { client, seen } = play("pages-without-paging");
    const { value } = await settle(() => drain(client.iterateSessions()));
    expect(value).toMatchObject({ items: [{ id: SESSION, status: "ENDED" }], error: undefined });
    expect(seen().map((hit) => new URL(hit.path, "http://x").searchParams.get("page_no"))).toEqual(["1", "2"]);
  });
});
