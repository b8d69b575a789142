import { spawn } from "node:child_process";
import { once } from "node:events";
import { startMockServer } from "@realtimekit-sessions/mock";
import { ACCOUNT, APP, type ProcessResult, runTypeScript, send, startServer } from "@realtimekit-sessions/test-kit";
import { expect, test } from "vitest";

const MAIN = new URL("../src/main.ts", import.meta.url).pathname;

/** Runs the demo as `pnpm demo` does, with only the given Cloudflare variables set. */
function demo(env: Record<string, string> = {}): Promise<ProcessResult> {
  return runTypeScript(MAIN, [], { env });
}

test("reports on the embedded mock when no credentials are set", async () => {
  const { code, stdout, stderr } = await demo();

  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toMatch(/^Using the embedded Prism mock at http:\/\/127\.0\.0\.1:\d+/);
  expect(stdout).toContain('Session "Weekly product sync"');
  expect(stdout).toMatch(/Participants \(2 shown of 2\)\n.*NAME.*\n.*Mark.*\n.*Henry/);
  expect(stdout).toMatch(/chat \(CSV\)\s+https:\/\/\S+\.csv/);
  expect(stdout).toMatch(/transcript \(CSV\)\s+https:\/\/\S+\.csv/);
  expect(stdout).toMatch(/summary \(Markdown\)\s+https:\/\/\S+\.md\?/);
});

test("uses the API named by the environment when all three variables are set", async () => {
  await using api = await startMockServer();

  const { code, stdout } = await demo({
    CLOUDFLARE_API_TOKEN: "token-from-env",
    CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
    REALTIMEKIT_APP_ID: APP,
    CLOUDFLARE_BASE_URL: api.url,
  });

  expect(code).toBe(0);
  expect(stdout).toMatch(new RegExp(`^Using the real Cloudflare API at ${api.url}\\.`));
  expect(stdout).not.toContain("embedded Prism mock");
  expect(stdout).toContain('Session "Weekly product sync"');
});

test("refuses to guess when only some of the variables are set", async () => {
  const { code, stderr } = await demo({ CLOUDFLARE_API_TOKEN: "token-from-env" });

  expect(code).toBe(2);
  expect(stderr).toContain("set CLOUDFLARE_ACCOUNT_ID and REALTIMEKIT_APP_ID too");
});

test("explains a refused token without printing it", async () => {
  await using api = await startServer((response) =>
    send(response, 401, {
      success: false,
      errors: [{ code: 10000, message: "Authentication error" }],
      messages: [],
      result: null,
    }),
  );
  const { code, stdout, stderr } = await demo({
    CLOUDFLARE_API_TOKEN: "secret-token-value",
    CLOUDFLARE_ACCOUNT_ID: "acc",
    REALTIMEKIT_APP_ID: "app",
    CLOUDFLARE_BASE_URL: api.url,
  });

  expect(code).toBe(1);
  expect(stderr).toContain(
    "The demo stopped: listSessions: the API answered HTTP 401: Authentication error (code 10000)",
  );
  expect(stderr).toContain("Realtime or Realtime Admin permission");
  expect(stdout + stderr).not.toContain("secret-token-value");
});

test("ends quietly when its reader stops early (pnpm demo | head -1)", async () => {
  // Without the developer's own Cloudflare variables, as `demo()` runs it: the mock, not an account.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(CLOUDFLARE_|REALTIMEKIT_)/.test(name)),
  );
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  // The first line read, the pipe closes, as `head -1` closes it.
  const [first] = (await once(child.stdout, "data")) as [Buffer];
  child.stdout.destroy();
  const [code] = (await once(child, "exit")) as [number | null];

  expect(first.toString("utf8")).toMatch(/^Using the embedded Prism mock/);
  expect(stderr).toBe("");
  expect(code).toBe(0);
});
