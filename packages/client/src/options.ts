// Resolves what a client and each of its calls are to do: explicit options first, then the
// environment, then the defaults; every value checked before anything is sent.
import { abortSignal, accountOrAppId, count, credentialHeader, milliseconds, requestHeaders } from "./arguments.js";
import { RealtimeKitArgumentError } from "./errors.js";
import { createLog, LOG_LEVELS, type Log, type Logger, type LogLevel } from "./log.js";

declare const __CLIENT_VERSION__: string;

/** Where the Cloudflare API lives. */
export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

/** How each request is sent: shared by the client options and the per-call options. */
export interface RequestOptions {
  /**
   * Retries after a connection failure, a timeout, or a 408, 429 or 5xx (but 501) answer.
   * `0` turns retries off. `generateSummary` is only retried when its call sets this.
   * @default 2
   */
  retries?: number | undefined;
  /**
   * Time allowed for each attempt, in whole milliseconds: for an API call until its whole
   * answer is read, for a download until the storage host's headers (the file then streams).
   * @default 60000
   */
  timeoutMs?: number | undefined;
  /**
   * Time allowed for the whole call, in whole milliseconds: every attempt and every wait
   * before a retry. Off unless set.
   * @example 30_000 // give up after 30 s, however many retries are left
   */
  deadlineMs?: number | undefined;
}

export interface SessionsClientOptions extends RequestOptions {
  /**
   * A Cloudflare API token with the "Realtime" or "Realtime Admin" permission.
   * @default process.env.CLOUDFLARE_API_TOKEN, where the runtime has environment variables
   */
  apiToken?: string | undefined;
  /**
   * With `apiKey`, the legacy credentials: the account's email address.
   * @default process.env.CLOUDFLARE_EMAIL
   */
  apiEmail?: string | undefined;
  /**
   * With `apiEmail`, the legacy credentials: the account's Global API key.
   * @default process.env.CLOUDFLARE_API_KEY
   */
  apiKey?: string | undefined;
  /**
   * Cloudflare account of every call, unless a call names another.
   * @default process.env.CLOUDFLARE_ACCOUNT_ID
   */
  accountId?: string | undefined;
  /**
   * RealtimeKit app of every call, unless a call names another.
   * @default process.env.REALTIMEKIT_APP_ID
   */
  appId?: string | undefined;
  /**
   * Root of the API. Point it at a mock (`@realtimekit-sessions/mock`, or the in-process
   * fake of `@realtimekit-sessions/testing`) in tests.
   * @default process.env.CLOUDFLARE_BASE_URL, else "https://api.cloudflare.com/client/v4"
   */
  baseUrl?: string | undefined;
  /**
   * The fetch to send requests with.
   * @default globalThis.fetch
   */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Headers sent with every request to the API (never to the storage host of a download). */
  headers?: Record<string, string> | undefined;
  /**
   * Where the client logs: anything with console's `error`, `warn`, `info` and `debug`.
   * @default console
   */
  logger?: Logger | undefined;
  /**
   * How much it logs. `debug` logs every attempt: method, path, status, time and why it is
   * retried, with credentials and signed query values redacted.
   * @default process.env.CLOUDFLARE_LOG, else "off"
   */
  logLevel?: LogLevel | undefined;
  /**
   * First wait between attempts, doubled for each retry, with jitter.
   * @default 500
   */
  retryDelayMs?: number | undefined;
  /**
   * Longest wait between attempts, whatever `Retry-After` asks for.
   * @default 30000
   */
  maxRetryDelayMs?: number | undefined;
}

/** Per-call options, accepted as the last argument of every method. */
export interface CallOptions extends RequestOptions {
  /** Account of this call, instead of the client's `accountId`. */
  accountId?: string | undefined;
  /** App of this call, instead of the client's `appId`. */
  appId?: string | undefined;
  /** Cancels the call, including any wait before a retry. */
  signal?: AbortSignal | undefined;
  /**
   * Extra request headers for this call, over the client's. A name or value that HTTP cannot
   * carry is refused before anything is sent; `Authorization` and `X-Auth-Key` values are
   * kept out of errors and logs.
   */
  headers?: Record<string, string> | undefined;
}

/** A client's options, resolved once. */
export interface Settings {
  baseUrl: string;
  accountId: string | undefined;
  appId: string | undefined;
  fetch: (request: Request) => Promise<Response>;
  /** Credentials and client-wide headers, sent with every API request. */
  headers: Record<string, string>;
  /** Values kept out of every error and log line. */
  secrets: string[];
  retries: number;
  timeoutMs: number;
  deadlineMs: number | undefined;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  log: Log;
}

/** What one call is to do. */
export interface Policy {
  operation: string;
  retries: number;
  timeoutMs: number;
  deadlineMs: number | undefined;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  signal: AbortSignal | undefined;
  headers: Record<string, string>;
  secrets: string[];
  log: Log;
}

/**
 * The environment's variables, where the runtime has them. A variable the runtime will not let
 * us read (Deno without `--allow-env`) counts as unset rather than failing the client.
 */
const env = (): Record<string, string | undefined> => {
  const source = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return new Proxy(
    {},
    {
      get(_, name: string) {
        try {
          return source?.[name];
        } catch {
          return undefined;
        }
      },
    },
  );
};

export function resolveSettings(options: SessionsClientOptions): Settings {
  const variables = env();
  const { headers, secrets } = credentials(options, variables);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new RealtimeKitArgumentError("fetch", `fetch must be a function, got ${typeof options.fetch}`);
  }
  const logLevel = options.logLevel ?? (variables.CLOUDFLARE_LOG as LogLevel | undefined) ?? "off";
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new RealtimeKitArgumentError("logLevel", `logLevel must be one of ${LOG_LEVELS.join(", ")}, got ${logLevel}`);
  }
  return {
    baseUrl: baseUrl(options.baseUrl ?? variables.CLOUDFLARE_BASE_URL ?? DEFAULT_BASE_URL),
    accountId: optionalId("accountId", options.accountId ?? variables.CLOUDFLARE_ACCOUNT_ID),
    appId: optionalId("appId", options.appId ?? variables.REALTIMEKIT_APP_ID),
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    headers: {
      ...requestHeaders(options.headers),
      ...headers,
      "User-Agent": `realtimekit-sessions-client/${__CLIENT_VERSION__}`,
    },
    secrets: [...secrets, ...credentialsIn(options.headers)],
    retries: count("retries", options.retries, 2),
    timeoutMs: milliseconds("timeoutMs", options.timeoutMs, 60_000),
    deadlineMs: milliseconds("deadlineMs", options.deadlineMs, undefined),
    retryDelayMs: milliseconds("retryDelayMs", options.retryDelayMs, 500, 0),
    maxRetryDelayMs: milliseconds("maxRetryDelayMs", options.maxRetryDelayMs, 30_000, 0),
    log: createLog(options.logger ?? console, logLevel),
  };
}

/** What one call of `operation` is to do: the client's settings, overridden by the call's options. */
export function policyOf(settings: Settings, operation: string, call: CallOptions, idempotent = true): Policy {
  const headers = requestHeaders(call.headers);
  return {
    operation,
    retries: count("retries", call.retries, idempotent ? settings.retries : 0),
    timeoutMs: milliseconds("timeoutMs", call.timeoutMs, settings.timeoutMs),
    deadlineMs: milliseconds("deadlineMs", call.deadlineMs, settings.deadlineMs),
    retryDelayMs: settings.retryDelayMs,
    maxRetryDelayMs: settings.maxRetryDelayMs,
    signal: abortSignal(call.signal),
    // A call without headers of its own shares the client's: nothing to copy on the hot path.
    headers: headers ? { ...settings.headers, ...headers } : settings.headers,
    secrets: headers ? [...settings.secrets, ...credentialsIn(headers)] : settings.secrets,
    log: settings.log,
  };
}

/** The account and app of a call: the call's own, else the client's; both required. */
export function appOf(settings: Settings, call: CallOptions): { account_id: string; app_id: string } {
  const account = call.accountId ?? settings.accountId;
  const app = call.appId ?? settings.appId;
  if (account === undefined) throw unset("accountId", "CLOUDFLARE_ACCOUNT_ID");
  if (app === undefined) throw unset("appId", "REALTIMEKIT_APP_ID");
  return { account_id: accountOrAppId("accountId", account), app_id: accountOrAppId("appId", app) };
}

/** The request headers and the values to keep out of every error: explicit options first, then the environment. */
function credentials(options: SessionsClientOptions, variables: Record<string, string | undefined>) {
  const legacyGiven = options.apiEmail !== undefined || options.apiKey !== undefined;
  const apiToken = options.apiToken ?? (legacyGiven ? undefined : variables.CLOUDFLARE_API_TOKEN);
  if (apiToken !== undefined) {
    return { headers: { Authorization: `Bearer ${credentialHeader("apiToken", apiToken)}` }, secrets: [apiToken] };
  }
  const apiEmail = options.apiEmail ?? variables.CLOUDFLARE_EMAIL;
  const apiKey = options.apiKey ?? variables.CLOUDFLARE_API_KEY;
  if (apiEmail !== undefined && apiKey !== undefined) {
    return {
      headers: {
        "X-Auth-Email": credentialHeader("apiEmail", apiEmail),
        "X-Auth-Key": credentialHeader("apiKey", apiKey),
      },
      secrets: [apiKey],
    };
  }
  throw new RealtimeKitArgumentError(
    "apiToken",
    "No credentials: pass apiToken (or apiEmail and apiKey), or set CLOUDFLARE_API_TOKEN (or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY)",
  );
}

const CREDENTIAL_HEADERS = ["authorization", "x-auth-key"];

/** Credentials in headers the caller sets: kept out of errors and logs like the client's own. */
function credentialsIn(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {})
    .filter(([name]) => CREDENTIAL_HEADERS.includes(name.toLowerCase()))
    .map(([, value]) => value.replace(/^Bearer\s+/i, ""));
}

function optionalId(argument: "accountId" | "appId", value: string | undefined): string | undefined {
  return value === undefined ? undefined : accountOrAppId(argument, value);
}

function baseUrl(value: string): string {
  const url = typeof value === "string" && URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    // A URL with credentials in it is not quoted back: the message would carry them.
    const shown = url && (url.username || url.password) ? "a URL with credentials in it" : JSON.stringify(value);
    throw new RealtimeKitArgumentError(
      "baseUrl",
      `baseUrl must be an http(s) URL without credentials, query or fragment, such as ${DEFAULT_BASE_URL}; got ${shown}`,
    );
  }
  // openapi-fetch's URLs are the base URL and the path joined as text.
  return value.replace(/\/+$/, "");
}

function unset(argument: "accountId" | "appId", variable: string): RealtimeKitArgumentError {
  return new RealtimeKitArgumentError(
    argument,
    `${argument} is required: pass it to createSessionsClient() or in this call's options, or set ${variable}`,
  );
}
