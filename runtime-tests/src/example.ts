// `pnpm example <node|bun|deno|worker> [arguments]`: runs one of the examples against the fake
// of the API served on loopback, so that it can be tried without an account. A script example
// runs to its end with your arguments; the Worker runs under its own wrangler (`wrangler dev`),
// gets the requests its README shows, one of each route, and is stopped.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLES_DIRECTORY, SCRIPTS, type ServedExampleApi, serveExampleApi } from "./examples.js";

const NAMES = [...Object.keys(SCRIPTS), "worker"];
const [name = "", ...args] = process.argv.slice(2);

if (!NAMES.includes(name)) {
  process.stderr.write(`Usage: pnpm example <${NAMES.join("|")}> [arguments]\n`);
  process.exit(2);
}

const api = await serveExampleApi();
process.stderr.write(
  `The fake RealtimeKit API is on ${api.served.baseUrl}, with ${api.fake.sessions.length} sessions; ` +
    `examples/${name} gets it through CLOUDFLARE_BASE_URL and the other variables its README names.\n\n`,
);
try {
  process.exitCode = name === "worker" ? await runWorker(api) : await runScript(name as keyof typeof SCRIPTS, api);
} finally {
  await api.served.close();
}

async function runScript(script: keyof typeof SCRIPTS, { env }: ServedExampleApi): Promise<number> {
  const [command = "", ...rest] = SCRIPTS[script].command();
  const child = spawn(command, [...rest, ...args], {
    cwd: join(EXAMPLES_DIRECTORY, SCRIPTS[script].folder),
    env: { ...process.env, ...env },
    stdio: "inherit",
  });
  const [code] = (await once(child, "exit")) as [number | null];
  return code ?? 1;
}

async function runWorker(api: ServedExampleApi): Promise<number> {
  const { fake, env } = api;
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const directory = join(EXAMPLES_DIRECTORY, "worker");
  const wranglerBin = join(directory, "node_modules/.bin/wrangler");
  // A local D1 (and queue) of this run's own, gone after it: a delivery of the last run is not a duplicate of this one's.
  const state = await mkdtemp(join(tmpdir(), "rtk-example-worker-"));
  // No metrics, and no fetch of the `request.cf` object from Cloudflare: nothing leaves loopback.
  const quiet = {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    NO_UPDATE_NOTIFIER: "1",
  };
  const migrate = spawn(wranglerBin, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
    cwd: directory,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...quiet, CI: "true" },
  });
  const [migrated] = (await once(migrate, "exit")) as [number | null];
  if (migrated !== 0) throw new Error(`wrangler d1 migrations apply exited with ${migrated}`);
  const wrangler = spawn(
    wranglerBin,
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      state,
      ...Object.entries(env).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
    ],
    {
      cwd: directory,
      // Its own process group, so that stopping it stops the workerd it starts.
      detached: true,
      stdio: ["ignore", "inherit", "inherit"],
      env: quiet,
    },
  );
  try {
    await untilAnswering(origin, wrangler);
    const sessions = (await show("GET", `${origin}/sessions`)) as { id: string }[];
    const withTranscript = fake.sessions.find(
      ({ session, transcript }) => session.status === "ENDED" && transcript.length > 0,
    );
    const sessionId = withTranscript?.session.id ?? sessions[0]?.id ?? "";
    await show("GET", `${origin}/sessions/${sessionId}/transcript`);
    // A delivery signed by the fake, under the key the Worker fetches from it: "ok" (stored and
    // queued), then "duplicate" when RealtimeKit retries it.
    const event = fake.webhooks.event("meeting.ended", sessionId);
    for (let delivery = 0; delivery < 2; delivery++) {
      const request = await fake.webhooks.request(event, { url: `${origin}/webhook` });
      await show("POST", request.url, request);
    }
    // The queue's consumer applies it on its own time; what the mirror holds by then, per day.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await show("GET", `${origin}/usage`);
    return 0;
  } finally {
    if (wrangler.pid !== undefined && wrangler.exitCode === null) process.kill(-wrangler.pid, "SIGTERM");
    await rm(state, { recursive: true, force: true });
  }
}

/** Sends one request to the Worker and prints it with the answer; resolves to the answer's JSON, if any. */
async function show(method: string, url: string, request?: Request): Promise<unknown> {
  const answer = await fetch(request ?? new Request(url, { method }));
  const text = await answer.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {}
  // A list one item a line; anything else as it came.
  const shown = Array.isArray(json)
    ? `[\n${json.map((item) => `  ${JSON.stringify(item)}`).join(",\n")}\n]`
    : text.trimEnd();
  process.stdout.write(`\n${method} ${new URL(url).pathname} -> ${answer.status}\n${shown}\n`);
  return json;
}

async function untilAnswering(origin: string, child: ChildProcess): Promise<void> {
  while (child.exitCode === null) {
    try {
      await (await fetch(origin, { signal: AbortSignal.timeout(1_000) })).body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`wrangler dev exited (code ${child.exitCode}) before the Worker answered`);
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("could not find a free port");
  return address.port;
}
