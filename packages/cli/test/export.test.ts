// The export, in-process: what it writes and in which order, where, and what it does when the
// file system, the storage host or the rate-limit headers misbehave.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { virtualClock } from "@realtimekit-sessions/test-kit";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { TOKEN, withFake } from "./fake.js";
import { lines } from "./io.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "cli-export-"));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

const records = async (path: string) => lines(await readFile(path, "utf8")).map((line) => JSON.parse(line));

describe("what it writes", () => {
  test("every matching session with its participants and files, oldest first", async () => {
    const { fake, cli } = withFake({ sessions: 30 });
    const out = join(directory, "sessions.ndjson");

    const { code, stderr } = await cli([
      ...["export", "--status", "ENDED", "--include", "participants"],
      ...["--out", out, "--files", join(directory, "files"), "--concurrency", "4"],
    ]);

    const written = await records(out);
    const ended = fake.sessions
      .map(({ session }) => session)
      .filter((session) => session.status === "ENDED")
      .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    expect(code).toBe(0);
    expect(stderr).toMatch(
      new RegExp(`^Exported ${ended.length} sessions to .* in [\\d.]+ s: \\d+ requests, 0 rate-limited\\.\\n$`),
    );
    expect(written.map((record) => record.id)).toEqual(ended.map((session) => session.id));
    for (const record of written) {
      const seeded = fake.sessions.find(({ session }) => session.id === record.id);
      expect(record.participants.map((item: { id: string }) => item.id).sort()).toEqual(
        seeded?.participants.map((item) => item.id).sort(),
      );
      if (seeded?.chat.length) {
        expect(await readFile(join(directory, "files", `${record.id}.chat.csv`), "utf8")).toContain(
          seeded.chat[0]?.payload ?? "",
        );
      }
    }
    expect((await readdir(join(directory, "files"))).filter((name) => name.endsWith(".partial"))).toEqual([]);
  });

  test("without --out, to standard output in creation order, and no progress on the terminal the lines go to", async () => {
    const { fake, cli } = withFake({ sessions: 25 });

    const { stdout, stderr } = await cli(["export", "--json"], { stdout: { isTTY: true }, stderr: { isTTY: true } });

    const ids = lines(stdout).map((line) => JSON.parse(line).id);
    const oldestFirst = fake.sessions
      .map(({ session }) => session)
      .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    expect(ids).toEqual(oldestFirst.map((session) => session.id));
    expect(stderr).not.toContain("Exporting");
  });

  test("with --out on a terminal, progress on standard error", async () => {
    const { cli } = withFake({ sessions: 25 });
    const { stderr } = await cli(["export", "--out", join(directory, "x.ndjson")], { stderr: { isTTY: true } });
    expect(stderr).toMatch(/Exporting 25\/25 sessions \| [\d.]+\/s/);
  });

  test("creates the folders --out needs, and says nothing of its state file", async () => {
    const { cli } = withFake({ sessions: 3 });
    const out = join(directory, "missing", "deeper", "x.ndjson");

    const { code, stderr } = await cli(["export", "--out", out]);

    expect(code).toBe(0);
    expect(await records(out)).toHaveLength(3);
    expect(stderr).not.toContain(".export.json");
  });

  test("refuses to append to a file another export wrote", async () => {
    const { cli } = withFake({ sessions: 3 });
    const out = join(directory, "x.ndjson");
    await cli(["export", "--out", out]);

    const other = await cli(["export", "--status", "LIVE", "--out", out]);

    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^error: .* exists and was not written by an export with these arguments: [^\n]+\n$/);
  });

  test("continues a file a killed run left with a half line, without a duplicate", async () => {
    const { fake, cli } = withFake({ sessions: 10 });
    const out = join(directory, "x.ndjson");
    await cli(["export", "--out", out]);
    const [first, second] = lines(await readFile(out, "utf8"));
    await writeFile(out, `${first}\n${second}\n${'{"id":"half'}`);

    const again = await cli(["export", "--out", out]);

    expect(again.stderr).toContain(`Resuming the export into ${out}: 2 sessions are already there.`);
    expect((await records(out)).map((record) => record.id).sort()).toEqual(
      fake.sessions.map(({ session }) => session.id).sort(),
    );
  });
});

describe("file-system failures are one line naming the path given", () => {
  test.each([
    [
      "a folder that cannot be written",
      "/sys/realtimekit-export.ndjson",
      /^error: Cannot write \/sys\/realtimekit-export\.ndjson: (permission denied|the file system is read-only)\.\n$/,
    ],
    [
      "a file where a folder should be",
      "FILE/x.ndjson",
      /^error: Cannot create the folder of .*FILE\/x\.ndjson: (a part of the path is not a folder|something else is in the way)\.\n$/,
    ],
    ["a folder as the file", "", /^error: --out .* is a folder: give a file name\.\n$/],
  ])("%s", async (_, given, expected) => {
    await writeFile(join(directory, "FILE"), "");
    const out = given.startsWith("/") ? given : join(directory, given);
    const { cli } = withFake({ sessions: 3 });

    const { code, stderr } = await cli(["export", "--out", out]);

    expect(code).not.toBe(0);
    expect(stderr).toMatch(expected);
  });

  test("--files in a place that cannot be written", async () => {
    const { cli } = withFake({ sessions: 3 });
    const { code, stderr } = await cli(["export", "--files", "/sys/realtimekit-files"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: Cannot create the folder \/sys\/realtimekit-files: [^\n]+\.\n$/);
  });
});

test("--files downloads through the client: a storage host that fails is a typed one-line error", async () => {
  const { fake, cli } = withFake({ sessions: [{ status: "ENDED", chat: 2 }] });
  const storage = (request: Request) =>
    request.url.startsWith(fake.storageUrl)
      ? Promise.resolve(new Response("<html>", { status: 500 }))
      : fake.fetch(request);

  const { code, stderr } = await cli(["export", "--files", join(directory, "files")], { fetch: storage });

  expect(code).toBe(1);
  expect(stderr).toMatch(/^error: downloadChat: the storage host answered HTTP 500 for the download link\.\n$/);
  expect(await readdir(join(directory, "files"))).toEqual([]);
});

describe("pacing: one clock per request", () => {
  /** The fake's answers, with these rate-limit headers instead of its own. */
  const withHeaders =
    (fetch: (request: Request) => Promise<Response>, limit: () => Record<string, string>) =>
    async (request: Request) => {
      const answer = await fetch(request);
      const headers = new Headers(answer.headers);
      for (const [name, value] of Object.entries(limit())) headers.set(name, value);
      return new Response(answer.body, { status: answer.status, headers });
    };

  test("headers that contradict the answers (r=0;t=0 on every 200) neither stall nor silence the export", async () => {
    const { fake, cli } = withFake({ sessions: 120 });
    const clock = virtualClock();
    const started = clock.now();
    const contradicting = withHeaders(fake.fetch, () => ({
      ratelimit: '"default";r=0;t=0',
      "ratelimit-policy": '"default";q=0;w=0',
    }));

    const { code, stdout, stderr } = await clock.run(
      cli(["export", "--include", "participants"], { fetch: contradicting, clock }),
    );

    expect(code).toBe(0);
    expect(lines(stdout)).toHaveLength(120);
    // Every request went out as soon as it could: no wait at all on the clock.
    expect(clock.now()).toBe(started);
    expect(stderr).toMatch(/^Exported 120 sessions in [\d.]+ s: \d+ requests, 0 rate-limited\.\n$/);
  });

  test("a wait longer than 5 s is said once on standard error, even when it is no terminal", async () => {
    const { fake, cli } = withFake({ sessions: 30 });
    const clock = virtualClock();
    let window = { start: clock.now(), used: 0 };
    // 20 requests a minute: the export needs more, so it waits for the next window.
    const limited = withHeaders(fake.fetch, () => {
      if (clock.now() >= window.start + 60_000) window = { start: clock.now(), used: 0 };
      window.used++;
      const reset = Math.ceil((window.start + 60_000 - clock.now()) / 1000);
      return {
        ratelimit: `"default";r=${Math.max(0, 20 - window.used)};t=${reset}`,
        "ratelimit-policy": '"default";q=20;w=60',
      };
    });
    const out = join(directory, "paced.ndjson");

    const { code, stderr } = await clock.run(
      cli(["export", "--include", "participants", "--out", out, "--max-share", "1"], { fetch: limited, clock }),
    );

    expect(code).toBe(0);
    const [wait, ...rest] = lines(stderr);
    expect(wait).toMatch(
      /^Waiting (59|60) s for the rate limit's window to reset \(no requests are left in it\)\. Ctrl-C stops; run the same command again to resume\.$/,
    );
    expect(rest.filter((line) => line.startsWith("Waiting"))).toHaveLength(rest.length - 1);
    expect(rest.at(-1)).toMatch(/^Exported 30 sessions to /);
    expect(await records(out)).toHaveLength(30);
  });

  test("a request slow after it was sent is a timeout, and the CLI says to raise --timeout", async () => {
    const { fake, cli } = withFake({ sessions: 5 });
    const hanging = (request: Request) =>
      new URL(request.url).pathname.endsWith("/participants")
        ? new Promise<Response>((_, reject) =>
            request.signal.addEventListener("abort", () => reject(request.signal.reason)),
          )
        : fake.fetch(request);

    const { code, stderr } = await cli(["export", "--include", "participants", "--timeout", "0.05"], {
      fetch: hanging,
    });

    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: The API did not answer in time: listParticipants: no complete answer within 50 ms \(after 3 attempts\)\. Try again, or raise --timeout\.\n$/,
    );
  });
});

test("an interrupt stops the export at once, says how to resume, exit 130", async () => {
  const { fake, cli } = withFake({ sessions: 30 });
  const out = join(directory, "x.ndjson");
  const controller = new AbortController();
  let answered = 0;
  const interrupting = async (request: Request) => {
    if (++answered === 10) controller.abort(new Error("Interrupted"));
    return fake.fetch(request);
  };

  const { code, stderr } = await cli(["export", "--include", "participants", "--out", out], {
    fetch: interrupting,
    signal: controller.signal,
  });

  const written = (await records(out)).length;
  expect(code).toBe(130);
  expect(written).toBeLessThan(30);
  expect(stderr).toBe(`Interrupted after ${written} sessions to ${out}. Run the same command again to resume.\n`);
});

test("the token never reaches the output file", async () => {
  const { cli } = withFake({ sessions: 5 });
  const out = join(directory, "x.ndjson");
  await cli(["export", "--include", "participants", "--out", out]);
  expect(await readFile(out, "utf8")).not.toContain(TOKEN);
});

test("lines are written while the list is still being read: memory holds a window, not every session", async () => {
  const { fake } = withFake({ sessions: 250 });
  let written = 0;
  // The list's third page waits until a line is out: an export that lists everything first never
  // gets there. Everything here is in-process, so turns of the event loop, not time, measure it.
  const gated = async (request: Request) => {
    if (new URL(request.url).searchParams.get("page_no") === "3") {
      for (let turn = 0; written === 0 && turn < 10_000; turn++) await new Promise((resolve) => setImmediate(resolve));
      if (written === 0) return new Response("never", { status: 400 });
    }
    return fake.fetch(request);
  };
  const stdout = {
    isTTY: false,
    columns: undefined,
    text: "",
    async write(text: string) {
      written++;
      stdout.text += text;
    },
  };
  const { runCli } = await import("../src/main.js");
  const clock = virtualClock();
  const code = await clock.run(
    runCli(["export"], {
      stdout,
      stderr: { isTTY: false, columns: undefined, write: async () => {} },
      env: { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: fake.accountId, REALTIMEKIT_APP_ID: fake.appId },
      clock,
      fetch: gated,
      signal: new AbortController().signal,
    }),
  );
  expect(code).toBe(0);
  expect(lines(stdout.text)).toHaveLength(250);
});

test("a window of sessions saving their files at once: no listener-leak warning on standard error", async () => {
  const { fake, cli } = withFake({ sessions: 40 });
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.name);
  process.on("warning", onWarning);
  try {
    // Each answer is held for a few turns of the event loop, so that every request of the
    // window is in flight at once.
    const slow = async (request: Request) => {
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
      return fake.fetch(request);
    };
    const { code } = await cli(
      ["export", "--include", "participants", "--files", join(directory, "files"), "--concurrency", "16"],
      { fetch: slow },
    );
    await new Promise((resolve) => setImmediate(resolve));

    expect(code).toBe(0);
    expect(warnings).toEqual([]);
  } finally {
    process.off("warning", onWarning);
  }
});
