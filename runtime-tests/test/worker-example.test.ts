// The Worker example (examples/worker) as a Workers developer runs it: bundled from its
// wrangler.jsonc and run in workerd (Miniflare) with local D1, its Queue and its Cron Trigger,
// the token a secret binding. Deliveries are stored and queued before their 200, the consumer
// applies them to the mirror (a failure retried, nothing lost), the cron syncs, and the whole
// development loop runs over loopback: `fake serve`, the Worker, `webhooks trigger`.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { createSessionsClient } from "@realtimekit-sessions/client";
import { fromD1 } from "@realtimekit-sessions/sync";
import { runProcess } from "@realtimekit-sessions/test-kit";
import type { FakeApi } from "@realtimekit-sessions/testing";
import type { ServedFakeApi } from "@realtimekit-sessions/testing/serve";
import { build } from "esbuild";
import { parse } from "jsonc-parser";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, expect, test } from "vitest";
import { EXAMPLES_DIRECTORY as EXAMPLES, serveExampleApi } from "../src/examples.js";

const DIRECTORY = join(EXAMPLES, "worker");
const CLI = new URL("../../packages/cli/bin/realtimekit-sessions.js", import.meta.url).pathname;

interface Config {
  main: string;
  compatibility_date: string;
  compatibility_flags: string[];
  vars: Record<string, string>;
  d1_databases: { binding: string; migrations_dir: string }[];
  queues: {
    producers: { binding: string; queue: string }[];
    consumers: { queue: string; max_batch_size: number; max_batch_timeout: number; max_retries: number }[];
  };
  triggers: { crons: string[] };
}

let config: Config;
let bundle: string;
let served: ServedFakeApi;
let fake: FakeApi;
let env: Record<string, string>;

beforeAll(async () => {
  config = parse(await readFile(join(DIRECTORY, "wrangler.jsonc"), "utf8")) as Config;
  // As wrangler bundles it: an ES module for the browser platform, the workerd conditions (so
  // the sync package gives its Workers entry, without PGlite).
  const built = await build({
    entryPoints: [join(DIRECTORY, config.main)],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    external: ["node:*"],
    write: false,
    logLevel: "error",
  });
  bundle = built.outputFiles[0]?.text ?? "";
  ({ fake, served, env } = await serveExampleApi());
});

afterAll(() => served?.close());

/**
 * The Worker in workerd with the bindings of its wrangler.jsonc, the config's vars and over them
 * `vars` (the fake's, and the secret), its D1 migrated as `wrangler d1 migrations apply` would.
 */
async function startWorker(vars: Record<string, string>, options: { port?: number } = {}) {
  const [database] = config.d1_databases;
  const worker = new Miniflare({
    modulesRoot: DIRECTORY,
    modules: [{ type: "ESModule", path: join(DIRECTORY, "worker.js"), contents: bundle }],
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
    bindings: { ...config.vars, ...vars },
    d1Databases: config.d1_databases.map(({ binding }) => binding),
    queueProducers: Object.fromEntries(config.queues.producers.map(({ binding, queue }) => [binding, queue])),
    queueConsumers: Object.fromEntries(
      config.queues.consumers.map(({ queue, max_batch_size, max_batch_timeout, max_retries }) => [
        queue,
        { maxBatchSize: max_batch_size, maxBatchTimeout: max_batch_timeout, maxRetries: max_retries },
      ]),
    ),
    ...(options.port === undefined ? {} : { host: "127.0.0.1", port: options.port }),
  });
  const url = await worker.ready;
  // Miniflare types its D1 loosely; the sync package's wrapper is all the test uses of it.
  const db = fromD1((await worker.getD1Database(database?.binding ?? "DB")) as never, "the example's D1");
  const migrations = join(DIRECTORY, database?.migrations_dir ?? "migrations");
  for (const file of (await readdir(migrations)).sort()) await db.exec(await readFile(join(migrations, file), "utf8"));
  return { worker, url, db };
}

/** Waits until `check` resolves to something truthy (the queue consumer runs on its own time). */
async function until<T>(check: () => Promise<T>, what: string): Promise<NonNullable<T>> {
  let failure: unknown;
  for (let tries = 0; tries < 300; tries++) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      // Such as the mirror's tables, before the consumer's first run made them.
      failure = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`, { cause: failure });
}

/** The participants the mirror holds for a session, by id. */
async function participantsOf(db: Awaited<ReturnType<typeof startWorker>>["db"], sessionId: string) {
  const rows = await db.query<{ id: string; left_at: string | null }>(
    "SELECT id, left_at FROM realtimekit_participants WHERE session_id = $1 ORDER BY id",
    [sessionId],
  );
  return rows;
}

const endedWithPeople = () =>
  fake.sessions.filter(({ session, participants }) => session.status === "ENDED" && participants.length > 0);

test("the Worker lists ended sessions and streams a transcript, with its token as a secret", async () => {
  const { worker } = await startWorker(env);
  try {
    const list = await worker.dispatchFetch("http://worker.test/sessions");
    const listed = (await list.json()) as { id: string }[];
    const session = fake.sessions.find(
      ({ session, transcript }) => session.status === "ENDED" && transcript.length > 0,
    );
    const transcript = await worker.dispatchFetch(`http://worker.test/sessions/${session?.session.id}/transcript`);
    const missing = await worker.dispatchFetch(
      "http://worker.test/sessions/00000000-0000-4000-8000-000000000000/transcript",
    );

    const newest = fake.sessions
      .filter(({ session }) => session.status === "ENDED")
      .sort((a, b) => Date.parse(b.session.created_at) - Date.parse(a.session.created_at))
      .slice(0, 20);
    expect(list.status).toBe(200);
    expect(listed.map((item) => item.id)).toEqual(newest.map(({ session }) => session.id));
    expect(await transcript.text()).toBe(
      session?.transcript.map((utterance) => `${utterance.participantName}: ${utterance.text}\n`).join(""),
    );
    expect(missing.status).toBe(404);
    expect(config.vars).not.toHaveProperty("CLOUDFLARE_API_TOKEN");
  } finally {
    await worker.dispose();
  }
});

test("a delivery is stored and queued before its 200, its retry is a duplicate, a forgery is refused; the consumer writes the session's participants", async () => {
  const { worker, db } = await startWorker(env);
  try {
    const record = endedWithPeople()[0];
    const sessionId = record?.session.id ?? "";
    const payload = fake.webhooks.event("meeting.ended", sessionId);
    const deliver = async (request: Request, body?: string) =>
      worker.dispatchFetch(request.url, {
        method: "POST",
        headers: Object.fromEntries(request.headers),
        body: body ?? (await request.text()),
      });
    const first = await fake.webhooks.request(payload, { url: "http://worker.test/webhook" });
    const retry = await fake.webhooks.request(payload, { url: "http://worker.test/webhook" });
    const answers = [await deliver(first.clone()), await deliver(retry)];
    const stored = await db.query("SELECT delivery_key FROM webhook_inbox");
    const forged = await deliver(first, JSON.stringify({ ...payload, reason: "forged" }));

    expect(await Promise.all(answers.map((answer) => answer.text()))).toEqual(["ok\n", "duplicate\n"]);
    // Stored when it was answered, whatever the consumer has done since.
    expect(stored).toHaveLength(1);
    expect([forged.status, await forged.text()]).toEqual([401, "bad-signature\n"]);
    const rows = await until(async () => {
      const found = await participantsOf(db, sessionId);
      return found.length === record?.participants.length ? found : undefined;
    }, "the consumer to write the participants");
    expect(rows.map((row) => row.id)).toEqual(record?.participants.map((participant) => participant.id).sort());
    await until(
      async () => (await db.query("SELECT 1 FROM webhook_inbox WHERE applied_at IS NOT NULL")).length === 1,
      "the delivery to be marked applied",
    );
  } finally {
    await worker.dispose();
  }
});

test("the consumer's work fails once (the API refuses a read): the queue retries it, and every row is there afterwards", async () => {
  const { worker, db } = await startWorker(env);
  try {
    const record = endedWithPeople()[1];
    const sessionId = record?.session.id ?? "";
    const before = fake.requests.length;
    // A 400 is not retried by the client: the delivery's work fails, and only the queue tries again.
    fake.fail("listParticipants", { status: 400, times: 1 });
    const delivery = await fake.webhooks.request(fake.webhooks.event("meeting.ended", sessionId), {
      url: "http://worker.test/webhook",
    });
    const answer = await worker.dispatchFetch(delivery.url, {
      method: "POST",
      headers: Object.fromEntries(delivery.headers),
      body: await delivery.text(),
    });
    expect([answer.status, await answer.text()]).toEqual([200, "ok\n"]);

    const rows = await until(async () => {
      const found = await participantsOf(db, sessionId);
      return found.length === record?.participants.length ? found : undefined;
    }, "the retried delivery to write the participants");
    const listings = fake.requests.slice(before).filter((request) => request.operation === "listParticipants");
    expect(listings.map((request) => request.status)).toEqual([400, 200]);
    expect(rows.map((row) => row.id)).toEqual(record?.participants.map((participant) => participant.id).sort());
    const [session] = await db.query<{ status: string; minutes_consumed: number }>(
      "SELECT status, minutes_consumed FROM realtimekit_sessions WHERE id = $1",
      [sessionId],
    );
    expect(session).toEqual({ status: "ENDED", minutes_consumed: record?.session.minutes_consumed });
  } finally {
    await worker.dispose();
  }
});

test("the Cron Trigger mirrors every session, and /usage answers minutes per day from D1", async () => {
  const { worker } = await startWorker(env);
  try {
    // Miniflare types the Worker's handle as a fetcher; it has the runtime's scheduled() too.
    const handle = (await worker.getWorker()) as unknown as {
      scheduled(options: { cron: string }): Promise<{ outcome: string }>;
    };
    const scheduled = await handle.scheduled({ cron: config.triggers.crons[0] ?? "" });
    const usage = (await (await worker.dispatchFetch("http://worker.test/usage")).json()) as {
      day: string;
      sessions: number;
      participant_minutes: number;
    }[];

    expect(scheduled.outcome).toBe("ok");
    const byDay = new Map<string, { sessions: number; minutes: number }>();
    for (const { session } of fake.sessions) {
      const day = session.started_at.slice(0, 10);
      const total = byDay.get(day) ?? { sessions: 0, minutes: 0 };
      byDay.set(day, { sessions: total.sessions + 1, minutes: total.minutes + session.minutes_consumed });
    }
    expect(usage.map(({ day, sessions }) => [day, sessions])).toEqual(
      [...byDay].sort(([a], [b]) => b.localeCompare(a)).map(([day, { sessions }]) => [day, sessions]),
    );
    for (const { day, participant_minutes } of usage) {
      expect(participant_minutes).toBeCloseTo(byDay.get(day)?.minutes ?? -1, 3);
    }
  } finally {
    await worker.dispose();
  }
});

/** The CLI, as a developer runs it in a terminal of their own. */
function cli(args: string[], options: { env?: Record<string, string> } = {}) {
  return runProcess(process.execPath, [CLI, ...args], options);
}

test("the loop: `fake serve` writes .dev.vars, the Worker runs with them, `webhooks trigger meeting.ended` about a served session is stored, then a duplicate", async () => {
  const folder = await mkdtemp(join(tmpdir(), "rtk-worker-loop-"));
  const devVars = join(folder, ".dev.vars");
  const serving: ChildProcess = spawn(
    process.execPath,
    [CLI, "fake", "serve", "--port", "0", "--sessions", "30", "--dev-vars", devVars],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let worker: Miniflare | undefined;
  try {
    let said = "";
    serving.stderr?.on("data", (chunk: Buffer) => {
      said += chunk.toString();
    });
    await until(async () => said.includes("Ctrl-C stops it"), "fake serve to serve");
    const vars = parseEnv(await readFile(devVars, "utf8")) as Record<string, string>;
    const started = await startWorker(vars, { port: 0 });
    worker = started.worker;
    const to = new URL("/webhook", started.url).href;

    const client = createSessionsClient({
      apiToken: vars.CLOUDFLARE_API_TOKEN ?? "",
      accountId: vars.CLOUDFLARE_ACCOUNT_ID ?? "",
      appId: vars.REALTIMEKIT_APP_ID ?? "",
      baseUrl: vars.CLOUDFLARE_BASE_URL,
    });
    // A session that is live on the served fake, ended there, then announced to the Worker.
    const [live] = (await client.listSessions({ status: "LIVE" })).sessions;
    const id = live?.id ?? "";
    const shell = { CLOUDFLARE_BASE_URL: vars.CLOUDFLARE_BASE_URL ?? "" };
    const ended = await cli(["fake", "end-session", id], { env: shell });
    const trigger = () => cli(["webhooks", "trigger", "meeting.ended", "--to", to, "--session", id], { env: shell });
    const first = await trigger();
    const second = await trigger();

    expect([ended.code, ended.stderr]).toEqual([0, ""]);
    expect(JSON.parse(ended.stdout)).toMatchObject({ session: { id, status: "ENDED" }, deliveries: [] });
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(JSON.parse(first.stdout)).toMatchObject({ event: "meeting.ended", session: id, status: 200, body: "ok\n" });
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 200, body: "duplicate\n" });
    const { participants } = await client.listParticipants(id, { per_page: 100 });
    const rows = await until(async () => {
      const found = await participantsOf(started.db, id);
      return found.length === participants.length && found.every((row) => row.left_at) ? found : undefined;
    }, "the Worker to store the ended session's participants");
    expect(rows.map((row) => row.id)).toEqual(participants.map((participant) => participant.id).sort());
  } finally {
    await worker?.dispose();
    serving.kill("SIGINT");
    if (serving.exitCode === null) await once(serving, "exit");
  }
});

test("the Worker's .dev.vars, where its README puts the token, is ignored by git; its example is not", async () => {
  const ignored = await runProcess("git", ["check-ignore", "--quiet", "--no-index", join(DIRECTORY, ".dev.vars")]);
  const example = await runProcess("git", [
    "check-ignore",
    "--quiet",
    "--no-index",
    join(DIRECTORY, ".dev.vars.example"),
  ]);
  expect([ignored.code, example.code]).toEqual([0, 1]);
});
