import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startMockServer } from "@realtimekit-sessions/mock";
import { expect, test } from "vitest";

const MAIN = new URL("../src/main.ts", import.meta.url).pathname;
const LIVE = ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID", "REALTIMEKIT_APP_ID", "CLOUDFLARE_BASE_URL"];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the demo as `pnpm demo` does, with only the given Cloudflare variables set. */
function demo(env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !LIVE.includes(name)));
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", MAIN], { env: { ...base, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
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
    CLOUDFLARE_ACCOUNT_ID: "023e105f4ecef8ad9ca31a8372d0c353",
    REALTIMEKIT_APP_ID: "4f1d2b9c8e7a6d5c4b3a291807f6e5d4",
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
  const server = createServer((_, res) => {
    res.writeHead(401, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        success: false,
        errors: [{ code: 10000, message: "Authentication error" }],
        messages: [],
        result: null,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const { code, stdout, stderr } = await demo({
      CLOUDFLARE_API_TOKEN: "secret-token-value",
      CLOUDFLARE_ACCOUNT_ID: "acc",
      REALTIMEKIT_APP_ID: "app",
      CLOUDFLARE_BASE_URL: `http://127.0.0.1:${port}`,
    });

    expect(code).toBe(1);
    expect(stderr).toContain(
      "The demo stopped: listSessions: the API answered HTTP 401: Authentication error (code 10000)",
    );
    expect(stderr).toContain("Realtime or Realtime Admin permission");
    expect(stdout + stderr).not.toContain("secret-token-value");
  } finally {
    server.close();
  }
});
