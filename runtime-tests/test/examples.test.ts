// The examples in examples/ run as a user runs them, each in its own runtime, against the fake
// served on loopback (the environment points CLOUDFLARE_BASE_URL at it): the Node.js script, the
// Bun script, the Deno script with only the permissions its usage line names; and `pnpm example
// worker`, the Worker under its own wrangler (its tests in workerd: worker-example.test.ts).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { runProcess, runTypeScript } from "@realtimekit-sessions/test-kit";
import type { FakeApi } from "@realtimekit-sessions/testing";
import type { ServedFakeApi } from "@realtimekit-sessions/testing/serve";
import { parse } from "jsonc-parser";
import { afterAll, beforeAll, expect, test } from "vitest";
import { EXAMPLES_DIRECTORY as EXAMPLES, SCRIPTS, serveExampleApi } from "../src/examples.js";

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

test.each(["node", "bun", "deno"])("`pnpm example %s` runs the example against the fake on loopback", async (name) => {
  const { code, stdout, stderr } = await runTypeScript("src/example.ts", [name], {
    cwd: new URL("..", import.meta.url).pathname,
  });

  expect(stderr).toMatch(/^The fake RealtimeKit API is on http:\/\/127\.0\.0\.1:\d+\/client\/v4, with 30 sessions/);
  expect(code).toBe(0);
  expect(stdout).not.toBe("");
});

test("`pnpm example worker` runs the Worker under its own wrangler, its D1 migrated: each route answers, a delivery's retry is a duplicate", async () => {
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
    ["GET", "/usage", "200", "["],
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
