// GET  /sessions                    the app's latest ended sessions, from the API, as JSON
// GET  /sessions/<id>/transcript    the session's transcript, streamed as text while it downloads
// GET  /usage                       sessions, participant-minutes and participants per day, from the mirror
// POST /webhook                     RealtimeKit's deliveries: verified, then stored in D1 and queued
//                                   before the 200 (a delivery stored before answers "duplicate")
// queue realtimekit-webhooks        each stored delivery applied to the mirror; retried when it fails
// cron                              deliveries left unapplied queued again; the mirror's incremental sync
//
// `Env` (the bindings of wrangler.jsonc) comes from `wrangler types`, in worker-configuration.d.ts.
import { createSessionsClient, RealtimeKitApiError, type SessionsClient } from "@realtimekit-sessions/client";
import { createDownloads } from "@realtimekit-sessions/client/downloads";
import {
  createWebhookVerifier,
  deliveryKey,
  RealtimeKitWebhookError,
  type WebhookVerifierOptions,
} from "@realtimekit-sessions/client/webhooks";
import { createMirror, type Mirror } from "@realtimekit-sessions/sync";

/** What is not in wrangler.jsonc, so not in `Env`: the secret, and two variables for development. */
interface Secrets {
  /** `wrangler secret put CLOUDFLARE_API_TOKEN`; in development, a line of .dev.vars. */
  CLOUDFLARE_API_TOKEN: string;
  /** Only to point the Worker at a fake of the API (`realtimekit-sessions fake serve` sets it). */
  CLOUDFLARE_BASE_URL?: string;
  /** Only to verify deliveries signed by that fake: where its public key is served. */
  REALTIMEKIT_WEBHOOK_KEY_URL?: string;
}

type Bindings = Env & Secrets;

/** What the queue carries: the key of a stored delivery. */
interface Stored {
  key: string;
}

/** How long a stored delivery may stay unapplied before the cron queues it again. */
const UNAPPLIED_MS = 10 * 60_000;
/** How long the cron's sync may run: it continues where it stopped on the next run. */
const SYNC_MS = 25_000;

// One verifier for the isolate: the public key is fetched once, not per delivery.
let verifier: ReturnType<typeof createWebhookVerifier> | undefined;

const TRANSCRIPT_RE = /^\/sessions\/([^/]+)\/transcript$/;

export default {
  async fetch(request, env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === "/webhook" && request.method === "POST") return receive(request, env);
    const client = clientOf(env);
    try {
      if (pathname === "/usage") return Response.json(await dailyUsage(await mirrorOf(env, client)));
      if (pathname === "/sessions") {
        const { sessions } = await client.listSessions({ status: "ENDED", per_page: 20 });
        return Response.json(
          sessions.map(({ id, meeting_display_name, started_at, minutes_consumed }) => ({
            id,
            title: meeting_display_name,
            startedAt: started_at,
            minutes: minutes_consumed,
          })),
        );
      }
      const transcript = TRANSCRIPT_RE.exec(pathname);
      if (transcript?.[1]) return await streamTranscript(client, decodeURIComponent(transcript[1]));
      return new Response("Not found\n", { status: 404 });
    } catch (error) {
      if (!(error instanceof RealtimeKitApiError)) throw error;
      // The API's own 404 (no such session, no transcript yet) is the caller's 404; anything else is ours.
      return Response.json({ error: error.message }, { status: error.status === 404 ? 404 : 502 });
    }
  },

  /**
   * Applies each stored delivery to the mirror: it reads the API as the event asks (a
   * `meeting.ended` reads the session and its participants) and writes it all in one batch
   * with the delivery's key. A failure is retried by the queue, later; the mirror's key makes
   * a delivery applied twice change nothing.
   */
  async queue(batch, env): Promise<void> {
    const mirror = await mirrorOf(env, clientOf(env));
    for (const message of batch.messages) {
      const stored = await env.DB.prepare(
        "SELECT body, headers FROM webhook_inbox WHERE delivery_key = ?1 AND applied_at IS NULL",
      )
        .bind(message.body.key)
        .first<{ body: string; headers: string }>();
      if (!stored) {
        message.ack();
        continue;
      }
      const answer = await mirror.handleWebhook(
        new Request("https://worker.internal/webhook", {
          method: "POST",
          headers: JSON.parse(stored.headers) as Record<string, string>,
          body: stored.body,
        }),
      );
      if (answer.status >= 500) {
        // The API or the database failed: again later, sooner for the first tries.
        console.warn(`delivery ${message.body.key} not applied (try ${message.attempts}): ${await answer.text()}`);
        message.retry({ delaySeconds: Math.min(2 ** message.attempts, 300) });
        continue;
      }
      // 200 (applied, or applied before), or 400: it verified when it came, and never will now.
      if (!answer.ok) console.error(`delivery ${message.body.key} refused by the mirror: ${await answer.text()}`);
      await env.DB.prepare("UPDATE webhook_inbox SET applied_at = ?2 WHERE delivery_key = ?1")
        .bind(message.body.key, new Date().toISOString())
        .run();
      message.ack();
    }
  },

  /**
   * Every 10 minutes: deliveries stored but left unapplied (a queue that dropped them after its
   * retries) are queued again; then the mirror reads from the API whatever any delivery missed.
   */
  async scheduled(_controller, env): Promise<void> {
    const { results } = await env.DB.prepare(
      "SELECT delivery_key FROM webhook_inbox WHERE applied_at IS NULL AND received_at < ?1 ORDER BY received_at LIMIT 100",
    )
      .bind(new Date(Date.now() - UNAPPLIED_MS).toISOString())
      .all<{ delivery_key: string }>();
    if (results.length > 0) await env.WEBHOOKS.sendBatch(results.map(({ delivery_key: key }) => ({ body: { key } })));
    const mirror = await mirrorOf(env, clientOf(env));
    await mirror.sync({ signal: AbortSignal.timeout(SYNC_MS) }).catch((error: unknown) => {
      // Stopped at its time: what it committed stays, and the next run continues.
      if (!(error instanceof Error && error.name === "TimeoutError")) throw error;
    });
  },
} satisfies ExportedHandler<Bindings, Stored>;

function clientOf(env: Bindings): SessionsClient {
  return createSessionsClient({
    apiToken: env.CLOUDFLARE_API_TOKEN,
    accountId: env.CLOUDFLARE_ACCOUNT_ID,
    appId: env.REALTIMEKIT_APP_ID,
    baseUrl: env.CLOUDFLARE_BASE_URL,
  });
}

function keyOf(env: Bindings): WebhookVerifierOptions {
  return env.REALTIMEKIT_WEBHOOK_KEY_URL ? { keyUrl: env.REALTIMEKIT_WEBHOOK_KEY_URL } : {};
}

/** The mirror in D1: its tables and views made on first use. */
function mirrorOf(env: Bindings, client: SessionsClient): Promise<Mirror> {
  return createMirror({ client, database: env.DB, webhooks: keyOf(env) });
}

/**
 * A webhook delivery: refused unless RealtimeKit signed it; stored in D1 and queued before it is
 * answered, so that nothing answered 200 is lost (RealtimeKit does not send it again). The same
 * delivery again (a retry comes with a new rtk-uuid: the key is the webhook and the body)
 * answers "duplicate" and is not queued.
 */
async function receive(request: Request, env: Bindings): Promise<Response> {
  verifier ??= createWebhookVerifier(keyOf(env));
  const body = await request.clone().text();
  try {
    await verifier.verify(request.clone());
  } catch (error) {
    if (!(error instanceof RealtimeKitWebhookError)) throw error;
    // The key's host failing is ours to retry (RealtimeKit sends the delivery again); the rest is theirs.
    return new Response(`${error.reason}\n`, { status: error.reason === "key-unavailable" ? 503 : 401 });
  }
  const key = await deliveryKey(request);
  const headers = Object.fromEntries(
    ["content-type", "rtk-signature", "rtk-uuid", "rtk-webhook-id"].map((name) => [
      name,
      request.headers.get(name) ?? "",
    ]),
  );
  const stored = await env.DB.prepare(
    "INSERT INTO webhook_inbox (delivery_key, body, headers) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING RETURNING delivery_key",
  )
    .bind(key, body, JSON.stringify(headers))
    .first();
  if (!stored) return new Response("duplicate\n");
  try {
    await env.WEBHOOKS.send({ key });
  } catch (error) {
    // Not queued: not stored either, so that RealtimeKit's retry is taken anew.
    await env.DB.prepare("DELETE FROM webhook_inbox WHERE delivery_key = ?1").bind(key).run();
    console.error(`delivery ${key} not queued: ${(error as Error).message}`);
    return new Response("not stored, retry\n", { status: 503 });
  }
  return new Response("ok\n");
}

/** The last 30 days the mirror has sessions on, newest first. */
async function dailyUsage(mirror: Mirror): Promise<unknown[]> {
  return mirror.database.query(
    "SELECT day, sessions, participant_minutes, participants FROM realtimekit_daily_usage ORDER BY day DESC LIMIT 30",
  );
}

/** The transcript as "Name: text" lines, sent on while the file is still downloading. */
async function streamTranscript(client: SessionsClient, sessionId: string): Promise<Response> {
  const rows = createDownloads(client).downloadTranscript(sessionId);
  // The first row is read before answering, so that a missing transcript is a 404, not a broken body.
  let next = await rows.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(`${next.value.participantName}: ${next.value.text}\n`));
      next = await rows.next();
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
}
