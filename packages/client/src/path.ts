import { RealtimeKitArgumentError } from "./errors.js";

// Characters that would end the path segment or change how the URL is read, plus `%`: no
// real id contains one, and refusing it means no encoded variant reaches the server either.
const UNSAFE_SEGMENT_RE = /[/\\?#%\s\p{Cc}]/u;

/**
 * Checks that an id can stand as one path segment without changing what the URL means,
 * and returns it. Throws before anything is sent.
 */
export function pathSegment(argument: string, value: unknown): string {
  if (typeof value !== "string") {
    throw new RealtimeKitArgumentError(argument, `${argument} must be a string, got ${typeof value}`);
  }
  if (value === "" || value === "." || value === "..") {
    throw new RealtimeKitArgumentError(
      argument,
      `${argument} must be an id, got ${JSON.stringify(value)}, which would change the request's path`,
    );
  }
  const unsafe = UNSAFE_SEGMENT_RE.exec(value);
  if (unsafe) {
    throw new RealtimeKitArgumentError(
      argument,
      `${argument} must be one path segment, got ${JSON.stringify(truncate(value))}, which contains ${JSON.stringify(unsafe[0])}`,
    );
  }
  return value;
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}
