// Every failure as one line that says what to do, with the exit code a script can branch on:
// 1 when the API, the network or the file system failed, 2 for bad usage, 3 when the mirror's
// database failed (`sync`, `sql`), 130 when the user interrupted. Imported only once something
// failed.
import {
  RealtimeKitAbortError,
  RealtimeKitApiError,
  RealtimeKitArgumentError,
  RealtimeKitConnectionError,
  RealtimeKitError,
  RealtimeKitTimeoutError,
} from "@realtimekit-sessions/client";
import {
  AlreadySaid,
  CommandError,
  EXIT_DATABASE,
  EXIT_FAILED,
  EXIT_INTERRUPTED,
  EXIT_USAGE,
  UsageError,
} from "./errors.js";
import { fileProblem } from "./files.js";

export interface Failure {
  line: string;
  code: number;
}

/** The line to print (none when the command said it already) and the exit code. */
export function failureOf(error: unknown, interrupted: boolean): Failure {
  if (error instanceof AlreadySaid) return { line: "", code: error.exitCode };
  if (interrupted) return { line: "Interrupted.", code: EXIT_INTERRUPTED };
  if (error instanceof UsageError) return { line: `error: ${error.message}`, code: EXIT_USAGE };
  if (error instanceof CommandError) return { line: `error: ${error.message}`, code: EXIT_FAILED };
  if (error instanceof RealtimeKitArgumentError) return { line: `error: ${error.message}.`, code: EXIT_USAGE };
  if (error instanceof RealtimeKitApiError) {
    const ray = error.rayId ? ` (cf-ray ${error.rayId})` : "";
    return { line: `error: ${apiAdvice(error)}${ray}`, code: EXIT_FAILED };
  }
  if (error instanceof RealtimeKitTimeoutError) {
    return {
      line: `error: The API did not answer in time: ${error.message}. Try again, or raise --timeout.`,
      code: EXIT_FAILED,
    };
  }
  if (error instanceof RealtimeKitConnectionError) {
    return {
      line: `error: Could not reach the API: ${error.message}. Check the network, or --base-url.`,
      code: EXIT_FAILED,
    };
  }
  if (error instanceof RealtimeKitAbortError) return { line: "Interrupted.", code: EXIT_INTERRUPTED };
  // The sync package's, known by name so that a failure of another command loads none of it.
  if (error instanceof RealtimeKitError && error.name === "MirrorDatabaseError") {
    return { line: `error: ${error.message}.`, code: EXIT_DATABASE };
  }
  if (error instanceof RealtimeKitError) return { line: `error: ${error.message}.`, code: EXIT_FAILED };
  const file = fileProblem(error);
  if (file) return { line: `error: ${file}`, code: EXIT_FAILED };
  // A bug of ours: still one line, never a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  return {
    line: `error: ${message.split("\n")[0]} (this is a bug of realtimekit-sessions: please report it)`,
    code: EXIT_FAILED,
  };
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
