// Checks of the values a caller gives the client, made before anything is sent: a value that
// cannot work as the caller meant it is a RealtimeKitArgumentError, never a request.
import { isRecord, RealtimeKitArgumentError } from "./errors.js";

// Characters that would end the path segment or change how the URL is read, plus `%`: no
// real id contains one, and refusing it means no encoded variant reaches the server either.
// Nor can a URL carry half of a surrogate pair (\p{Cs}, read code point by code point).
const UNSAFE_SEGMENT_RE = /[/\\?#%\s\p{Cc}\p{Cs}]/u;
// RFC 9110 token characters: anything else cannot be a header name.
const HEADER_NAME_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What fetch sends as a header value: no line breaks or NUL, no character above U+00FF.
const HEADER_VALUE_RE = /^[\t\x20-\x7e\x80-\xff]*$/;
// Printable ASCII without spaces: anything else cannot travel in an HTTP header, and fetch's
// own complaint about it would quote the credential.
const CREDENTIAL_RE = /^[\x21-\x7e]+$/;
// Half of a surrogate pair on its own: no URL can carry it (encodeURIComponent throws on it).
const LONE_SURROGATE_RE = /\p{Cs}/u;
/** The largest whole number the client takes: the longest delay a timer keeps (setTimeout fires at once for anything longer). */
const MAX_WHOLE = 2_147_483_647;
/** Cloudflare account and app ids are at most 32 characters (the official document's `maxLength`). */
const MAX_ID_LENGTH = 32;

/**
 * The error for `argument`: "`argument` must be `expected`", and what it got when that can be
 * shown (never a credential).
 */
export function refusal(argument: string, expected: string, ...got: [unknown?]): RealtimeKitArgumentError {
  return new RealtimeKitArgumentError(
    argument,
    `${argument} must be ${expected}${got.length ? `, got ${shown(got[0])}` : ""}`,
  );
}

/** A value as a message shows it: a string's start in quotes, a number or null, else its type. */
const shown = (value: unknown) =>
  typeof value === "string"
    ? JSON.stringify(value.slice(0, 80))
    : typeof value === "number" || value === null
      ? value
      : typeof value;

/**
 * Checks that an id can stand as one path segment without changing what the URL means,
 * and returns it. Throws before anything is sent.
 */
export function pathSegment(argument: string, value: unknown): string {
  if (typeof value !== "string") throw refusal(argument, "a string", value);
  if (value === "" || value === "." || value === ".." || UNSAFE_SEGMENT_RE.test(value)) {
    throw refusal(argument, "a path segment without / \\ ? # %, spaces, controls or lone surrogates", value);
  }
  return value;
}

/** Checks that `value` is text a URL can carry: no lone surrogate. */
export function wellFormed(argument: string, value: string): string {
  if (LONE_SURROGATE_RE.test(value)) throw refusal(argument, "free of lone surrogates");
  return value;
}

/** An options or query object: undefined stands for {}; anything but a plain object is refused. */
export function objectOf<T extends object>(argument: string, value: T | undefined): T {
  if (value === undefined) return {} as T;
  if (!isRecord(value)) throw refusal(argument, "an object");
  return value;
}

/** An account or app id: a path segment of at most 32 characters; undefined when not given. */
export function accountOrAppId(argument: "accountId" | "appId", value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const id = pathSegment(argument, value);
  if (id.length > MAX_ID_LENGTH) throw refusal(argument, `at most ${MAX_ID_LENGTH} characters`, id.length);
  return id;
}

/**
 * A whole number from `min` to MAX_WHOLE, such as a retry count or a duration in milliseconds;
 * `fallback` when undefined. Longer durations are refused rather than let setTimeout fire them
 * at once.
 */
export function whole<Fallback extends number | undefined>(
  argument: string,
  value: number | undefined,
  fallback: Fallback,
  min = 0,
): number | Fallback {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > MAX_WHOLE) {
    throw refusal(argument, `a whole number from ${min} to ${MAX_WHOLE}`, value);
  }
  return value;
}

/**
 * Per-call request headers that fetch can send as given. A value is never quoted in the
 * error: it may be a credential.
 */
export function requestHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  for (const [name, value] of Object.entries(objectOf("headers", headers))) {
    if (!HEADER_NAME_RE.test(name) || typeof value !== "string" || !HEADER_VALUE_RE.test(value)) {
      // The value is never shown: it may be a credential.
      throw refusal("headers", "names and values HTTP can carry", name);
    }
  }
  return headers;
}

/** A caller's `signal`: an AbortSignal (checked by shape, so one from another realm passes too). */
export function abortSignal(value: AbortSignal | undefined): AbortSignal | undefined {
  const shaped = value as Partial<AbortSignal> | null | undefined;
  if (value !== undefined && (typeof shaped?.aborted !== "boolean" || typeof shaped.addEventListener !== "function")) {
    throw refusal("signal", "an AbortSignal", value);
  }
  return value;
}

/** A credential as a header value; the message never quotes it. */
export function credentialHeader(argument: string, value: string): string {
  if (typeof value !== "string" || !CREDENTIAL_RE.test(value))
    throw refusal(argument, "printable ASCII without spaces");
  return value;
}
