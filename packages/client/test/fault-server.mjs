// A real HTTP server that misbehaves on command, run as a child process of the fault tests so
// that its sockets and timers never count as the client's. It listens on two loopback
// origins: the API (127.0.0.1) and "another host" (localhost, another port) for storage links
// and redirects. A request's path names its scenario and run: /<scenario>/<run>/...; every
// request is reported to the parent, with the attempt number of its run.
import { createServer } from "node:http";

const attempts = new Map();
const SESSION = { id: "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d", status: "ENDED" };

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

/** @param {Res} res */
const ok = (res) => json(res, 200, { success: true, data: { sessions: [SESSION] }, paging: { total_count: 1 } });
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
  "503-then-ok": (res, n) => (n === 1 ? json(res, 503, cloudflare(10001, "Service unavailable")) : ok(res)),
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
  "redirect-other-host": (res, _n, { other, path }) => empty(res, 302, { location: `${other}${path}` }),
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
  // Like "pages", but every page after the first takes a second to come.
  "slow-pages": (res, n, ctx) =>
    n === 1 ? API.pages?.(res, n, ctx) : setTimeout(() => API.pages?.(res, n, ctx), 1000),
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

/** @type {Record<string, (res: Res) => void>} */
const STORAGE = {
  expired: (res) => {
    res.writeHead(403, { "content-type": "application/xml" });
    res.end("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
  },
  chat: (res) => {
    res.writeHead(200, { "content-type": "text/csv" });
    res.end('id,participant,message\n1,Mark,"Hello, everyone"\n2,Henry,"Multi\nline ""quoted"""\n');
  },
  "transcript-CSV": (res) => {
    res.writeHead(200, { "content-type": "text/csv" });
    res.end("start,end,speaker,text\n0.0,1.5,Mark,Hi\n1.5,3.0,Henry,Hello\n");
  },
  "transcript-JSON": (res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify([
        { speaker: "Mark", text: "Hi" },
        { speaker: "Henry", text: "Hello" },
      ]),
    );
  },
  "transcript-VTT": (res) => {
    res.writeHead(200, { "content-type": "text/vtt" });
    res.end("WEBVTT\n\n00:00.000 --> 00:01.500\nMark: Hi\n");
  },
  "transcript-SRT": (res) => {
    res.writeHead(200, { "content-type": "application/x-subrip" });
    res.end("1\n00:00:00,000 --> 00:00:01,500\nMark: Hi\n");
  },
  summary: (res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("Mark and Henry agreed to ship on Friday.");
  },
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
