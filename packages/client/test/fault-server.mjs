// A real HTTP server that misbehaves on command, run as a child process of the fault tests so
// that its sockets and timers never count as the client's. It listens on two loopback
// origins: the API (127.0.0.1) and "another host" (localhost, another port) for storage links
// and redirects. A request's path names its scenario and run: /<scenario>/<run>/...; every
// request is reported to the parent, with the attempt number of its run.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const attempts = new Map();
// A session with every field the spec requires (the client refuses one without): the test's
// aSession(), handed over in the environment.
const SESSION = JSON.parse(process.env.FAULT_SESSION ?? "{}");

/** @typedef {import("node:http").ServerResponse} Res */

/** @param {Res} res @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
function json(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** @param {Res} res @param {number} status @param {Record<string, string>} [headers] */
function empty(res, status, headers = {}) {
  res.writeHead(status, { "content-length": "0", ...headers });
  res.end();
}

/**
 * A success: one session for a session's own path, else a list of one.
 * @param {Res} res @param {string} [path]
 */
const ok = (res, path = "") =>
  /\/sessions\/[^/?]+(\?|$)/.test(path)
    ? json(res, 200, { success: true, data: SESSION })
    : json(res, 200, { success: true, data: { sessions: [SESSION] }, paging: { total_count: 1 } });
/** A chat download link to `url`, valid for an hour. @param {Res} res @param {string} url */
const chatLink = (res, url) =>
  json(res, 200, {
    success: true,
    data: { chat_download_url: url, chat_download_url_expiry: new Date(Date.now() + 3600_000).toISOString() },
  });
/** @param {number} code @param {string} message */
const cloudflare = (code, message) => ({ success: false, errors: [{ code, message }], messages: [], result: null });
/** @param {number} code @param {string} message */
const realtimekit = (code, message) => ({ success: false, error: { code, message } });

/** @typedef {{ other: string, path: string, run: string, method: string }} Context */
/** @type {Record<string, (res: import("node:http").ServerResponse, attempt: number, ctx: Context) => void>} */
const API = {
  ok: (res) => ok(res),
  "429-retry-after-seconds": (res, n) =>
    n === 1 ? json(res, 429, cloudflare(971, "Please wait"), { "retry-after": "1" }) : ok(res),
  "429-retry-after-date": (res, n) =>
    n === 1
      ? json(res, 429, cloudflare(971, "Please wait"), { "retry-after": new Date(Date.now() + 2000).toUTCString() })
      : ok(res),
  "429-retry-after-ms": (res, n) =>
    n === 1 ? json(res, 429, cloudflare(971, "Please wait"), { "retry-after-ms": "150" }) : ok(res),
  "429-retry-after-long": (res) => json(res, 429, cloudflare(971, "Please wait"), { "retry-after": "3600" }),
  "429-empty": (res) => empty(res, 429),
  "503-then-ok": (res, n, { path }) =>
    n === 1 ? json(res, 503, cloudflare(10001, "Service unavailable")) : ok(res, path),
  "503-always": (res) => json(res, 503, realtimekit(503, "Service unavailable")),
  "500-html": (res) => {
    res.writeHead(500, { "content-type": "text/html" });
    res.end("<html><body><h1>500 Internal Server Error</h1><p>cloudflare</p></body></html>");
  },
  "502-empty": (res) => empty(res, 502),
  501: (res) => json(res, 501, cloudflare(10000, "Not implemented")),
  "408-then-ok": (res, n) => (n === 1 ? empty(res, 408) : ok(res)),
  "200-not-json": (res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<html>Under maintenance</html>");
  },
  "200-truncated-json": (res) => {
    const text = '{"success":true,"data":{"sessions":[{"id":"8d5a4b6e';
    res.writeHead(200, { "content-type": "application/json", "content-length": text.length });
    res.end(text);
  },
  "reset-before-headers": (res) => res.socket?.destroy(),
  "reset-mid-body-then-ok": (res, n) => {
    if (n > 1) return ok(res);
    res.writeHead(200, { "content-type": "application/json", "content-length": "4000" });
    res.write('{"success":true,"data":{"sessions":[');
    setTimeout(() => res.socket?.destroy(), 20);
  },
  "headers-never": () => {},
  "body-stalls": (res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "4000" });
    res.write('{"success":true,"data":');
  },
  "400-cloudflare": (res) =>
    json(res, 400, cloudflare(7003, "Could not route to /accounts, perhaps your object identifier is invalid?")),
  "404-realtimekit": (res) => json(res, 404, realtimekit(404, "No session found with id 8d5a4b6e")),
  401: (res) => json(res, 401, cloudflare(10000, "Authentication error")),
  403: (res) => json(res, 403, cloudflare(9109, "Unauthorized to access requested resource")),
  // A signed link's query, which the error must not show.
  "redirect-other-host": (res, _n, { other, path }) =>
    empty(res, 302, { location: `${other}${path}${path.includes("?") ? "&" : "?"}X-Amz-Signature=f00d` }),
  "same-page": (res) =>
    json(res, 200, {
      success: true,
      data: { sessions: [SESSION, { ...SESSION, id: "3f6e2a1b-7c9d-4e8f-a0b1-c2d3e4f5a6b7" }] },
      paging: { total_count: 100 },
    }),
  pages: (res, _n, { path }) => {
    // 5 sessions, 2 per page, honouring page_no (from 1).
    const page = Number(new URL(path, "http://x").searchParams.get("page_no"));
    const all = Array.from({ length: 5 }, (_, i) => ({ ...SESSION, id: `session-${i + 1}` }));
    json(res, 200, {
      success: true,
      data: { sessions: all.slice((page - 1) * 2, page * 2) },
      paging: { total_count: 5 },
    });
  },
  // Like "pages", but every page after the first is held, unanswered, until the client goes away.
  "held-pages": (res, n, ctx) => (n === 1 ? API.pages?.(res, n, ctx) : undefined),
  "chat-expired-then-fresh": (res, n, { other, run }) =>
    json(res, 200, {
      success: true,
      data: {
        chat_download_url: `${other}/storage/${n === 1 ? "expired" : "chat"}/${run}/chat.csv?X-Amz-Signature=abc`,
        chat_download_url_expiry: new Date(Date.now() + 3600_000).toISOString(),
      },
    }),
  "chat-always-expired": (res, _n, { other, run }) =>
    json(res, 200, {
      success: true,
      data: {
        chat_download_url: `${other}/storage/expired/${run}/chat.csv`,
        chat_download_url_expiry: new Date(Date.now() + 3600_000).toISOString(),
      },
    }),
  transcript: (res, _n, { other, run, path }) => {
    const format = new URL(path, "http://x").searchParams.get("format") ?? "CSV";
    json(res, 200, {
      success: true,
      data: {
        sessionId: SESSION.id,
        transcript_download_url: `${other}/storage/transcript-${format}/${run}/file`,
        transcript_download_url_expiry: new Date(Date.now() + 3600_000).toISOString(),
      },
    });
  },
  "chat-storage-reset": (res, _n, { other, run }) => chatLink(res, `${other}/storage/reset-mid-body/${run}/chat.csv`),
  "chat-storage-stall": (res, _n, { other, run }) => chatLink(res, `${other}/storage/stall/${run}/chat.csv`),
  "chat-link-not-url": (res) => chatLink(res, "realtimekit-exports/chat.csv"),
  "chat-link-missing": (res) =>
    json(res, 200, {
      success: true,
      data: { chat_download_url_expiry: new Date(Date.now() + 3600_000).toISOString() },
    }),
  "transcript-not-json": (res, _n, { other, run }) =>
    json(res, 200, {
      success: true,
      data: {
        sessionId: SESSION.id,
        transcript_download_url: `${other}/storage/not-json/${run}/transcript.json`,
        transcript_download_url_expiry: new Date(Date.now() + 3600_000).toISOString(),
      },
    }),
  "envelope-without-data-fields": (res) => json(res, 200, { success: true, data: {} }),
  // Page 1 holds one session, page 2 none; no answer carries `paging`.
  "pages-without-paging": (res, _n, { path }) => {
    const page = Number(new URL(path, "http://x").searchParams.get("page_no"));
    json(res, 200, { success: true, data: { sessions: page === 1 ? [SESSION] : [] } });
  },
  // GET: 404 for the first two, then a link; POST (generate): accepted.
  "summary-ready-third-time": (res, n, { other, run, method }) => {
    if (method === "POST")
      return json(res, 200, { success: true, data: { session_id: SESSION.id, status: "PROCESSING" } });
    if (n <= 2) return json(res, 404, realtimekit(404, "Summary not found"));
    json(res, 200, {
      success: true,
      data: {
        sessionId: SESSION.id,
        summaryDownloadUrl: `${other}/storage/summary/${run}/summary.txt`,
        summaryDownloadUrlExpiry: new Date(Date.now() + 3600_000).toISOString(),
      },
    });
  },
  "summary-never-ready": (res, _n, { method }) =>
    method === "POST"
      ? json(res, 200, { success: true, data: { session_id: SESSION.id, status: "PROCESSING" } })
      : json(res, 404, realtimekit(404, "Summary not found")),
};

/** A documented example file (see fixtures/SOURCES.md). @param {string} name */
const fixture = (name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

/** @param {Res} res @param {string} type @param {string} body */
function file(res, type, body) {
  res.writeHead(200, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** @type {Record<string, (res: Res) => void>} */
const STORAGE = {
  expired: (res) => {
    res.writeHead(403, { "content-type": "application/xml" });
    res.end("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
  },
  chat: (res) => file(res, "text/csv", fixture("chat.csv")),
  "transcript-CSV": (res) => file(res, "text/csv", fixture("transcript.headerless.csv")),
  "transcript-JSON": (res) => file(res, "application/json", fixture("transcript.json")),
  // No VTT example is documented; this is the documented SRT example's cues, written as WebVTT.
  "transcript-VTT": (res) => file(res, "text/vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nAlice: Hello everyone\n"),
  "transcript-SRT": (res) => file(res, "application/x-subrip", fixture("transcript.srt")),
  summary: (res) => file(res, "text/markdown", fixture("summary.md")),
  // The header and first message of the chat file, then the connection drops.
  "reset-mid-body": (res) => {
    const text = fixture("chat.csv");
    res.writeHead(200, { "content-type": "text/csv", "content-length": Buffer.byteLength(text) });
    res.write(text.slice(0, text.indexOf("\n", text.indexOf("\n") + 1) + 1));
    setTimeout(() => res.socket?.destroy(), 20);
  },
  // The header and first message of the chat file, then nothing: the rest never comes.
  stall: (res) => {
    const text = fixture("chat.csv");
    res.writeHead(200, { "content-type": "text/csv", "content-length": Buffer.byteLength(text) });
    res.write(text.slice(0, text.indexOf("\n", text.indexOf("\n") + 1) + 1));
  },
  "not-json": (res) => file(res, "application/json", "<html><body>Service Unavailable</body></html>"),
};

/** @param {import("node:http").Server} server @param {string} host @returns {Promise<number>} */
function listen(server, host) {
  return new Promise((resolve) =>
    server.listen(0, host, () => resolve(/** @type {import("node:net").AddressInfo} */ (server.address()).port)),
  );
}

const api = createServer();
const other = createServer();
const apiPort = await listen(api, "127.0.0.1");
const otherPort = await listen(other, "localhost");
const otherOrigin = `http://localhost:${otherPort}`;

/**
 * @param {string} origin
 * @param {Record<string, (res: Res, attempt: number, ctx: Context) => void>} table
 * @returns {(req: import("node:http").IncomingMessage, res: Res) => void}
 */
function handle(origin, table) {
  return (req, res) => {
    const [, first, second, third] = new URL(req.url ?? "/", "http://x").pathname.split("/");
    // API paths: /<scenario>/<run>/accounts/...; storage paths: /storage/<kind>/<run>/...
    const storage = first === "storage";
    const scenario = storage ? second : first;
    const run = storage ? third : second;
    const key = `${origin}:${scenario}:${run}:${req.method}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    process.send?.({
      origin,
      run,
      scenario,
      attempt,
      method: req.method,
      path: req.url,
      headers: req.headers,
      at: Date.now(),
    });
    req.resume();
    const handler = table[scenario ?? ""];
    if (!handler) return json(res, 599, { error: `no scenario ${scenario}` });
    handler(res, attempt, { other: otherOrigin, path: req.url ?? "", run: run ?? "", method: req.method ?? "" });
  };
}

api.on("request", handle("api", API));
other.on("request", (req, res) =>
  (req.url ?? "").startsWith("/storage/") ? handle("other", STORAGE)(req, res) : handle("other", API)(req, res),
);
process.send?.({ ready: true, api: `http://127.0.0.1:${apiPort}`, other: otherOrigin });
