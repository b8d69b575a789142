// GET /sessions                     the app's latest ended sessions, as JSON
// GET /sessions/<id>/transcript     the session's transcript, streamed as text while it downloads
// POST /webhook                     RealtimeKit's webhook deliveries: verified, de-duplicated,
//                                   answered at once; a transcript event's rows are read after
import { createSessionsClient, RealtimeKitApiError, type SessionsClient } from "@realtimekit-sessions/client";
import { createDownloads } from "@realtimekit-sessions/client/downloads";
import {
  createWebhookVerifier,
  deliveryKey,
  isWebhookEvent,
  RealtimeKitWebhookError,
} from "@realtimekit-sessions/client/webhooks";

export interface Env {
  /** A secret: `wrangler secret put CLOUDFLARE_API_TOKEN`. */
  CLOUDFLARE_API_TOKEN: string;
  CLOUDFLARE_ACCOUNT_ID: string;
  REALTIMEKIT_APP_ID: string;
  /** Only to point the Worker at a mock or a fake of the API. */
  CLOUDFLARE_BASE_URL?: string;
  /** Only to verify deliveries signed by a fake: where its public key is served. */
  REALTIMEKIT_WEBHOOK_KEY_URL?: string;
  /** A KV namespace: the deliveries handled (for a day), and what was read from each transcript. */
  DELIVERIES: KVNamespace;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

interface KVNamespace {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
}

// One verifier for the isolate: the public key is fetched once, not per delivery.
let verifier: ReturnType<typeof createWebhookVerifier> | undefined;

const TRANSCRIPT_RE = /^\/sessions\/([^/]+)\/transcript$/;

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const client = createSessionsClient({
      apiToken: env.CLOUDFLARE_API_TOKEN,
      accountId: env.CLOUDFLARE_ACCOUNT_ID,
      appId: env.REALTIMEKIT_APP_ID,
      baseUrl: env.CLOUDFLARE_BASE_URL,
    });
    const { pathname } = new URL(request.url);
    if (pathname === "/webhook" && request.method === "POST") return webhook(request, env, ctx, client);
    try {
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
};

/**
 * A webhook delivery: refused unless RealtimeKit signed it; answered 200 at once, and only the
 * first delivery of an event is acted on (a retried one comes with a new rtk-uuid, so the key
 * is the webhook and the body). The transcript of a `meeting.transcript` event is read after
 * the answer, from the link the event carries.
 */
async function webhook(request: Request, env: Env, ctx: ExecutionContext, client: SessionsClient): Promise<Response> {
  verifier ??= createWebhookVerifier(
    env.REALTIMEKIT_WEBHOOK_KEY_URL ? { keyUrl: env.REALTIMEKIT_WEBHOOK_KEY_URL } : {},
  );
  let event: Awaited<ReturnType<typeof verifier.verify>>;
  try {
    event = await verifier.verify(request);
  } catch (error) {
    if (!(error instanceof RealtimeKitWebhookError)) throw error;
    // The key's host failing is ours to retry (RealtimeKit sends the delivery again); the rest is theirs.
    return new Response(`${error.reason}\n`, { status: error.reason === "key-unavailable" ? 503 : 401 });
  }
  const key = `delivery:${await deliveryKey(request)}`;
  if (await env.DELIVERIES.get(key)) return new Response("duplicate\n");
  await env.DELIVERIES.put(key, event.event, { expirationTtl: 86_400 });
  const sessionId = isWebhookEvent(event, "meeting.transcript") ? event.meeting?.sessionId : undefined;
  if (isWebhookEvent(event, "meeting.transcript") && event.transcriptDownloadUrl && sessionId) {
    const link = { url: event.transcriptDownloadUrl };
    ctx.waitUntil(
      (async () => {
        const lines: string[] = [];
        for await (const row of createDownloads(client).downloadTranscript(sessionId, { link })) {
          lines.push(`${row.participantName}: ${row.text}`);
        }
        await env.DELIVERIES.put(`transcript:${sessionId}`, lines.join("\n"));
      })(),
    );
  }
  return new Response("ok\n");
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
