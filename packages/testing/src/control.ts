// What a developer does to a fake that plays RealtimeKit, from outside its process: ask what it
// serves, end one of its sessions, and have it sign a webhook delivery about one of them. The
// served fake answers these under `<url>/__fake/` (the CLI's `fake end-session` and `webhooks
// trigger --base-url` call them); an in-process fake answers them through the same function.
// Web standards only: no node:http here.
import type { FakeApi } from "./fake.js";
import { WEBHOOK_EVENTS, type WebhookEventName } from "./webhook-events.js";
import { WEBHOOK_KEY_PATH } from "./webhooks.js";

/** Where a served fake answers its controls, below its `url`. */
export const CONTROL_PATH = "/__fake";

/** What `GET <url>/__fake` answers: where the fake is, and what a Worker's `.dev.vars` needs. */
export interface FakeDescription {
  /** The API root to give a client. */
  baseUrl: string;
  /** Where download links point. */
  storageUrl: string;
  /** Where the key the fake signs deliveries with is served, for the verifier's `keyUrl`. */
  keyUrl: string;
  accountId: string;
  appId: string;
  /** How many sessions it holds. */
  sessions: number;
}

/** What `POST <url>/__fake/deliveries` answers: a delivery signed as RealtimeKit signs one, to send. */
export interface SignedDelivery {
  event: WebhookEventName;
  /** The session it is about. */
  session: string;
  /** The delivery's headers (`rtk-signature`, `rtk-uuid`, `rtk-webhook-id`, `content-type`). */
  headers: Record<string, string>;
  /** The delivery's body, exactly as signed. */
  body: string;
}

/** Where a fake is reached: its API root and its storage URL (as served, or its own). */
export interface ControlMount {
  baseUrl: string;
  storageUrl: string;
}

/**
 * The fake's controls at `mount`: a function that answers a request below `CONTROL_PATH`, its
 * path given without the prefix (a 404 for a path it does not know).
 */
export function fakeControls(
  fake: FakeApi,
  mount: ControlMount,
): (request: Request, path: string) => Promise<Response> {
  return async (request, path) => {
    if (path === "" || path === "/") {
      if (request.method !== "GET") return refuse(405, "GET describes the fake");
      const description: FakeDescription = {
        baseUrl: mount.baseUrl,
        storageUrl: mount.storageUrl,
        keyUrl: `${mount.storageUrl}${WEBHOOK_KEY_PATH}`,
        accountId: fake.accountId,
        appId: fake.appId,
        sessions: fake.sessions.length,
      };
      return Response.json(description);
    }
    const ending = /^\/sessions\/([^/]+)\/end$/.exec(path);
    if (ending) {
      if (request.method !== "POST") return refuse(405, "POST ends the session");
      const id = decodeURIComponent(ending[1] ?? "");
      const record = fake.sessions.find(({ session }) => session.id === id);
      if (!record) return refuse(404, `the fake has no session ${JSON.stringify(id)}`);
      if (record.session.status !== "LIVE") return refuse(409, `session ${id} has already ended`);
      const deliveries = await fake.endSession(id);
      return Response.json({
        session: record.session,
        deliveries: deliveries.map(({ event, status }) => ({ event, status: status ?? null })),
      });
    }
    if (path === "/deliveries") {
      if (request.method !== "POST") return refuse(405, "POST signs a delivery");
      const asked = (await request.json().catch(() => undefined)) as { event?: unknown; session?: unknown } | undefined;
      const event = asked?.event;
      if (typeof event !== "string" || !(WEBHOOK_EVENTS as readonly string[]).includes(event)) {
        return refuse(400, `event is one of ${WEBHOOK_EVENTS.join(", ")}`);
      }
      const session = asked?.session === undefined ? exampleSession(fake) : asked.session;
      if (typeof session !== "string" || !fake.sessions.some((record) => record.session.id === session)) {
        return refuse(404, `the fake has no session ${JSON.stringify(session)}`);
      }
      let payload: object;
      try {
        payload = fake.webhooks.event(event as WebhookEventName, session);
      } catch (error) {
        return refuse(400, (error as Error).message.replace(/^fake\.webhooks\.event\(\): /, ""));
      }
      const signed = await fake.webhooks.request(payload);
      const delivery: SignedDelivery = {
        event: event as WebhookEventName,
        session,
        headers: Object.fromEntries(signed.headers),
        body: await signed.text(),
      };
      return Response.json(delivery);
    }
    return refuse(
      404,
      `the fake's controls are GET ${CONTROL_PATH}, POST ${CONTROL_PATH}/sessions/<id>/end and POST ${CONTROL_PATH}/deliveries`,
    );
  };
}

/** The session a delivery is about when none is named: the first ended one with every file. */
function exampleSession(fake: FakeApi): string | undefined {
  return fake.sessions.find(
    ({ session, chat, transcript, participants }) =>
      session.status === "ENDED" && chat.length > 0 && transcript.length > 0 && participants.length > 0,
  )?.session.id;
}

function refuse(status: number, error: string): Response {
  return Response.json({ error }, { status });
}
