// The summary of a session's transcript: its link, where a 404 means "not generated yet", and
// waiting for it, generation and polls included.
import { whole } from "./arguments.js";
import { aborted, sleep } from "./attempt.js";
import type { SessionsClient } from "./client.js";
import { RealtimeKitApiError, RealtimeKitTimeoutError } from "./errors.js";
import type { Link } from "./links.js";
import type { CallOptions } from "./options.js";

/** The summary has not been generated yet (the API answered 404). `waitForSummary` waits for it. */
export class RealtimeKitSummaryNotReadyError extends RealtimeKitApiError {
  static override readonly errorName: string = "RealtimeKitSummaryNotReadyError";
}

export interface WaitForSummaryOptions extends CallOptions {
  /**
   * How long to wait for the summary, generation and polls included, in whole milliseconds.
   * @default 300000
   */
  maxWaitMs?: number | undefined;
  /**
   * First wait between polls, growing by half each time up to 15 s.
   * @default 2000
   */
  pollIntervalMs?: number | undefined;
}

const MAX_POLL_INTERVAL_MS = 15_000;

/** The link to the summary; a `RealtimeKitSummaryNotReadyError` while none was generated. */
export async function summaryLink(client: SessionsClient, sessionId: string, options: CallOptions): Promise<Link> {
  try {
    const link = await client.getSummaryDownload(sessionId, options);
    return { url: link.summaryDownloadUrl, expiry: link.summaryDownloadUrlExpiry };
  } catch (error) {
    if (error instanceof RealtimeKitApiError && error.status === 404) {
      throw new RealtimeKitSummaryNotReadyError(
        `downloadSummary: the summary of session ${sessionId} is not ready (the API answered 404); generate it with generateSummary(), or use waitForSummary()`,
        error.response,
        error.errors,
      );
    }
    throw error;
  }
}

/**
 * The summary's text once it exists: `download` tried at once; while it is not ready, generation
 * is asked for once, then `download` tried again after growing waits, until `maxWaitMs` has
 * passed since the start.
 */
export async function waitForSummary(
  client: SessionsClient,
  download: (sessionId: string, options: CallOptions) => Promise<string>,
  sessionId: string,
  options: WaitForSummaryOptions,
): Promise<string> {
  const maxWaitMs = whole("maxWaitMs", options.maxWaitMs, 300_000, 1);
  let interval = whole("pollIntervalMs", options.pollIntervalMs, 2_000, 1);
  const { maxWaitMs: _, pollIntervalMs: __, ...call } = options;
  const giveUpAt = Date.now() + maxWaitMs;
  for (let polls = 1; ; polls++) {
    try {
      return await download(sessionId, call);
    } catch (error) {
      if (!(error instanceof RealtimeKitSummaryNotReadyError)) throw error;
    }
    if (polls === 1) await client.generateSummary(sessionId, call);
    const left = giveUpAt - Date.now();
    if (left <= 0) {
      throw new RealtimeKitTimeoutError(
        `waitForSummary: the summary of session ${sessionId} was not ready within ${maxWaitMs} ms`,
        { attempts: polls },
      );
    }
    try {
      await sleep(Math.min(interval, left), [call.signal]);
    } catch {
      throw aborted("waitForSummary", call.signal, polls);
    }
    interval = Math.min(interval * 1.5, MAX_POLL_INTERVAL_MS);
  }
}
