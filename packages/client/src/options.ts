// Resolves what a client and each of its calls are to do: explicit options first, then the
// environment, then the defaults; every value checked before anything is sent.
import { abortSignal, accountOrAppId, credentialHeader, refusal, requestHeaders, whole } from "./arguments.js";
import type { Deadline } from "./attempt.js";
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
   * Decides when each request to the API is sent: `createPacer()` of
   * `@realtimekit-sessions/client/pacing` paces a bulk job to the rate limit. A request waits for
   * its turn before its `timeoutMs` starts (the wait counts towards `deadlineMs`).
   * @default none: requests go out at once
   */
  pacer?: Pacer | undefined;
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

/** The hook a pacer gives the client: `createPacer()` of `@realtimekit-sessions/client/pacing`, or your own. */
export interface Pacer {
  /**
   * Called before each attempt at an API request, before its timer starts; resolves when the
   * request may go out, to the function the client then calls with the attempt's answer
   * (`undefined` when none came). Rejects with the signal's reason as soon as `signal` (the
   * caller's and the call's deadline) aborts, and leaves no listener on it.
   */
  turn(signal: AbortSignal | undefined): Promise<(response: Response | undefined) => void>;
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
  /** The caller's fetch; undefined for the global one. */
  fetch: ((request: Request) => Promise<Response>) | undefined;
  /** Credentials and client-wide headers, sent with every API request. */
  headers: Record<string, string>;
  pacer: Pacer | undefined;
  /** Values kept out of every error and log line. */
  secrets: string[];
  retries: number;
  timeoutMs: number;
  deadlineMs: number | undefined;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  log: Log;
}

/** What one call is to do: the client's settings, with the call's own over them. */
export interface Policy extends Pick<Settings, "retries" | "timeoutMs" | "deadlineMs" | "headers" | "secrets"> {
  /** The client's settings, for what a call cannot override (its log, retry delays and pacer). */
  settings: Settings;
  operation: string;
  signal: AbortSignal | undefined;
  /** The whole call's clock, set when the call starts sending. */
  deadline?: Deadline | undefined;
}

/**
 * An environment variable, where the runtime has them. One the runtime will not let us read
 * (Deno without `--allow-env`) counts as unset rather than failing the client.
 */
function variable(name: string): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  } catch {
    return undefined;
  }
}

export function resolveSettings(options: SessionsClientOptions): Settings {
  const { headers, secrets } = credentials(options);
  if (options.fetch && typeof options.fetch !== "function") {
    throw refusal("fetch", "a function", options.fetch);
  }
  if (options.pacer && typeof options.pacer.turn !== "function") {
    throw refusal("pacer", "a Pacer");
  }
  const logLevel = options.logLevel ?? (variable("CLOUDFLARE_LOG") as LogLevel | undefined) ?? "off";
  if (!LOG_LEVELS.includes(logLevel)) throw refusal("logLevel", `one of ${LOG_LEVELS}`, logLevel);
  return {
    baseUrl: baseUrl(options.baseUrl ?? variable("CLOUDFLARE_BASE_URL") ?? DEFAULT_BASE_URL),
    accountId: accountOrAppId("accountId", options.accountId ?? variable("CLOUDFLARE_ACCOUNT_ID")),
    appId: accountOrAppId("appId", options.appId ?? variable("REALTIMEKIT_APP_ID")),
    fetch: options.fetch,
    pacer: options.pacer,
    headers: {
      ...requestHeaders(options.headers),
      ...headers,
      "User-Agent": `realtimekit-sessions-client/${__CLIENT_VERSION__}`,
    },
    secrets: [...secrets, ...credentialsIn(options.headers)],
    retries: whole("retries", options.retries, 2),
    timeoutMs: whole("timeoutMs", options.timeoutMs, 60_000, 1),
    deadlineMs: whole("deadlineMs", options.deadlineMs, undefined, 1),
    retryDelayMs: whole("retryDelayMs", options.retryDelayMs, 500),
    maxRetryDelayMs: whole("maxRetryDelayMs", options.maxRetryDelayMs, 30_000),
    log: createLog(options.logger ?? console, logLevel),
  };
}

/** What one call of `operation` is to do: the client's settings, overridden by the call's options. */
export function policyOf(settings: Settings, operation: string, call: CallOptions, idempotent = true): Policy {
  const headers = requestHeaders(call.headers);
  return {
    settings,
    operation,
    retries: whole("retries", call.retries, idempotent ? settings.retries : 0),
    timeoutMs: whole("timeoutMs", call.timeoutMs, settings.timeoutMs, 1),
    deadlineMs: whole("deadlineMs", call.deadlineMs, settings.deadlineMs, 1),
    signal: abortSignal(call.signal),
    // A call without headers of its own shares the client's: nothing to copy on the hot path.
    headers: headers ? { ...settings.headers, ...headers } : settings.headers,
    secrets: headers ? [...settings.secrets, ...credentialsIn(headers)] : settings.secrets,
  };
}

/** The account and app of a call: the call's own, else the client's; both required. */
export function appOf(settings: Settings, call: CallOptions): { account_id: string; app_id: string } {
  // The client's own ids were checked when it was made.
  const account_id = accountOrAppId("accountId", call.accountId) ?? settings.accountId;
  const app_id = accountOrAppId("appId", call.appId) ?? settings.appId;
  if (account_id === undefined) throw refusal("accountId", "given, or set in CLOUDFLARE_ACCOUNT_ID");
  if (app_id === undefined) throw refusal("appId", "given, or set in REALTIMEKIT_APP_ID");
  return { account_id, app_id };
}

/** The request headers and the values to keep out of every error: explicit options first, then the environment. */
function credentials(options: SessionsClientOptions) {
  const legacyGiven = options.apiEmail !== undefined || options.apiKey !== undefined;
  const apiToken = options.apiToken ?? (legacyGiven ? undefined : variable("CLOUDFLARE_API_TOKEN"));
  if (apiToken !== undefined) {
    return { headers: { Authorization: `Bearer ${credentialHeader("apiToken", apiToken)}` }, secrets: [apiToken] };
  }
  const apiEmail = options.apiEmail ?? variable("CLOUDFLARE_EMAIL");
  const apiKey = options.apiKey ?? variable("CLOUDFLARE_API_KEY");
  if (apiEmail !== undefined && apiKey !== undefined) {
    return {
      headers: {
        "X-Auth-Email": credentialHeader("apiEmail", apiEmail),
        "X-Auth-Key": credentialHeader("apiKey", apiKey),
      },
      secrets: [apiKey],
    };
  }
  throw refusal("apiToken", "given (or apiEmail and apiKey), or set in CLOUDFLARE_API_TOKEN");
}

const CREDENTIAL_HEADER_RE = /^(authorization|x-auth-key)$/i;

/** Credentials in headers the caller sets: kept out of errors and logs like the client's own. */
function credentialsIn(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {})
    .filter(([name]) => CREDENTIAL_HEADER_RE.test(name))
    .map(([, value]) => value.replace(/^Bearer\s+/i, ""));
}

function baseUrl(value: string): string {
  const url = typeof value === "string" && URL.canParse(value) ? new URL(value) : undefined;
  // Credentials, a query or a fragment make the URL longer than its origin and path. The value is
  // not quoted back: it may carry credentials.
  if (!url || !/^https?:$/.test(url.protocol) || url.href !== url.origin + url.pathname) {
    throw refusal("baseUrl", "an http(s) URL without credentials, query or fragment");
  }
  // openapi-fetch's URLs are the base URL and the path joined as text.
  return value.replace(/\/+$/, "");
}
