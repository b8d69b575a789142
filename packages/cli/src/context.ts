// What every command starts from: a client of the real API (flags first, then the environment)
// or of the in-process fake with `--mock`, the fetch that pacing wraps, and the output mode.
import { createSessionsClient, type SessionsClient } from "@realtimekit-sessions/client";
import { createFakeApi } from "@realtimekit-sessions/testing";
import { UsageError } from "./fail.js";

export interface GlobalOptions {
  token?: string | undefined;
  account?: string | undefined;
  app?: string | undefined;
  baseUrl?: string | undefined;
  json?: boolean | undefined;
  verbose?: boolean | undefined;
  mock?: boolean | undefined;
}

export type Fetch = (request: Request) => Promise<Response>;

export interface Context {
  client: SessionsClient;
  /** The fetch the client sends with; downloads of files use it too (never with credentials). */
  fetch: Fetch;
  /** Machine output: JSON and NDJSON, no colours, no progress. */
  json: boolean;
  /** Makes another client with the same settings, sending through `wrap(fetch)`. */
  withFetch(wrap: (fetch: Fetch) => Fetch): Context;
}

/** The sessions `--mock` serves: enough for pages, filters and a short export. */
const MOCK_SESSIONS = 120;

export function contextOf(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Context {
  const json = Boolean(options.json) || !process.stdout.isTTY;
  const write = (line: string) => {
    process.stderr.write(`${line}\n`);
  };
  const logger = { debug: write, info: write, warn: write, error: write };
  const logging = options.verbose ? { logLevel: "debug" as const, logger } : {};
  let settings: Parameters<typeof createSessionsClient>[0];
  let fetch: Fetch;
  if (options.mock) {
    const fake = createFakeApi({ sessions: MOCK_SESSIONS, seed: 1 });
    fetch = (request) => fake.fetch(request);
    settings = { apiToken: "mock", accountId: fake.accountId, appId: fake.appId, baseUrl: fake.baseUrl };
  } else {
    const apiToken = options.token ?? env.CLOUDFLARE_API_TOKEN;
    const accountId = options.account ?? env.CLOUDFLARE_ACCOUNT_ID;
    const appId = options.app ?? env.REALTIMEKIT_APP_ID;
    if (!apiToken) {
      throw new UsageError("No API token: set CLOUDFLARE_API_TOKEN (or pass --token), or try any command with --mock.");
    }
    if (!accountId) throw new UsageError("No account: set CLOUDFLARE_ACCOUNT_ID, or pass --account.");
    if (!appId) throw new UsageError("No app: set REALTIMEKIT_APP_ID, or pass --app.");
    fetch = (request) => globalThis.fetch(request);
    settings = { apiToken, accountId, appId, baseUrl: options.baseUrl ?? env.CLOUDFLARE_BASE_URL };
  }
  const make = (send: Fetch): Context => ({
    client: createSessionsClient({ ...settings, ...logging, fetch: send }),
    fetch: send,
    json,
    withFetch: (wrap) => make(wrap(send)),
  });
  return make(fetch);
}
