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
  if (value === "" || value === "." || value === ".." || UNSAFE_SEGMENT_RE.test(value)) {
    throw new RealtimeKitArgumentError(
      argument,
      `${argument} must be an id that stands as one path segment (not empty, . or .., and no / \\ ? # %, spaces or control characters); got ${JSON.stringify(value.slice(0, 80))}`,
    );
  }
  return value;
}
