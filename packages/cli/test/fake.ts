// The fake API the in-process tests point the CLI at, with credentials in the environment.
import { createFakeApi, type FakeApi } from "@realtimekit-sessions/testing";
import { type RunOptions, type RunResult, run } from "./io.js";

export const TOKEN = "cli-secret-token-0123456789";

/** The command as installed (bin/ starts the build's dist/cli.js), for the tests that run it as a process. */
export const CLI = new URL("../bin/realtimekit-sessions.js", import.meta.url).pathname;

export interface FakeRun {
  fake: FakeApi;
  /** Runs the command line against `fake`; the token must appear in no output. */
  cli(argv: string[], options?: RunOptions): Promise<RunResult>;
}

export function withFake(options: Parameters<typeof createFakeApi>[0] = {}): FakeRun {
  const fake = createFakeApi({ apiToken: TOKEN, ...options });
  return {
    fake,
    cli: (argv, extra = {}) =>
      run(argv, {
        env: {
          CLOUDFLARE_API_TOKEN: TOKEN,
          CLOUDFLARE_ACCOUNT_ID: fake.accountId,
          REALTIMEKIT_APP_ID: fake.appId,
          CLOUDFLARE_BASE_URL: fake.baseUrl,
        },
        fetch: (request) => fake.fetch(request),
        secret: TOKEN,
        ...extra,
      }),
  };
}
