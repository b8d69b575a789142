// The examples in examples/ run as a user runs them, each in its own runtime, against the fake
// served on loopback (the environment points CLOUDFLARE_BASE_URL at it): the Node.js script, the
// Bun script, the Deno script with only the permissions its usage line names, and the Worker
// bundled from its wrangler.jsonc and run in workerd with the token as a secret binding.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { runProcess, runTypeScript } from "@realtimekit-sessions/test-kit";
import type { FakeApi } from "@realtimekit-sessions/testing";
import type { ServedFakeApi } from "@realtimekit-sessions/testing/serve";
import { build } from "esbuild";
import { parse } from "jsonc-parser";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, expect, test } from "vitest";
import { EXAMPLES_DIRECTORY as EXAMPLES, SCRIPTS, servedTranscriptEvent, serveExampleApi } from "../src/examples.js";

let served: ServedFakeApi;
let fake: FakeApi;
let env: Record<string, string>;

/** Runs a script example as `pnpm example` does, with `args`. */
function runScript(name: keyof typeof SCRIPTS, args: string[] = []) {
  const [command = "", ...rest] = SCRIPTS[name].command();
  return runProcess(command, [...rest, ...args], { cwd: join(EXAMPLES, SCRIPTS[name].folder), env });
}

beforeAll(async () => {
  ({ fake, served, env } = await serveExampleApi());
});

afterAll(() => served?.close());

const ended = () => fake.sessions.filter(({ session }) => session.status === "ENDED");

test("the Node.js script adds up the minutes and prints the longest session's transcript", async () => {
  const { code, stdout, stderr } = await runScript("node");

  const minutes = ended().reduce((sum, { session }) => sum + session.minutes_consumed, 0);
  const longest = ended().reduce((a, b) => (b.session.minutes_consumed > a.session.minutes_consumed ? b : a));
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout.split("\n")[0]).toMatch(new RegExp(`^${ended().length} ended sessions from .* participant-minutes$`));
  expect(stdout).toContain(`: ${minutes.toFixed(1)} participant-minutes`);
  expect(stdout).toContain(`(${longest.session.id})`);
  for (const utterance of longest.transcript)
    expect(stdout).toContain(`  ${utterance.participantName}: ${utterance.text}\n`);
});

test("the Bun script ranks the participants by minutes", async () => {
  const { code, stdout, stderr } = await runScript("bun", ["5"]);

  // The five newest ended sessions, as the script walks them.
  const newest = ended()
    .sort((a, b) => Date.parse(b.session.created_at) - Date.parse(a.session.created_at))
    .slice(0, 5);
  const totals = new Map<string, number>();
  for (const { participants } of newest) {
    for (const participant of participants) {
      const name = participant.display_name ?? "";
      totals.set(name, (totals.get(name) ?? 0) + (participant.duration ?? 0));
    }
  }
  const [top] = [...totals].sort((a, b) => b[1] - a[1]);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout.split("\n")[0]).toBe("Top participants over 5 ended sessions:");
  expect(stdout.split("\n")[1]).toBe(`  ${top?.[0].padEnd(12)} ${top?.[1].toFixed(1)} min`);
});

test("the Deno script lists who is in each live session, with only the permissions it names", async () => {
  const { code, stdout, stderr } = await runScript("deno");

  const live = fake.sessions.filter(({ session }) => session.status === "LIVE");
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout.split("\n")[0]).toBe(`${live.length} live sessions`);
  for (const { session, participants } of live) {
    // As the API lists them: by the time they joined.
    const inCall = participants
      .filter((participant) => !participant.left_at)
      .sort((a, b) => Date.parse(a.joined_at ?? "") - Date.parse(b.joined_at ?? ""))
      .map((participant) => participant.display_name);
    expect(stdout).toContain(`${session.meeting_display_name} (${session.id}): ${inCall.join(", ")}\n`);
  }
});

/** The Worker example, bundled as wrangler bundles it and run in workerd (Miniflare) with its config's vars, over them the fake's. */
async function startWorker() {
  const directory = join(EXAMPLES, "worker");
  const config = parse(await readFile(join(directory, "wrangler.jsonc"), "utf8")) as {
    main: string;
    compatibility_date: string;
    compatibility_flags: string[];
    vars: Record<string, string>;
    kv_namespaces: { binding: string }[];
  };
  const bundle = await build({
    entryPoints: [join(directory, config.main)],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    external: ["node:*"],
    write: false,
    logLevel: "error",
  });
  const worker = new Miniflare({
    modulesRoot: directory,
    modules: [{ type: "ESModule", path: join(directory, "worker.js"), contents: bundle.outputFiles[0]?.text ?? "" }],
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
    // The config's vars, over them the fake's account, app, URL and webhook key, and the secret.
    bindings: { ...config.vars, ...env },
    kvNamespaces: config.kv_namespaces.map(({ binding }) => binding),
  });
  return { worker, config };
}

test("the Worker lists ended sessions and streams a transcript, with its token as a secret", async () => {
  const { worker, config } = await startWorker();
  try {
    const list = await worker.dispatchFetch("http://worker.test/sessions");
    const listed = (await list.json()) as { id: string }[];
    const session = ended().find(({ transcript }) => transcript.length > 0);
    const transcript = await worker.dispatchFetch(`http://worker.test/sessions/${session?.session.id}/transcript`);
    const missing = await worker.dispatchFetch(
      "http://worker.test/sessions/00000000-0000-4000-8000-000000000000/transcript",
    );

    const newest = ended()
      .sort((a, b) => Date.parse(b.session.created_at) - Date.parse(a.session.created_at))
      .slice(0, 20);
    expect(list.status).toBe(200);
    expect(listed.map((item) => item.id)).toEqual(newest.map(({ session }) => session.id));
    expect(transcript.status).toBe(200);
    expect(await transcript.text()).toBe(
      session?.transcript.map((utterance) => `${utterance.participantName}: ${utterance.text}\n`).join(""),
    );
    expect(missing.status).toBe(404);
    expect(config.vars).not.toHaveProperty("CLOUDFLARE_API_TOKEN");
  } finally {
    await worker.dispose();
  }
});

test("the Worker verifies a webhook delivery, answers at once, drops its retry, refuses a forgery, and reads the transcript after", async () => {
  const { worker } = await startWorker();
  try {
    const session = ended().find(({ transcript }) => transcript.length > 0);
    const sessionId = session?.session.id ?? "";
    const payload = await servedTranscriptEvent({ fake, served, env }, sessionId);
    /** A delivery as workerd receives it. */
    const deliver = async (request: Request, body?: string) =>
      worker.dispatchFetch(request.url, {
        method: "POST",
        headers: Object.fromEntries(request.headers),
        body: body ?? (await request.text()),
      });
    const first = await fake.webhooks.request(payload, { url: "http://worker.test/webhook" });
    const retry = await fake.webhooks.request(payload, { url: "http://worker.test/webhook" });
    const answers = [await deliver(first.clone()), await deliver(retry)];
    const forged = await deliver(first, JSON.stringify({ ...payload, meeting: { sessionId: "another" } }));

    expect(await Promise.all(answers.map((answer) => answer.text()))).toEqual(["ok\n", "duplicate\n"]);
    expect([forged.status, await forged.text()]).toEqual([401, "bad-signature\n"]);
    // Miniflare types its namespaces loosely; this is all the test reads of one.
    const kv = (await worker.getKVNamespace("DELIVERIES")) as unknown as { get(key: string): Promise<string | null> };
    let read: string | null = null;
    for (let tries = 0; tries < 100 && read === null; tries++) {
      read = await kv.get(`transcript:${sessionId}`);
      if (read === null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(read).toBe(
      session?.transcript.map((utterance) => `${utterance.participantName}: ${utterance.text}`).join("\n"),
    );
  } finally {
    await worker.dispose();
  }
});

test("the Worker's .dev.vars, where its README puts the token, is ignored by git; its example is not", async () => {
  const worker = new URL("../../examples/worker/", import.meta.url).pathname;
  const ignored = await runProcess("git", ["check-ignore", "--quiet", "--no-index", join(worker, ".dev.vars")]);
  const example = await runProcess("git", ["check-ignore", "--quiet", "--no-index", join(worker, ".dev.vars.example")]);
  expect([ignored.code, example.code]).toEqual([0, 1]);
});

test.each(["node", "bun", "deno"])("`pnpm example %s` runs the example against the fake on loopback", async (name) => {
  const { code, stdout, stderr } = await runTypeScript("src/example.ts", [name], {
    cwd: new URL("..", import.meta.url).pathname,
  });

  expect(stderr).toMatch(/^The fake RealtimeKit API is on http:\/\/127\.0\.0\.1:\d+\/client\/v4, with 30 sessions/);
  expect(code).toBe(0);
  expect(stdout).not.toBe("");
});

test("`pnpm example worker` runs the Worker under its own wrangler: each route answers, a delivery's retry is a duplicate", async () => {
  const { code, stdout, stderr } = await runTypeScript("src/example.ts", ["worker"], {
    cwd: new URL("..", import.meta.url).pathname,
  });

  const answers = [...stdout.matchAll(/^(GET|POST) (\S+) -> (\d+)\n(.*)$/gm)].map(([, method, path, status, first]) => [
    method,
    path?.replace(/[0-9a-f-]{36}/, "<id>"),
    status,
    first,
  ]);
  expect(code, stderr).toBe(0);
  expect(answers).toEqual([
    ["GET", "/sessions", "200", "["],
    ["GET", "/sessions/<id>/transcript", "200", expect.stringMatching(/^[^:\n]+: /)],
    ["POST", "/webhook", "200", "ok"],
    ["POST", "/webhook", "200", "duplicate"],
  ]);
});

test.each(["node", "bun", "deno", "worker"])(
  "the %s example's README gives `pnpm example` as its first command",
  async (name) => {
    const readme = await readFile(join(EXAMPLES, name, "README.md"), "utf8");
    const [, first = ""] = /^```sh\n([\s\S]*?)^```$/m.exec(readme) ?? [];
    expect(first.split("\n")[0]).toMatch(new RegExp(`^pnpm example ${name}\\b`));
  },
);

test("the Worker's wrangler.jsonc names a schema that is installed: its own wrangler's", async () => {
  const directory = join(EXAMPLES, "worker");
  const { $schema } = parse(await readFile(join(directory, "wrangler.jsonc"), "utf8")) as { $schema: string };
  await expect(readFile(join(directory, $schema), "utf8").then((text) => JSON.parse(text).$schema)).resolves.toMatch(
    /json-schema/,
  );
});
