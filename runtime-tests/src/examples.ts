// The examples in examples/, as `pnpm example <name>` runs them and as the test run checks them:
// against the fake of the API served on loopback, with the environment that points each one at
// it, in the runtime each is written for. No account is needed.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createFakeApi, type FakeApi } from "@realtimekit-sessions/testing";
import { type ServedFakeApi, serveFakeApi } from "@realtimekit-sessions/testing/serve";

const require = createRequire(import.meta.url);
export const EXAMPLES_DIRECTORY: string = new URL("../../examples/", import.meta.url).pathname;
/** The token the fake accepts, and the examples send. */
export const EXAMPLE_TOKEN = "example-token";

/** The binary a registry package ships, or a clear failure when it is not installed here. */
export function binary(packageName: string, path: string): string {
  try {
    return join(dirname(require.resolve(`${packageName}/package.json`)), path);
  } catch {
    throw new Error(
      `${packageName} is not installed: the examples and the runtime suite need its binary (linux x64 packages; see runtime-tests/package.json)`,
    );
  }
}

export interface ServedExampleApi {
  fake: FakeApi;
  served: ServedFakeApi;
  /** The variables the examples read, pointed at the fake. */
  env: Record<string, string>;
}

/**
 * A fake app with what every example looks for: ended sessions in the last 30 days (the Node.js
 * script's default range), with participants, chats and transcripts, and some live ones.
 */
export async function serveExampleApi(): Promise<ServedExampleApi> {
  const fake = createFakeApi({
    seed: 11,
    sessions: Array.from({ length: 30 }, (_, index) => ({
      status: index % 10 === 0 ? ("LIVE" as const) : ("ENDED" as const),
      started_at: new Date(Date.now() - (index + 1) * 3_600_000).toISOString(),
      created_at: new Date(Date.now() - (index + 1) * 3_600_000).toISOString(),
    })),
    apiToken: EXAMPLE_TOKEN,
  });
  const served = await serveFakeApi(fake);
  const env = {
    CLOUDFLARE_API_TOKEN: EXAMPLE_TOKEN,
    CLOUDFLARE_ACCOUNT_ID: fake.accountId,
    REALTIMEKIT_APP_ID: fake.appId,
    CLOUDFLARE_BASE_URL: served.baseUrl,
    // Where the Worker fetches the key the fake signs deliveries with: the fake's, served.
    REALTIMEKIT_WEBHOOK_KEY_URL: served.keyUrl,
  };
  return { fake, served, env };
}

/** How each script example is run: its folder, and the command its README gives. */
export const SCRIPTS = {
  node: { folder: "node", command: () => [process.execPath, "index.mjs"] },
  bun: { folder: "bun", command: () => [binary("@oven/bun-linux-x64", "bin/bun"), "index.ts"] },
  deno: {
    folder: "deno",
    // Only the permissions the script's usage line names, with the network narrowed to the fake.
    command: () => [
      binary("@deno/linux-x64-glibc", "deno"),
      "run",
      "--allow-net=127.0.0.1",
      "--allow-env=CLOUDFLARE_API_TOKEN,CLOUDFLARE_ACCOUNT_ID,REALTIMEKIT_APP_ID,CLOUDFLARE_BASE_URL",
      "main.ts",
    ],
  },
} as const;
