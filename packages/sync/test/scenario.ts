// The convergence scenario of the mirror, shared by the test in this process
// (convergence.test.ts) and the one in workerd (workerd.test.ts, whose Worker bundles this
// file): any interleaving of syncs, webhook deliveries (duplicated, reordered, dropped, replayed
// much later), changes in the app and kills at any statement or request, followed by one more
// sync, and a fresh backfill of the same app to compare with. No test framework here: a Worker
// runs it too.
import { createSessionsClient, type SessionsClient } from "@realtimekit-sessions/client";
import { createFakeApi, type FakeApi } from "@realtimekit-sessions/testing";
import fc from "fast-check";
import { MIRROR_PARTS, type Mirror, type MirrorDatabase, type MirrorOptions, type Queryable } from "../src/common.js";
import { tablesOf } from "./tables.js";

export const NOW = Date.parse("2026-11-30T12:00:00Z");

export type Action =
  | { kind: "sync"; killAt: number | undefined }
  | { kind: "deliver"; pick: number; twice: boolean; killAt: number | undefined }
  | { kind: "drop"; pick: number }
  | { kind: "replay"; pick: number }
  | { kind: "end"; pick: number }
  | { kind: "start"; participants: number }
  | { kind: "summary"; pick: number };

// A kill after this many statements and requests: anywhere in a sync of the first few pages.
const killAt = fc.option(fc.integer({ min: 0, max: 250 }), { nil: undefined, freq: 2 });
const pick = fc.nat({ max: 1_000 });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("sync" as const), killAt }),
  fc.record({ kind: fc.constant("deliver" as const), pick, twice: fc.boolean(), killAt }),
  fc.record({ kind: fc.constant("drop" as const), pick }),
  fc.record({ kind: fc.constant("replay" as const), pick }),
  fc.record({ kind: fc.constant("end" as const), pick }),
  fc.record({ kind: fc.constant("start" as const), participants: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant("summary" as const), pick }),
);
export const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000 }),
  sessions: fc.integer({ min: 10, max: 24 }),
  pageSize: fc.constantFrom(4, 9, 100),
  actions: fc.array(action, { minLength: 1, maxLength: 14 }),
});

/** Thrown at the statement or request a kill falls on: everything after it is lost. */
class Killed extends Error {}

/** A countdown over database statements and API requests: at zero, each one throws. */
function killSwitch() {
  let left: number | undefined;
  return {
    arm(at: number | undefined) {
      left = at;
    },
    step() {
      if (left === undefined) return;
      if (left <= 0) throw new Killed("killed");
      left--;
    },
  };
}

/** The database as the mirror sees it, dying at the kill switch's count. */
function killable(database: MirrorDatabase, kill: ReturnType<typeof killSwitch>): MirrorDatabase {
  const on = (target: Queryable): Queryable => ({
    query: (text, params) => {
      kill.step();
      return target.query(text, params);
    },
    exec: (text) => {
      kill.step();
      return target.exec(text);
    },
  });
  return { ...database, ...on(database), transaction: (work) => database.transaction((tx) => work(on(tx))) };
}

interface Delivery {
  body: string;
  headers: [string, string][];
}

const requestOf = (delivery: Delivery) =>
  new Request("https://mirror.example/webhook", { method: "POST", body: delivery.body, headers: delivery.headers });

/** One value of `scenario`. */
export interface Scenario {
  seed: number;
  sessions: number;
  pageSize: number;
  actions: Action[];
}

/** How a mirror is made: the entry point's `createMirror` (Node.js's, or the Worker's). */
export type CreateMirror = (options: MirrorOptions) => Promise<Mirror>;

/**
 * Plays `scenario` against a mirror in `fresh("main")`, then syncs once more and backfills
 * `fresh("backfill")` from scratch: resolves to both mirrors' tables (equal, if the mirror
 * converges) and how many kills fell.
 */
export async function run(
  createMirror: CreateMirror,
  fresh: (name: string) => Promise<MirrorDatabase>,
  { seed, sessions, pageSize, actions }: Scenario,
) {
  const fake = createFakeApi({ seed, sessions, now: NOW });
  const kill = killSwitch();
  const client = createSessionsClient({
    apiToken: "convergence-token",
    ...fake,
    retries: 0,
    fetch: (request: Request) => {
      kill.step();
      return fake.fetch(request);
    },
  });
  let kills = 0;
  const queue: Delivery[] = [];
  const delivered: Delivery[] = [];
  fake.webhooks.subscribe(async (request) => {
    queue.push({ body: await request.text(), headers: [...request.headers] });
    return new Response("queued");
  });
  const database = killable(await fresh("main"), kill);
  const open = (): Promise<Mirror> => mirrorOf(createMirror, client, database, fake, pageSize);
  let mirror = await open();

  /** Runs `work` with the kill switch armed; a kill leaves the mirror to be opened anew. */
  const killable_ = async (at: number | undefined, work: () => Promise<unknown>) => {
    kill.arm(at);
    try {
      await work();
    } catch (error) {
      if (!(error instanceof Killed) && !String((error as Error)?.message).includes("killed")) throw error;
      kills++;
    } finally {
      kill.arm(undefined);
    }
    if (at !== undefined) mirror = await open();
  };

  for (const step of actions) {
    switch (step.kind) {
      case "sync":
        await killable_(step.killAt, () => mirror.sync());
        break;
      case "deliver": {
        const [delivery] = queue.splice(step.pick % Math.max(queue.length, 1), 1);
        if (!delivery) break;
        let answered = 0;
        await killable_(step.killAt, async () => {
          for (let copy = 0; copy < (step.twice ? 2 : 1); copy++) {
            const response = await mirror.handleWebhook(requestOf(delivery));
            answered = response.status;
            // A refusal of the mirror's own making would be a bug; 503 means RealtimeKit retries.
            if (response.status !== 200 && response.status !== 503) {
              throw new Error(`a delivery was answered ${response.status}: ${await response.text()}`);
            }
          }
        });
        // Answered 200: delivered, and kept for a replay days later; otherwise RealtimeKit retries it.
        if (answered === 200) delivered.push(delivery);
        else queue.push(delivery);
        break;
      }
      case "drop":
        queue.splice(step.pick % Math.max(queue.length, 1), 1);
        break;
      case "replay": {
        const delivery = delivered[step.pick % Math.max(delivered.length, 1)];
        const status = delivery ? (await mirror.handleWebhook(requestOf(delivery))).status : 200;
        if (status !== 200) throw new Error(`a replayed delivery was answered ${status}`);
        break;
      }
      case "end": {
        const live = fake.sessions.filter(({ session }) => session.status === "LIVE");
        const chosen = live[step.pick % Math.max(live.length, 1)];
        if (chosen) await fake.endSession(chosen.session.id);
        break;
      }
      case "start":
        await fake.startSession({ participants: step.participants });
        break;
      case "summary": {
        // Summaries are made for sessions that ended within the mirror's wait for files: one
        // made later, with its delivery lost, is found by `sync({ since })` (see the README).
        const recent = fake.sessions.filter(
          ({ session, transcript }) =>
            session.status === "ENDED" &&
            transcript.length > 0 &&
            NOW - Date.parse(session.ended_at ?? "") < 86_400_000,
        );
        const chosen = recent[step.pick % Math.max(recent.length, 1)];
        if (chosen) await fake.fetch(...summaryRequest(fake, chosen.session.id));
        break;
      }
    }
  }

  await mirror.sync();
  const incremental = await tablesOf(database);
  await mirror.close();
  const backfill = await mirrorOf(createMirror, client, await fresh("backfill"), fake, 100);
  await backfill.sync();
  const fromScratch = await tablesOf(backfill.database);
  await backfill.close();
  // What the API holds in the end, for the backfill to be checked against too.
  const expected = {
    sessions: fake.sessions.length,
    participants: fake.sessions.reduce((sum, { participants }) => sum + participants.length, 0),
  };
  return { tables: incremental, fromScratch, expected, kills };
}

function mirrorOf(
  createMirror: CreateMirror,
  client: SessionsClient,
  database: MirrorDatabase,
  fake: FakeApi,
  pageSize: number,
): Promise<Mirror> {
  return createMirror({
    pageSize,
    client,
    database,
    include: MIRROR_PARTS,
    webhooks: { publicKey: fake.webhooks.publicKey },
    now: () => NOW,
  });
}

/** `generateSummary`'s request, as a client would send it. */
function summaryRequest(fake: FakeApi, sessionId: string): [string, RequestInit] {
  return [
    `${fake.baseUrl}/accounts/${fake.accountId}/realtime/kit/${fake.appId}/sessions/${sessionId}/summary`,
    { method: "POST", headers: { authorization: "Bearer convergence-token" } },
  ];
}
