// GET /sessions                     the app's latest ended sessions, as JSON
// GET /sessions/<id>/transcript     the session's transcript, streamed as text while it downloads
import { createSessionsClient, RealtimeKitApiError, type SessionsClient } from "@realtimekit-sessions/client";
import { createDownloads } from "@realtimekit-sessions/client/downloads";

export interface Env {
  /** A secret: `wrangler secret put CLOUDFLARE_API_TOKEN`. */
  CLOUDFLARE_API_TOKEN: string;
  CLOUDFLARE_ACCOUNT_ID: string;
  REALTIMEKIT_APP_ID: string;
  /** Only to point the Worker at a mock or a fake of the API. */
  CLOUDFLARE_BASE_URL?: string;
}

const TRANSCRIPT_RE = /^\/sessions\/([^/]+)\/transcript$/;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const client = createSessionsClient({
      apiToken: env.CLOUDFLARE_API_TOKEN,
      accountId: env.CLOUDFLARE_ACCOUNT_ID,
      appId: env.REALTIMEKIT_APP_ID,
      baseUrl: env.CLOUDFLARE_BASE_URL,
    });
    const { pathname } = new URL(request.url);
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
