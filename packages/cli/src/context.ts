// What every command starts from: the global flags and the environment resolved into a client of
// the real API (flags first, then the variables) or of the in-process fake with `--fake`, and
// the output mode. The client, and the fake, are imported only by a command that calls the API.
import type { Pacer, SessionsClient } from "@realtimekit-sessions/client";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";

export interface GlobalOptions {
  token?: string | undefined;
  account?: string | undefined;
  app?: string | undefined;
  baseUrl?: string | undefined;
  timeout?: number | undefined;
  json?: true | undefined;
  verbose?: true | undefined;
  fake?: true | undefined;
}

export type Fetch = (request: Request) => Promise<Response>;

/** The context of the command being run: its global flags, with the `Io` the program was made with. */
export type ContextOf = (command: { optsWithGlobals(): unknown }) => Context;

export interface Context {
  io: Io;
  /** The global flags as given. */
  flags: GlobalOptions;
  /** Machine output (JSON, NDJSON for lists): with `--json`, or whenever standard output is not a terminal. */
  json: boolean;
  /** A client with the global settings; its requests paced by `pacer` when given (a bulk job's). */
  client(options?: { pacer?: Pacer }): Promise<SessionsClient>;
}

/** The sessions `--fake` serves: enough for pages, filters and a short export. */
export const FAKE_SESSIONS = 120;

export function contextOf(io: Io, options: GlobalOptions): Context {
  let settings: Promise<ClientSettings> | undefined;
  return {
    io,
    flags: options,
    json: Boolean(options.json) || !io.stdout.isTTY,
    async client({ pacer } = {}) {
      settings ??= settingsOf(io, options);
      const { createSessionsClient } = await import("@realtimekit-sessions/client");
      return createSessionsClient({ ...(await settings), pacer });
    },
  };
}

interface ClientSettings {
  apiToken: string;
  accountId: string;
  appId: string;
  baseUrl: string | undefined;
  fetch: Fetch;
  timeoutMs?: number;
  logLevel: "debug" | "off";
  logger: { debug(line: string): void; info(line: string): void; warn(line: string): void; error(line: string): void };
}

async function settingsOf(io: Io, options: GlobalOptions): Promise<ClientSettings> {
  // With --verbose, every request on standard error; the client redacts the credentials.
  const write = (line: string) => {
    void io.stderr.write(`${line}\n`).catch(() => {});
  };
  const common = {
    logLevel: options.verbose ? ("debug" as const) : ("off" as const),
    logger: { debug: write, info: write, warn: write, error: write },
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout * 1000 }),
  };
  if (options.fake) {
    const { createFakeApi } = await import("@realtimekit-sessions/testing");
    // Its sessions span the 30 days before the command's clock, as `usage` and `report` read them.
    const fake = createFakeApi({ sessions: FAKE_SESSIONS, seed: 1, now: io.clock.now() });
    return {
      ...common,
      apiToken: "fake",
      accountId: fake.accountId,
      appId: fake.appId,
      baseUrl: fake.baseUrl,
      fetch: (request) => fake.fetch(request),
    };
  }
  const apiToken = options.token ?? io.env.CLOUDFLARE_API_TOKEN;
  const accountId = options.account ?? io.env.CLOUDFLARE_ACCOUNT_ID;
  const appId = options.app ?? io.env.REALTIMEKIT_APP_ID;
  if (!apiToken) {
    throw new UsageError("No API token: set CLOUDFLARE_API_TOKEN (or pass --token), or try any command with --fake.");
  }
  if (!accountId) throw new UsageError("No account: set CLOUDFLARE_ACCOUNT_ID, or pass --account.");
  if (!appId) throw new UsageError("No app: set REALTIMEKIT_APP_ID, or pass --app.");
  return {
    ...common,
    apiToken,
    accountId,
    appId,
    baseUrl: options.baseUrl ?? (io.env.CLOUDFLARE_BASE_URL || undefined),
    fetch: io.fetch,
  };
}
