// Generated command lines against the built binary: whatever the arguments, flags, values,
// paths and servers, the CLI ends with 0, 1, 2, 3 (the mirror's database) or 130 within 20 s,
// says at most three lines of error, never a stack trace, and never the token. It runs in a
// folder of its own, where a default mirror or report would be made.

import { spawn } from "node:child_process";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACCOUNT, APP } from "@realtimekit-sessions/test-kit";
import { createFakeApi } from "@realtimekit-sessions/testing";
import { type ServedFakeApi, serveFakeApi } from "@realtimekit-sessions/testing/serve";
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { CLI, TOKEN } from "./fake.js";

/** A run still going after this long hangs: far past what any command takes on a loaded machine. */
const HUNG_MS = 180_000;
const STACK_RE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

let served: ServedFakeApi;
let folder: string;
beforeAll(async () => {
  served = await serveFakeApi(createFakeApi({ apiToken: TOKEN, sessions: 30 }));
  folder = await mkdtemp(join(tmpdir(), "realtimekit-cli-property-"));
});
afterAll(async () => {
  await served?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const commands = fc.constantFrom(
  ["sessions", "list"],
  ["sessions", "get"],
  ["sessions"],
  ["participants"],
  ["participant"],
  ["peer-report"],
  ["chat"],
  ["transcript"],
  ["summary"],
  ["export"],
  ["webhooks"],
  ["webhooks", "key"],
  ["webhooks", "trigger", "meeting.transcript"],
  ["webhooks", "trigger", "meeting.nope"],
  ["usage"],
  ["report", "--json"],
  // Not `fake serve`: it serves until Ctrl-C (dev-loop.test.ts runs it and stops it).
  ["fake"],
  ["fake", "end-session"],
  [],
);
const flags = fc.constantFrom(
  "--by",
  "--database",
  "--session",
  "--status",
  "--from",
  "--to",
  "--search",
  "--meeting",
  "--participants",
  "--sort",
  "--order",
  "--per-page",
  "--page",
  "--all",
  "--breakout-rooms",
  "--section",
  "--format",
  "--generate",
  "--wait",
  "--max-wait",
  "--include",
  "--out",
  "--files",
  "--concurrency",
  "--max-share",
  "--to",
  "--session",
  "--json",
  "--verbose",
  "--timeout",
  "--base-url",
  "--help",
  "--version",
  "--colour",
  "-x",
  "--",
);
const values = fc.oneof(
  fc.constantFrom(
    "ENDED",
    "LIVE",
    "10:1",
    "1:10",
    "1e9",
    "1e308",
    "-1",
    "0",
    "NaN",
    "Infinity",
    "9007199254740993",
    "csv",
    "CSV",
    "events",
    "participants",
    "2026-11-01T00:00:00Z",
    "yesterday",
    "30d",
    "2w",
    "999999w",
    "meeting",
    "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d",
    "/sys/out.ndjson",
    "/proc/version/x",
    "/dev/full",
    "http://127.0.0.1:1",
    "http://127.0.0.1:1/webhook",
    "meeting.ended",
    "http://[::1",
    "",
    " ",
    "\u0000",
    "\uD800",
  ),
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
);
const commandLines = fc.tuple(
  commands,
  fc.array(fc.oneof(flags, values), { maxLength: 6 }),
  fc.boolean(),
  fc.constantFrom("pipe", "closed", "full"),
  // The fake on loopback, or a port that refuses every connection.
  fc.boolean(),
);

/** Runs the binary; the run's stdout is a pipe, one closed at once, or /dev/full. */
async function runBinary(args: string[], stdout: "pipe" | "closed" | "full", env: Record<string, string>) {
  const full = stdout === "full" ? await open("/dev/full", "w") : undefined;
  try {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: folder,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", full ? full.fd : "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    if (stdout === "closed") child.stdout?.destroy();
    else child.stdout?.resume();
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    // Only a run that hangs meets the watchdog; it is then reported, not waited for.
    let killed = false;
    const watchdog = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, HUNG_MS);
    const code = await exited;
    clearTimeout(watchdog);
    return { code, stderr, killed };
  } finally {
    await full?.close();
  }
}

test("any command line: ends by itself, exit 0/1/2/3/130, at most three lines of error, no stack trace, no token", async () => {
  await fc.assert(
    fc.asyncProperty(commandLines, async ([command, rest, fake, stdout, refused]) => {
      const args = [...command, ...rest, ...(fake ? ["--fake"] : [])].filter((arg) => !arg.includes("\u0000"));
      const { code, stderr, killed } = await runBinary(args, stdout, {
        CLOUDFLARE_API_TOKEN: TOKEN,
        CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
        REALTIMEKIT_APP_ID: APP,
        CLOUDFLARE_BASE_URL: refused ? "http://127.0.0.1:1/client/v4" : served.baseUrl,
      });
      const context = `${JSON.stringify(args)} (stdout ${stdout}):\n${stderr}`;
      expect(killed, `${context}: hung`).toBe(false);
      expect([0, 1, 2, 3, 130], context).toContain(code);
      expect(stderr.split("\n").filter(Boolean).length, context).toBeLessThanOrEqual(3);
      expect(stderr, context).not.toMatch(STACK_RE);
      expect(stderr, context).not.toContain(TOKEN);
    }),
    { seed: 20261130, numRuns: 100 },
  );
});
