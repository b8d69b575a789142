// Checks of the values a caller gives the client, made before anything is sent: a value that
// cannot work as the caller meant it is a RealtimeKitArgumentError, never a request.
import { RealtimeKitArgumentError } from "./errors.js";

// Characters that would end the path segment or change how the URL is read, plus `%`: no
// real id contains one, and refusing it means no encoded variant reaches the server either.
const UNSAFE_SEGMENT_RE = /[/\\?#%\s\p{Cc}]/u;
// RFC 9110 token characters: anything else cannot be a header name.
const HEADER_NAME_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What fetch sends as a header value: no line breaks or NUL, no character above U+00FF.
const HEADER_VALUE_RE = /^[\t\x20-\x7e\x80-\xff]*$/;
// Half of a surrogate pair on its own: no URL can carry it (encodeURIComponent throws on it).
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The longest delay a timer keeps: setTimeout fires at once for anything longer. */
const MAX_TIMER_MS = 2_147_483_647;
/** Cloudflare account and app ids are at most 32 characters (the official document's `maxLength`). */
const MAX_ID_LENGTH = 32;

/**
 * Checks that an id can stand as one path segment without changing what the URL means,
 * and returns it. Throws before anything is sent.
 */
export function pathSegment(argument: string, value: unknown): string {
  if (typeof value !== "string") {
    throw new RealtimeKitArgumentError(argument, `${argument} must be a string, got ${typeof value}`);
  }
  wellFormed(argument, value);
  if (value === "" || value === "." || value === ".." || UNSAFE_SEGMENT_RE.test(value)) {
    throw new RealtimeKitArgumentError(
      argument,
      `${argument} must be one path segment: not empty, . or .., and no / \\ ? # %, spaces or control characters; got ${JSON.stringify(value.slice(0, 80))}`,
    );
  }
  return value;
}

/** Checks that `value` is text a URL can carry: no lone surrogate. */
export function wellFormed(argument: string, value: string): string {
  if (LONE_SURROGATE_RE.test(value)) {
    throw new RealtimeKitArgumentError(
      argument,
      `${argument} must be well-formed text: it holds half of a surrogate pair`,
    );
  }
  return value;
}

/** An options or query object: undefined stands for {}; anything but a plain object is refused. */
export function objectOf<T extends object>(argument: string, value: T | undefined): T {
  if (value === undefined) return {} as T;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RealtimeKitArgumentError(argument, `${argument} must be an object`);
  }
  return value;
}

/** An account or app id: a path segment of at most 32 characters. */
export function accountOrAppId(argument: "accountId" | "appId", value: unknown): string {
  const id = pathSegment(argument, value);
  if (id.length > MAX_ID_LENGTH) {
    throw new RealtimeKitArgumentError(
      argument,
      `${argument} must be at most ${MAX_ID_LENGTH} characters, got ${id.length}`,
    );
  }
  return id;
}

/** A whole number of at least 0, such as a retry count; `fallback` when undefined. */
export function count(argument: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new RealtimeKitArgumentError(argument, `${argument} must be a whole number of at least 0, got ${value}`);
  }
  return value;
}

/**
 * A duration for a timer, in whole milliseconds from `min` to MAX_TIMER_MS; `fallback` when
 * undefined. Longer ones are refused rather than let setTimeout fire them at once.
 */
export function milliseconds<Fallback extends number | undefined>(
  argument: string,
  value: number | undefined,
  fallback: Fallback,
  min = 1,
): number | Fallback {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > MAX_TIMER_MS) {
    throw new RealtimeKitArgumentError(
      argument,
      `${argument} must be a whole number of milliseconds from ${min} to ${MAX_TIMER_MS}, got ${value}`,
    );
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
    if (!HEADER_NAME_RE.test(name)) {
      throw new RealtimeKitArgumentError(
        "headers",
        `headers: ${JSON.stringify(name.slice(0, 80))} is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`,
      );
    }
    if (typeof value !== "string" || !HEADER_VALUE_RE.test(value)) {
      throw new RealtimeKitArgumentError(
        "headers",
        `headers: the value of ${name} cannot be sent in an HTTP header (it must be a string without line breaks, NUL or characters above U+00FF)`,
      );
    }
  }
  return headers;
}

/** `page_no` and `per_page` of a list query: whole numbers, a page of at least one item. */
export function pageQuery<Query extends { page_no?: number; per_page?: number }>(query: Query): Query {
  const { page_no, per_page } = query;
  if (page_no !== undefined && (!Number.isInteger(page_no) || page_no < 0)) {
    throw new RealtimeKitArgumentError("page_no", `page_no must be a whole number of at least 0, got ${page_no}`);
  }
  if (per_page !== undefined && (!Number.isInteger(per_page) || per_page < 1)) {
    throw new RealtimeKitArgumentError("per_page", `per_page must be a whole number of at least 1, got ${per_page}`);
  }
  return query;
}

/** A caller's `signal`: an AbortSignal (checked by shape, so one from another realm passes too). */
export function abortSignal(value: AbortSignal | undefined): AbortSignal | undefined {
  if (value === undefined) return undefined;
  const shaped = value as Partial<AbortSignal> | null;
  if (typeof shaped?.aborted !== "boolean" || typeof shaped.addEventListener !== "function") {
    throw new RealtimeKitArgumentError(
      "signal",
      `signal must be an AbortSignal, got ${shaped === null ? "null" : typeof value}`,
    );
  }
  return value;
}

// Printable ASCII without spaces: anything else cannot travel in an HTTP header, and fetch's
// own complaint about it would quote the credential.
const CREDENTIAL_RE = /^[\x21-\x7e]+$/;

/** A credential as a header value; the message never quotes it. */
export function credentialHeader(argument: string, value: string): string {
  if (typeof value !== "string" || !CREDENTIAL_RE.test(value)) {
    throw new RealtimeKitArgumentError(argument, `${argument} must be printable characters without spaces`);
  }
  return value;
}
