// Every failure as one line that says what to do, with the exit code a script can branch on:
// 1 when the API or the network failed, 2 for bad usage.
import {
  RealtimeKitAbortError,
  RealtimeKitApiError,
  RealtimeKitArgumentError,
  RealtimeKitConnectionError,
  RealtimeKitError,
  RealtimeKitTimeoutError,
} from "@realtimekit-sessions/client";

export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A mistake in how the command was called. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export function failureOf(error: unknown): { line: string; code: number } {
  if (error instanceof UsageError) return { line: error.message, code: EXIT_USAGE };
  if (error instanceof RealtimeKitArgumentError) return { line: `${error.message}.`, code: EXIT_USAGE };
  if (error instanceof RealtimeKitApiError) {
    const ray = error.rayId ? ` (cf-ray ${error.rayId})` : "";
    return { line: `${apiAdvice(error)}${ray}`, code: EXIT_FAILED };
  }
  if (error instanceof RealtimeKitTimeoutError) {
    return {
      line: `The API did not answer in time: ${error.message}. Try again, or raise --timeout.`,
      code: EXIT_FAILED,
    };
  }
  if (error instanceof RealtimeKitConnectionError) {
    return { line: `Could not reach the API: ${error.message}. Check the network, or --base-url.`, code: EXIT_FAILED };
  }
  if (error instanceof RealtimeKitAbortError) return { line: "Stopped.", code: EXIT_FAILED };
  if (error instanceof RealtimeKitError) return { line: error.message, code: EXIT_FAILED };
  return { line: error instanceof Error ? error.message : String(error), code: EXIT_FAILED };
}

function apiAdvice(error: RealtimeKitApiError): string {
  const detail = error.errors[0]?.message ?? `HTTP ${error.status}`;
  switch (error.status) {
    case 401:
      return `The API refused the token (HTTP 401: ${detail}). Set CLOUDFLARE_API_TOKEN, or pass --token, to a valid API token.`;
    case 403:
      return `The token may not read this app (HTTP 403: ${detail}). It needs the "Realtime" or "Realtime Admin" permission for the account (--account or CLOUDFLARE_ACCOUNT_ID).`;
    case 404:
      return `Not found (HTTP 404): ${detail}. Check the ids, --account and --app.`;
    case 429:
      return `Rate limited (HTTP 429), even after retrying: ${detail}. Wait a minute, then run again.`;
    default:
      return `The API failed (HTTP ${error.status}): ${detail}.`;
  }
}
