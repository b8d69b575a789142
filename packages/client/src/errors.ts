import { type RateLimit, rateLimitOf, retryAfterMs } from "./rate-limit.js";

/** Base class of every error this client throws: `instanceof RealtimeKitError` catches them all. */
export class RealtimeKitError extends Error {
  /**
   * The class's name, the same in every copy of this package. A program can load the client
   * twice (its ES module and its CommonJS build, or two versions); `instanceof` then still
   * recognises an error made by the other copy, by the names along its class chain.
   */
  static readonly errorName: string = "RealtimeKitError";

  /**
   * `instanceof` by the error's name rather than its prototype, so that it holds for an error
   * from another copy of the client (two versions installed, a bundle, another realm).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // A class of another copy counts when it carries the same `errorName`. A subclass a user
    // made has no name of its own, so it recognises its own instances only.
    // biome-ignore lint/complexity/noThisInStatic: the class right of `instanceof`, maybe a subclass
    // biome-ignore lint/complexity/noUselessThisAlias: named once, for the loop below
    const type = this;
    for (let proto = Object.getPrototypeOf(Object(value)); proto; proto = Object.getPrototypeOf(proto)) {
      const made = (proto as { constructor?: { errorName?: string } }).constructor;
      if (made === type || (Object.hasOwn(type, "errorName") && made?.errorName === type.errorName)) return true;
    }
    return false;
  }

  /** The class's `errorName`, such as `"RealtimeKitApiError"`. */
  override get name(): string {
    return (this.constructor as typeof RealtimeKitError).errorName;
  }
  /** How many requests were made before giving up (1 when the first failure was final). */
  readonly attempts: number;

  constructor(message: string, options: { cause?: unknown; attempts?: number | undefined } = {}) {
    const attempts = options.attempts ?? 1;
    super(attempts > 1 ? `${message} (after ${attempts} attempts)` : message, { cause: options.cause });
    this.attempts = attempts;
  }
}

/**
 * A value given to the client that it will not send: caught before any request is made.
 *
 * @example
 * client.getSession("../apps") // rejects: sessionId must be one path segment
 */
export class RealtimeKitArgumentError extends RealtimeKitError {
  static override readonly errorName: string = "RealtimeKitArgumentError";
  /** Name of the offending option or argument, such as `sessionId`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }
}

/** One error reported by the API, from either of its error envelopes. */
export interface ApiErrorDetail {
  /**
   * A Cloudflare error code (such as 10000, authentication error) when the API gateway
   * answered; the HTTP status it meant when the RealtimeKit service answered.
   */
  readonly code: number | string | undefined;
  readonly message: string;
}

/**
 * The API answered, but not with success: any non-2xx status, or a 2xx whose body is not a
 * success envelope. `status` and `errors` say what went wrong; `response` is the raw answer
 * (its body already read).
 */
export class RealtimeKitApiError extends RealtimeKitError {
  static override readonly errorName: string = "RealtimeKitApiError";
  /** HTTP status of the answer. */
  readonly status: number;
  /** Error codes and messages from the body, in either envelope; empty when the body had none. */
  readonly errors: readonly ApiErrorDetail[];
  /** Cloudflare's `cf-ray` id of the request, to quote to Cloudflare support. */
  readonly rayId: string | undefined;
  /** The rate-limit state the answer reported (`Ratelimit`, `Ratelimit-Policy`), if any. */
  readonly rateLimit: RateLimit | undefined;
  /** How long the server asked to wait before trying again (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  readonly response: Response;

  constructor(message: string, response: Response, errors: readonly ApiErrorDetail[], attempts?: number) {
    super(message, { attempts });
    this.status = response.status;
    this.errors = errors;
    this.rayId = response.headers.get("cf-ray") ?? undefined;
    this.rateLimit = rateLimitOf(response.headers);
    this.retryAfterMs = retryAfterMs(response.headers);
    this.response = response;
  }

  /** Code of the first error, if the body carried one. */
  get code(): number | string | undefined {
    return this.errors[0]?.code;
  }
}

/** The request never got an answer: the connection was refused, reset or dropped. `cause` says how. */
export class RealtimeKitConnectionError extends RealtimeKitError {
  static override readonly errorName: string = "RealtimeKitConnectionError";
}

/** An attempt took longer than `timeoutMs`, or the whole call longer than `deadlineMs`. */
export class RealtimeKitTimeoutError extends RealtimeKitError {
  static override readonly errorName: string = "RealtimeKitTimeoutError";
}

/** The caller's `signal` fired; `cause` is its reason. */
export class RealtimeKitAbortError extends RealtimeKitError {
  static override readonly errorName: string = "RealtimeKitAbortError";
}

/**
 * Something the client was given to read is not in any layout it knows: a downloaded file
 * (CSV, JSON) or a download link that is not an http(s) URL. Nothing is guessed or skipped.
 */
export class RealtimeKitFormatError extends RealtimeKitError {
  static override readonly errorName: string = "RealtimeKitFormatError";
}

/**
 * Builds the error for an answer the client cannot use. `body` is the body as read: parsed
 * JSON, raw text, or undefined when there was none; `problem` says why a success answer was
 * refused, when the caller knows. Any of `secrets` found in the text of the error is replaced,
 * so a server that echoes the request cannot leak a credential through it.
 */
export function createApiError(
  operation: string,
  response: Response,
  body: unknown,
  secrets: readonly string[],
  attempts?: number,
  problem?: string,
): RealtimeKitApiError {
  const errors = errorDetails(body, secrets);
  const what =
    errors.length > 0
      ? errors.map(({ code, message }) => (code === undefined ? message : `${message} (code ${code})`)).join("; ")
      : (problem ?? describeBody(response, body, secrets));
  const message = redact(`${operation}: the API answered HTTP ${response.status}: ${what}`, secrets);
  return new RealtimeKitApiError(message, withoutSecrets(response, secrets), errors, attempts);
}

/** The errors of either envelope, their messages redacted. */
function errorDetails(body: unknown, secrets: readonly string[]): ApiErrorDetail[] {
  // Cloudflare API gateway: { success: false, errors: [{ code, message }], messages, result }
  // RealtimeKit service: { success: false, error: { code, message } }
  const entries = !isRecord(body) ? [] : Array.isArray(body.errors) ? body.errors : [body.error];
  return entries.filter(isRecord).map((entry) => ({
    code: typeof entry.code === "number" || typeof entry.code === "string" ? entry.code : undefined,
    message: redact(typeof entry.message === "string" ? entry.message : json(entry), secrets),
  }));
}

function describeBody(response: Response, body: unknown, secrets: readonly string[]): string {
  // Secrets go before the text is cut: a credential that straddles the cut would otherwise
  // survive as a prefix that no longer matches it.
  const quote = (text: string) => snippet(redact(text, secrets));
  // A redirect (3xx) is never followed: the request carries credentials, and a redirect could
  // take them elsewhere. Where it pointed is shown without its query, which may be signed.
  const location = response.headers.get("location");
  if (location && response.status < 400) {
    return `a redirect to ${quote(location.split(/[?#]/)[0] as string)}, not followed with credentials`;
  }
  if (body === undefined || body === "") return "an empty body";
  const type = response.headers.get("content-type") ?? "no content-type";
  if (typeof body === "string") return `a non-JSON body (${type}): ${quote(body)}`;
  return `JSON in neither error envelope: ${quote(json(body))}`;
}

/** `text` on one line, cut to 200 characters (what an error message can carry), and quoted. */
export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > 200 ? `${flat.slice(0, 200)}…` : flat);
}

/** JSON of a value, or "" for one that has none; one nested too deep to write out is named, not thrown. */
export function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "(too deep)";
  }
}

// A secret this long is redacted wherever it appears; a shorter one only where it stands as a
// word of its own, so that a token such as "t" does not take every "t" out of a message.
const LONG_SECRET = 8;
const REDACTED = "[redacted]";

export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret ? out.replace(finder(secret), REDACTED) : out), text);
}

function finder(secret: string): RegExp {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return new RegExp(secret.length >= LONG_SECRET ? escaped : `(?<![\\w-])${escaped}(?![\\w-])`, "g");
}

/**
 * A failure's cause as an error may keep it: a copy with its name, `code`, message and stack
 * (and its own cause, likewise) redacted, so that no rendering of it shows a credential, even
 * when a `fetch` quoted the request's headers.
 */
export function causeWithoutSecrets(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof cause !== "object" || cause === null || depth > 2)
    return typeof cause === "string" ? redact(cause, secrets) : cause;
  const { name, message, code, stack, cause: inner } = cause as Partial<Error> & { code?: unknown };
  const copy: Error & { code?: unknown } = new Error(
    redact(String(message), secrets),
    inner === undefined ? {} : { cause: causeWithoutSecrets(inner, secrets, depth + 1) },
  );
  copy.name = String(name);
  if (typeof code === "string" || typeof code === "number") copy.code = code;
  copy.stack = redact(String(stack), secrets);
  return copy;
}

/** The answer as an error may keep it: header values that echo a credential are redacted. */
function withoutSecrets(response: Response, secrets: readonly string[]): Response {
  const headers = new Headers();
  let echoed = false;
  for (const [name, value] of response.headers) {
    const shown = redact(value, secrets);
    echoed ||= shown !== value;
    headers.append(name, shown);
  }
  return echoed ? new Response(null, { status: response.status, statusText: response.statusText, headers }) : response;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
