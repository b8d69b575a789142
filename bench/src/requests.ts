// 1. Per-request cost: the same request through raw fetch (the floor), raw fetch with a timeout
// (the floor of any client that can give up on a request), bare openapi-fetch, the official
// Cloudflare SDK (retries off) and our client, against one loopback server.
import { createSessionsClient, type paths } from "@realtimekit-sessions/client";
import Cloudflare from "cloudflare";
import createClient from "openapi-fetch";
import { ACCOUNT, APP, interleave, SESSION, type Server, type Summary, TOKEN } from "./harness.js";

export interface RequestOptions {
  /** Requests in one timed batch. */
  batch: number;
  rounds: number;
  warmups: number;
}

export type Candidates = "raw fetch" | "raw fetch with a timeout" | "openapi-fetch" | "cloudflare SDK" | "ours";

/**
 * The `data` of a GET, fetched as a client that times out must fetch it: with a signal its timer
 * aborts, cancelling the request rather than leaving it to run, and the body read under the timer.
 */
async function dataWithTimeout(url: string, headers: Record<string, string>): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 60_000);
  try {
    return (await (await fetch(url, { headers, signal: controller.signal })).json()).data;
  } finally {
    clearTimeout(timer);
  }
}

export async function benchRequests(server: Server, options: RequestOptions) {
  const root = `${server.origin}/client/v4`;
  const headers = { Authorization: `Bearer ${TOKEN}` };
  const sessionsPath = `/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions`;
  const bare = createClient<paths>({ baseUrl: root, headers });
  const official = new Cloudflare({ apiToken: TOKEN, baseURL: root, maxRetries: 0 });
  const ours = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, baseUrl: root });

  /** Microseconds per call of `call`, over one batch. */
  const timed = (call: () => Promise<unknown>) => async () => {
    const start = performance.now();
    for (let i = 0; i < options.batch; i++) await call();
    return ((performance.now() - start) * 1000) / options.batch;
  };

  const getSession: Record<Candidates, () => Promise<number>> = {
    "raw fetch": timed(async () => (await (await fetch(`${root}${sessionsPath}/${SESSION}`, { headers })).json()).data),
    "raw fetch with a timeout": timed(() => dataWithTimeout(`${root}${sessionsPath}/${SESSION}`, headers)),
    "openapi-fetch": timed(async () => {
      const { data } = await bare.GET("/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}", {
        params: { path: { account_id: ACCOUNT, app_id: APP, session_id: SESSION } },
      });
      return data?.data;
    }),
    "cloudflare SDK": timed(() =>
      official.realtimeKit.sessions.getSessionDetails(SESSION, { account_id: ACCOUNT, app_id: APP }),
    ),
    ours: timed(() => ours.getSession(SESSION)),
  };
  const listSessions: Record<Candidates, () => Promise<number>> = {
    "raw fetch": timed(async () => (await (await fetch(`${root}${sessionsPath}`, { headers })).json()).data),
    "raw fetch with a timeout": timed(() => dataWithTimeout(`${root}${sessionsPath}`, headers)),
    "openapi-fetch": timed(async () => {
      const { data } = await bare.GET("/accounts/{account_id}/realtime/kit/{app_id}/sessions", {
        params: { path: { account_id: ACCOUNT, app_id: APP } },
      });
      return data?.data;
    }),
    "cloudflare SDK": timed(() => official.realtimeKit.sessions.getSessions(APP, { account_id: ACCOUNT })),
    ours: timed(() => ours.listSessions()),
  };
  return {
    getSession: await interleave(getSession, options.rounds, options.warmups),
    listSessions: await interleave(listSessions, options.rounds, options.warmups),
  } satisfies Record<string, Record<Candidates, Summary>>;
}
