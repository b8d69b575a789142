// `sync`: the mirror brought up to date once, or kept current with `--watch` (and fed webhook
// deliveries with `--listen`), paced to the rate limit. Every batch commits with its checkpoint,
// so Ctrl-C, a crash or a kill loses nothing: the next run continues.
import { setMaxListeners } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createPacer } from "@realtimekit-sessions/client/pacing";
import type { WebhookVerifierOptions } from "@realtimekit-sessions/client/webhooks";
import type { Mirror, SyncSummary } from "@realtimekit-sessions/sync";
import { DEFAULT_DATABASE, type SyncFlags } from "../commands/sync.js";
import type { Context } from "../context.js";
import { AlreadySaid, EXIT_INTERRUPTED, UsageError } from "../errors.js";
import { waitLine } from "../export/run.js";
import { note } from "../output.js";
import { progressOf } from "../progress.js";
import { echoOf, timeOf } from "../time.js";

/** Waits longer than this are said on standard error. */
const ANNOUNCED_WAIT_MS = 5_000;
/** How often `--watch` syncs when `--every` is not given. */
const DEFAULT_EVERY_MS = 5 * 60_000;

/** The mirror's database as the flags and the environment name it. */
export function databaseOf(context: Context, given: string | undefined): string {
  return given ?? (context.io.env.REALTIMEKIT_DATABASE || DEFAULT_DATABASE);
}

export async function runSync(context: Context, flags: SyncFlags): Promise<void> {
  const { io } = context;
  const keepRunning = Boolean(flags.watch);
  if (flags.every !== undefined && !keepRunning)
    throw new UsageError("--every says how often --watch syncs: add --watch.");
  if (flags.listen && !keepRunning) throw new UsageError("--listen takes deliveries while --watch runs: add --watch.");
  if (flags.webhookKey !== undefined && !flags.listen) {
    throw new UsageError("--webhook-key verifies the deliveries --listen takes: add --listen.");
  }
  const sinceTime = flags.since === undefined ? undefined : timeOf("--since", flags.since, io.clock.now());
  const since = sinceTime?.iso;
  const webhooks = flags.listen ? await webhookKeyOf(context, flags.webhookKey) : undefined;

  const interrupt = new AbortController();
  setMaxListeners(0, interrupt.signal);
  const forward = () => interrupt.abort(io.signal.reason);
  if (io.signal.aborted) forward();
  else io.signal.addEventListener("abort", forward, { once: true });
  const { signal } = interrupt;

  const pacer = createPacer({
    concurrency: flags.concurrency,
    maxShare: flags.maxShare,
    clock: io.clock,
    signal,
    onWait: ({ ms, reason }) => {
      const clear = io.stderr.isTTY ? "\r\u001b[2K" : "";
      if (ms > ANNOUNCED_WAIT_MS) void io.stderr.write(`${clear}${waitLine(ms, reason, true)}\n`).catch(() => {});
    },
  });
  const client = await context.client({ pacer });
  const { createMirror } = await import("@realtimekit-sessions/sync");
  const mirror = await createMirror({
    client,
    database: databaseOf(context, flags.database),
    concurrency: flags.concurrency,
    ...(flags.include ? { include: flags.include } : {}),
    ...(webhooks ? { webhooks } : {}),
  });
  let server: Server | undefined;
  try {
    const echo = echoOf("--since", sinceTime);
    if (echo) await note(io, echo);
    if (flags.listen) {
      server = await listen(mirror, flags.listen);
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : flags.listen.port;
      await note(io, `Taking webhook deliveries on http://${hostOf(flags.listen.host)}:${port}/webhook`);
    }
    for (let run = 0; ; run++) {
      const started = io.clock.now();
      const requestsBefore = pacer.stats.requests;
      const progress = progressOf(io, "Synced", "sessions");
      let summary: SyncSummary;
      try {
        summary = await mirror.sync({
          ...(since && run === 0 ? { since } : {}),
          signal,
          onProgress: ({ phase, done, total }) => {
            if (phase === "sessions") progress.update(done, total);
          },
        });
      } finally {
        await progress.stop();
      }
      const seconds = (io.clock.now() - started) / 1000;
      const requests = pacer.stats.requests - requestsBefore;
      if (context.json) {
        await io.stdout.write(`${JSON.stringify({ ...summary, requests, seconds: round(seconds) })}\n`);
      }
      await note(
        io,
        `Synced into ${mirror.database.description} in ${seconds.toFixed(1)} s (${requests} requests): ${summary.sessions} sessions, ${summary.participants} participants and ${summary.files} files written; ${summary.live} live, ${summary.pending} to ask for again.`,
      );
      if (!keepRunning) break;
      await io.clock.sleep(flags.every ?? DEFAULT_EVERY_MS, signal);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
    await note(io, "Interrupted: every batch committed before stays in the mirror; run the command again to continue.");
    throw new AlreadySaid(EXIT_INTERRUPTED);
  } finally {
    io.signal.removeEventListener("abort", forward);
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await mirror.close();
  }
}

/**
 * How deliveries are verified: with the key `--webhook-key` names (a PEM file, or a URL serving
 * it as Cloudflare does), with the fake's own key under `--fake`, else with Cloudflare's.
 */
async function webhookKeyOf(context: Context, key: string | undefined): Promise<WebhookVerifierOptions> {
  if (key === undefined) {
    if (!context.flags.fake) return {};
    const { createFakeApi } = await import("@realtimekit-sessions/testing");
    return { publicKey: createFakeApi({ sessions: 0 }).webhooks.publicKey };
  }
  if (/^https?:\/\//i.test(key)) return { keyUrl: key, fetch: context.io.fetch };
  let pem: string;
  try {
    pem = await readFile(key, "utf8");
  } catch (error) {
    throw new UsageError(`--webhook-key ${key}: cannot read it (${(error as { code?: string }).code ?? "error"}).`);
  }
  if (!pem.includes("-----BEGIN PUBLIC KEY-----")) {
    throw new UsageError(`--webhook-key ${key}: not a PEM public key (-----BEGIN PUBLIC KEY-----).`);
  }
  return { publicKey: pem };
}

/** Serves `POST /webhook` into the mirror; anything else is 404 (or 405 for another method). */
function listen(mirror: Mirror, { host, port }: { host: string; port: number }): Promise<Server> {
  const server = createServer((request, response) => {
    void serve(mirror, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new UsageError(
          `--listen ${host}:${port}: ${error.code === "EADDRINUSE" ? "the port is in use" : `cannot listen (${error.code ?? error.message})`}.`,
        ),
      ),
    );
    server.listen(port, host, () => resolve(server));
  });
}

async function serve(mirror: Mirror, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  if (path !== "/webhook") {
    response.writeHead(404, { "content-type": "text/plain" }).end("Deliveries go to POST /webhook.\n");
    return;
  }
  if (request.method !== "POST") {
    response.writeHead(405, { allow: "POST", "content-type": "text/plain" }).end("POST deliveries here.\n");
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers[name] = value;
    else if (Array.isArray(value)) headers[name] = value.join(", ");
  }
  const answer = await mirror.handleWebhook({ body: new Uint8Array(Buffer.concat(chunks)), headers });
  response.writeHead(answer.status, Object.fromEntries(answer.headers)).end(await answer.text());
}

const hostOf = (host: string) => (host.includes(":") ? `[${host}]` : host);
const round = (value: number) => Math.round(value * 10) / 10;
