// The development loop of a webhook endpoint, as a Workers developer runs it from two terminals:
// `fake serve` (its variables printed and written to .dev.vars), then `webhooks trigger` and
// `fake end-session` told its URL, acting on that served fake's sessions; and flags a command
// would ignore, refused.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { createSessionsClient, RealtimeKitApiError } from "@realtimekit-sessions/client";
import { createWebhookVerifier, deliveryKey } from "@realtimekit-sessions/client/webhooks";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { run } from "./io.js";

const realFetch = (request: Request) => fetch(request);

/** `fake serve` run in this process until `stop()`, with what it printed once it is up. */
async function serve(argv: string[]) {
  const interrupt = new AbortController();
  let up: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    up = resolve;
  });
  const done = run(["fake", "serve", "--port", "0", ...argv], {
    fetch: realFetch,
    signal: interrupt.signal,
    stdout: { isTTY: true },
    stderr: { onWrite: (text) => text.startsWith("Serving") && up() },
  });
  await Promise.race([ready, done]);
  return {
    done,
    stop: async () => {
      interrupt.abort();
      return done;
    },
  };
}

/** An endpoint on loopback like a developer's: verifies with the served key, de-duplicates, reads the session's participants. */
async function endpoint(vars: Record<string, string>) {
  const verifier = createWebhookVerifier({ keyUrl: vars.REALTIMEKIT_WEBHOOK_KEY_URL ?? "" });
  const client = createSessionsClient({
    apiToken: vars.CLOUDFLARE_API_TOKEN ?? "",
    accountId: vars.CLOUDFLARE_ACCOUNT_ID ?? "",
    appId: vars.REALTIMEKIT_APP_ID ?? "",
    baseUrl: vars.CLOUDFLARE_BASE_URL,
  });
  const seen = new Set<string>();
  const stored: { session: string; participants: number }[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request("http://endpoint.test/webhook", {
      method: "POST",
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    });
    const event = (await verifier.verify(request.clone())) as { meeting?: { sessionId?: string } };
    const key = await deliveryKey(request);
    if (seen.has(key)) return void res.end("duplicate\n");
    seen.add(key);
    const session = event.meeting?.sessionId ?? "";
    const { participants } = await client.listParticipants(session, { per_page: 100 });
    stored.push({ session, participants: participants.length });
    res.end("ok\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  return { url, stored, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("a served fake, and the commands told its URL", () => {
  let served: Awaited<ReturnType<typeof serve>>;
  let vars: Record<string, string>;
  let devVars: string;

  beforeAll(async () => {
    devVars = join(await mkdtemp(join(tmpdir(), "rtk-dev-loop-")), ".dev.vars");
    await writeFile(devVars, "# mine\nOTHER=kept\nCLOUDFLARE_API_TOKEN=fake-from-last-time\n");
    served = await serve(["--sessions", "40", "--seed", "7", "--dev-vars", devVars]);
    vars = parseEnv(await readFile(devVars, "utf8")) as Record<string, string>;
  });
  afterAll(async () => {
    const stopped = await served.stop();
    expect([stopped.code, stopped.stderr]).toEqual([0, expect.stringMatching(/Stopped\.\n$/)]);
  });

  test("fake serve prints the variables, writes them into .dev.vars beside its other lines, and checks the token", async () => {
    const text = await readFile(devVars, "utf8");
    expect(text.startsWith("# mine\nOTHER=kept\nCLOUDFLARE_API_TOKEN=fake-")).toBe(true);
    expect(Object.keys(vars).sort()).toEqual(
      [
        "CLOUDFLARE_ACCOUNT_ID",
        "CLOUDFLARE_API_TOKEN",
        "CLOUDFLARE_BASE_URL",
        "OTHER",
        "REALTIMEKIT_APP_ID",
        "REALTIMEKIT_WEBHOOK_KEY_URL",
      ].sort(),
    );
    expect(vars.CLOUDFLARE_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
    expect(vars.REALTIMEKIT_WEBHOOK_KEY_URL).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/storage\/\.well-known\/webhooks\.json$/,
    );
    const settings = {
      accountId: vars.CLOUDFLARE_ACCOUNT_ID ?? "",
      appId: vars.REALTIMEKIT_APP_ID ?? "",
      baseUrl: vars.CLOUDFLARE_BASE_URL,
    };
    const listed = await createSessionsClient({
      ...settings,
      apiToken: vars.CLOUDFLARE_API_TOKEN ?? "",
    }).listSessions();
    expect(listed.paging?.total_count).toBe(40);
    const refused = await createSessionsClient({ ...settings, apiToken: "another" })
      .listSessions()
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RealtimeKitApiError);
    expect((refused as RealtimeKitApiError).status).toBe(401);
  });

  test("webhooks trigger --base-url sends a delivery about the served fake's session; the endpoint reads it there, and a repeat is a duplicate", async () => {
    const target = await endpoint(vars);
    try {
      const trigger = () =>
        run(
          ["webhooks", "trigger", "meeting.ended", "--to", target.url, "--base-url", vars.CLOUDFLARE_BASE_URL ?? ""],
          {
            fetch: realFetch,
            stdout: { isTTY: true },
          },
        );
      const first = await trigger();
      const second = await trigger();
      const [, session] = /about session (\S+) ->/.exec(first.stdout) ?? [];

      expect([first.code, second.code]).toEqual([0, 0]);
      expect(first.stdout).toBe(`meeting.ended about session ${session} -> ${target.url}: HTTP 200\nok\n`);
      expect(second.stdout).toBe(`meeting.ended about session ${session} -> ${target.url}: HTTP 200\nduplicate\n`);
      expect(target.stored).toEqual([{ session, participants: expect.any(Number) }]);
      expect(target.stored[0]?.participants).toBeGreaterThan(0);
    } finally {
      await target.close();
    }
  });

  test("fake end-session ends the served fake's live session; the API then tells it ended, and a second end is refused", async () => {
    const client = createSessionsClient({
      apiToken: vars.CLOUDFLARE_API_TOKEN ?? "",
      accountId: vars.CLOUDFLARE_ACCOUNT_ID ?? "",
      appId: vars.REALTIMEKIT_APP_ID ?? "",
      baseUrl: vars.CLOUDFLARE_BASE_URL,
    });
    const [live] = (await client.listSessions({ status: "LIVE" })).sessions;
    const id = live?.id ?? "";
    // The URL from the environment, as a shell that loaded .dev.vars gives it.
    const env = { CLOUDFLARE_BASE_URL: vars.CLOUDFLARE_BASE_URL };
    const ended = await run(["fake", "end-session", id], { env, fetch: realFetch, stdout: { isTTY: true } });
    const again = await run(["fake", "end-session", id], { env, fetch: realFetch });

    expect(ended.code).toBe(0);
    expect(ended.stdout).toMatch(new RegExp(`^Session ${id} ended at \\S+, [\\d.]+ participant-minutes\\.\\n$`));
    const session = await client.getSession(id);
    expect(session.status).toBe("ENDED");
    const { participants } = await client.listParticipants(id);
    for (const participant of participants) {
      const minutes = (Date.parse(participant.left_at ?? "") - Date.parse(participant.joined_at ?? "")) / 60_000;
      expect(participant.duration).toBeCloseTo(minutes, 3);
    }
    expect([again.code, again.stderr]).toEqual([
      1,
      `error: The fake at ${new URL(vars.CLOUDFLARE_BASE_URL ?? "").origin} says: session ${id} has already ended.\n`,
    ]);
  });

  test("webhooks trigger about a session the served fake does not have is refused by it, nothing sent", async () => {
    const result = await run(
      ["webhooks", "trigger", "meeting.ended", "--to", "http://127.0.0.1:1/webhook", "--session", "nope"],
      { env: { CLOUDFLARE_BASE_URL: vars.CLOUDFLARE_BASE_URL }, fetch: realFetch },
    );
    expect([result.code, result.stdout]).toEqual([1, ""]);
    expect(result.stderr).toMatch(
      /^error: The fake at http:\/\/127\.0\.0\.1:\d+ says: the fake has no session "nope"\.\n$/,
    );
  });
});

test("fake serve leaves a real token in .dev.vars alone unless --force, and then keeps the file's other lines", async () => {
  const devVars = join(await mkdtemp(join(tmpdir(), "rtk-dev-vars-")), ".dev.vars");
  const mine = "CLOUDFLARE_API_TOKEN=my-real-token\nOTHER=1\n";
  await writeFile(devVars, mine);
  const refused = await run(["fake", "serve", "--port", "0", "--dev-vars", devVars], { secret: "my-real-token" });
  expect([refused.code, refused.stdout]).toEqual([1, ""]);
  expect(refused.stderr).toMatch(/holds a CLOUDFLARE_API_TOKEN that is not a fake's: pass --force/);
  expect(await readFile(devVars, "utf8")).toBe(mine);

  const forced = await serve(["--dev-vars", devVars, "--force"]);
  await forced.stop();
  const written = parseEnv(await readFile(devVars, "utf8"));
  expect(written.CLOUDFLARE_API_TOKEN).toMatch(/^fake-[0-9a-f]{24}$/);
  expect(written.OTHER).toBe("1");
});

test.each([
  [["webhooks", "key", "--token", "t"], "webhooks key does not use --token"],
  [
    ["--account", "a", "webhooks", "trigger", "meeting.ended", "--to", "http://127.0.0.1:1/"],
    "webhooks trigger does not use --account",
  ],
  [["fake", "serve", "--base-url", "http://127.0.0.1:1/"], "fake serve does not use --base-url"],
  [["--fake", "--app", "x", "sql", "SELECT 1"], "sql does not use --app or --fake"],
  [["usage", "--token", "t"], "usage does not use --token"],
])("%j: a flag the command would ignore is refused, exit 2", async (argv, message) => {
  const result = await run(argv as string[], { fetch: realFetch });
  expect(result.code).toBe(2);
  expect(result.stderr.split("\n")[0]).toBe(`error: ${message}.`);
});

test("fake end-session needs the served fake's URL; --fake and --base-url together name two fakes", async () => {
  const alone = await run(["fake", "end-session", "x"]);
  const both = await run([
    "--fake",
    "--base-url",
    "http://127.0.0.1:1/",
    "webhooks",
    "trigger",
    "meeting.ended",
    "--to",
    "http://127.0.0.1:1/",
  ]);
  expect([alone.code, alone.stderr]).toEqual([2, expect.stringMatching(/acts on a served fake: give its --base-url/)]);
  expect([both.code, both.stderr]).toEqual([2, "error: --fake and --base-url name two fakes: give one.\n"]);
});

test("writeDevVars: any .dev.vars keeps its other lines' values and gets the fake's; a real token is left alone unless forced (property)", async () => {
  const { writeDevVars } = await import("../src/fake/serve.js");
  const folder = await mkdtemp(join(tmpdir(), "rtk-dev-vars-property-"));
  const ours = {
    CLOUDFLARE_BASE_URL: "http://127.0.0.1:8788/client/v4",
    CLOUDFLARE_ACCOUNT_ID: "a",
    REALTIMEKIT_APP_ID: "b",
    CLOUDFLARE_API_TOKEN: "fake-0123",
    REALTIMEKIT_WEBHOOK_KEY_URL: "http://127.0.0.1:8788/storage/.well-known/webhooks.json",
  };
  const name = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,12}$/).filter((key) => !(key in ours));
  const value = fc.stringMatching(/^[\w.:/-]{0,20}$/);
  const line = fc.oneof(
    fc.tuple(name, value).map(([key, text]) => ({ key, text, line: `${key}=${text}` })),
    fc.constantFrom("# a comment", "").map((text) => ({ key: undefined, text, line: text })),
  );
  const token = fc.option(fc.oneof(fc.constant("fake-old"), fc.constant("my-real-token")), { nil: undefined });
  let file = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(line, { maxLength: 8 }), token, fc.boolean(), async (lines, existing, force) => {
      const path = join(folder, `${file++}.dev.vars`);
      const text = [
        ...lines.map((entry) => entry.line),
        ...(existing ? [`CLOUDFLARE_API_TOKEN=${existing}`] : []),
      ].join("\n");
      await writeFile(path, text);
      const refused = await writeDevVars(path, ours, force).then(
        () => false,
        () => true,
      );
      const after = await readFile(path, "utf8");
      if (existing === "my-real-token" && !force) {
        expect([refused, after]).toEqual([true, text]);
        return;
      }
      expect(refused).toBe(false);
      const parsed = parseEnv(after);
      const expected: Record<string, string> = {};
      for (const entry of lines) if (entry.key) expected[entry.key] = entry.text;
      expect(parsed).toEqual({ ...expected, ...ours });
    }),
    { seed: 7, numRuns: 200 },
  );
});

test("fake serve --webhook delivers the fake's own events there: fake end-session sends meeting.ended, then the chat and transcript", async () => {
  const received: string[] = [];
  const target = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push((JSON.parse(Buffer.concat(chunks).toString()) as { event: string }).event);
    res.end("ok\n");
  });
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/webhook`;
  const folder = await mkdtemp(join(tmpdir(), "rtk-dev-webhook-"));
  const served = await serve(["--sessions", "20", "--webhook", url, "--dev-vars", join(folder, ".dev.vars")]);
  try {
    const vars = parseEnv(await readFile(join(folder, ".dev.vars"), "utf8")) as Record<string, string>;
    const client = createSessionsClient({
      apiToken: vars.CLOUDFLARE_API_TOKEN ?? "",
      accountId: vars.CLOUDFLARE_ACCOUNT_ID ?? "",
      appId: vars.REALTIMEKIT_APP_ID ?? "",
      baseUrl: vars.CLOUDFLARE_BASE_URL,
    });
    const [live] = (await client.listSessions({ status: "LIVE" })).sessions;
    const ended = await run(["fake", "end-session", live?.id ?? ""], {
      env: { CLOUDFLARE_BASE_URL: vars.CLOUDFLARE_BASE_URL },
      fetch: realFetch,
    });
    const { deliveries } = JSON.parse(ended.stdout) as { deliveries: { event: string; status: number }[] };

    expect(ended.code).toBe(0);
    expect(deliveries[0]).toEqual({ event: "meeting.ended", status: 200 });
    expect(deliveries.every(({ status }) => status === 200)).toBe(true);
    expect(received).toEqual(deliveries.map(({ event }) => event));
  } finally {
    await served.stop();
    await new Promise((resolve) => target.close(resolve));
  }
});
