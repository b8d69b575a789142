// What the mirror's own tests check in this process (mirror.test.ts, webhooks.test.ts,
// migrations.test.ts), observed here without a test framework so that a Worker can run it too
// (workerd.test.ts): a backfill as the API answers, an unchanged mirror's cost, a delivery and
// its retry and a forgery, and a second opening of the same database.
import { createSessionsClient } from "@realtimekit-sessions/client";
import { createFakeApi } from "@realtimekit-sessions/testing";
import { MIRROR_PARTS, type MirrorDatabase } from "../src/common.js";
import type { CreateMirror } from "./scenario.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");

/** What `basics()` saw, for the test to compare with what the fake holds. */
export interface Basics {
  /** The API's sessions and the mirror's, each `id status minutes_consumed started_at participants`. */
  api: string[];
  mirrored: string[];
  /** Requests of a second sync with nothing changed, and the live sessions it re-read. */
  unchangedRequests: number;
  live: number;
  /** A delivery's answers: first, its retry, a forgery. */
  answers: { status: number; body: string }[];
  /** Rows of the migrations table after the database was opened a second time. */
  migrations: number;
}

export async function basics(createMirror: CreateMirror, database: MirrorDatabase): Promise<Basics> {
  const fake = createFakeApi({ seed: 17, sessions: 30, now: NOW });
  let requests = 0;
  const client = createSessionsClient({
    apiToken: "basics-token",
    ...fake,
    fetch: (request: Request) => {
      requests++;
      return fake.fetch(request);
    },
  });
  const options = {
    client,
    database,
    include: MIRROR_PARTS,
    webhooks: { publicKey: fake.webhooks.publicKey },
    now: () => NOW,
  };
  const mirror = await createMirror(options);
  await mirror.sync();
  const table = (name: string) => (database.dialect === "sqlite" ? `realtimekit_${name}` : `realtimekit.${name}`);
  const rows = await database.query<Record<string, unknown>>(
    `SELECT s.id, s.status, s.minutes_consumed, s.started_at,
       (SELECT count(*) FROM ${table("participants")} p WHERE p.session_id = s.id) AS participants
     FROM ${table("sessions")} s`,
  );
  const line = (values: unknown[]) => values.map((value) => String(value)).join(" ");
  const mirrored = rows
    .map((row) =>
      line([row.id, row.status, Number(row.minutes_consumed), time(row.started_at), Number(row.participants)]),
    )
    .sort();
  const api = fake.sessions
    .map(({ session, participants }) =>
      line([session.id, session.status, session.minutes_consumed, time(session.started_at), participants.length]),
    )
    .sort();

  requests = 0;
  await mirror.sync();
  const unchangedRequests = requests;
  const live = fake.sessions.filter(({ session }) => session.status === "LIVE").length;

  const ended = fake.sessions.find(({ session, participants }) => session.status === "ENDED" && participants.length);
  const payload = fake.webhooks.event("meeting.ended", ended?.session.id ?? "");
  const answers = [];
  for (const request of [
    await fake.webhooks.request(payload),
    await fake.webhooks.request(payload),
    await fake.webhooks.request(payload, { forge: "tampered" }),
  ]) {
    const answer = await mirror.handleWebhook(request);
    answers.push({ status: answer.status, body: ((await answer.json()) as { message: string }).message });
  }
  await mirror.close();

  const again = await createMirror(options);
  const [migrations] = await database.query<{ count: unknown }>(
    `SELECT count(*) AS count FROM ${database.dialect === "sqlite" ? "realtimekit_schema_migrations" : "realtimekit.schema_migrations"}`,
  );
  await again.close();
  return { api, mirrored, unchangedRequests, live, answers, migrations: Number(migrations?.count) };
}

/** A time as the API writes it, whichever way the driver read it back. */
function time(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
