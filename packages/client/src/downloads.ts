// Downloads the files behind the short-lived links of the chat, transcript and summary
// operations. A separate entry point, `@realtimekit-sessions/client/downloads`, so that only
// its users pay for the CSV parser.
import Papa from "papaparse";
import type { CallOptions, SessionsClient } from "./client.js";
import {
  RealtimeKitApiError,
  RealtimeKitConnectionError,
  RealtimeKitError,
  RealtimeKitTimeoutError,
} from "./errors.js";
import { aborted, sleep } from "./retry.js";

/** A CSV record, keyed by the file's header row. */
export type CsvRow = Record<string, string>;

export type TranscriptFormat = "CSV" | "JSON" | "SRT" | "VTT";

export interface DownloadOptions extends CallOptions {
  /**
   * Time allowed for the storage host to start answering; the body may then take as long as
   * it needs (cancel it with `signal`).
   * @default 60000
   */
  timeoutMs?: number | undefined;
}

export interface WaitForSummaryOptions extends CallOptions {
  /**
   * How long to wait for the summary, generation included.
   * @default 300000
   */
  timeoutMs?: number | undefined;
  /**
   * First wait between polls, growing by half each time up to 15 s.
   * @default 2000
   */
  pollIntervalMs?: number | undefined;
}

/** The summary has not been generated yet (the API answered 404). `waitForSummary` waits for it. */
export class RealtimeKitSummaryNotReadyError extends RealtimeKitApiError {
  override readonly name = "RealtimeKitSummaryNotReadyError";
}

/** The storage host behind a download link refused it, even after the link was renewed. */
export class RealtimeKitDownloadError extends RealtimeKitError {
  override readonly name = "RealtimeKitDownloadError";
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

export interface Downloads {
  /** The session's chat messages, one CSV record at a time, parsed as the file streams in. */
  downloadChat(sessionId: string, options?: DownloadOptions): AsyncGenerator<CsvRow, void, undefined>;
  /** The transcript: CSV records as they stream in (the default format), or the entries of the JSON file. */
  downloadTranscript(
    sessionId: string,
    options?: DownloadOptions & { format?: "CSV" | undefined },
  ): AsyncGenerator<CsvRow, void, undefined>;
  downloadTranscript(
    sessionId: string,
    options: DownloadOptions & { format: "JSON" },
  ): AsyncGenerator<unknown, void, undefined>;
  /** The transcript as subtitles text. */
  downloadTranscript(sessionId: string, options: DownloadOptions & { format: "SRT" | "VTT" }): Promise<string>;
  /** The summary's text; rejects with `RealtimeKitSummaryNotReadyError` until it was generated. */
  downloadSummary(sessionId: string, options?: DownloadOptions): Promise<string>;
  /** The summary's text: generates it unless it exists, then polls until it is ready. */
  waitForSummary(sessionId: string, options?: WaitForSummaryOptions): Promise<string>;
}

interface Link {
  url: string;
  expiry: string;
}

// What S3-style storage answers for an expired or otherwise refused signature.
const REFUSED_LINK = new Set([400, 401, 403, 410]);
const MAX_POLL_INTERVAL_MS = 15_000;

/**
 * Download helpers for a client. Files are fetched with the client's `fetch` but never with its
 * credentials: the links point at another host. An expired link is renewed once.
 *
 * @example
 * const downloads = createDownloads(client);
 * for await (const message of downloads.downloadChat(sessionId)) console.log(message);
 */
export function createDownloads(client: SessionsClient): Downloads {
  async function open(operation: string, getLink: () => Promise<Link>, options: DownloadOptions): Promise<Response> {
    let link = await getLink();
    let renewed = false;
    if (Date.parse(link.expiry) <= Date.now()) {
      link = await getLink();
      renewed = true;
    }
    for (;;) {
      const response = await fetchFile(operation, link.url, options);
      if (response.ok) return response;
      await response.body?.cancel();
      if (renewed || !REFUSED_LINK.has(response.status)) {
        throw new RealtimeKitDownloadError(
          `${operation}: the storage host answered HTTP ${response.status} for the download link${renewed ? ", also after it was renewed" : ""}`,
          response.status,
        );
      }
      link = await getLink();
      renewed = true;
    }
  }

  async function fetchFile(operation: string, url: string, options: DownloadOptions): Promise<Response> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
    try {
      // A bare request: no API credentials, no extra headers, whatever the client sends to the API.
      return await client.fetch(new Request(url, { signal }));
    } catch (cause) {
      if (options.signal?.aborted) throw aborted(operation, options.signal, 1);
      if (timeout.signal.aborted) {
        throw new RealtimeKitTimeoutError(`${operation}: the storage host did not answer within ${timeoutMs} ms`);
      }
      throw new RealtimeKitConnectionError(
        `${operation}: could not fetch the download link from ${new URL(url).origin}`,
        {
          cause,
        },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async function downloadSummary(sessionId: string, options: DownloadOptions = {}): Promise<string> {
    const response = await open(
      "downloadSummary",
      async () => {
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
      },
      options,
    );
    return response.text();
  }

  function transcript(sessionId: string, options: DownloadOptions & { format?: TranscriptFormat | undefined }) {
    const { format = "CSV" } = options;
    return open(
      "downloadTranscript",
      async () => {
        const link = await client.getTranscriptDownload(sessionId, { format }, options);
        return { url: link.transcript_download_url, expiry: link.transcript_download_url_expiry };
      },
      options,
    );
  }

  return {
    async *downloadChat(sessionId, options = {}) {
      const response = await open(
        "downloadChat",
        async () => {
          const link = await client.getChatDownload(sessionId, options);
          return { url: link.chat_download_url, expiry: link.chat_download_url_expiry };
        },
        options,
      );
      yield* csvRows("downloadChat", response);
    },

    downloadTranscript: ((sessionId: string, options: DownloadOptions & { format?: TranscriptFormat } = {}) => {
      if (options.format === "SRT" || options.format === "VTT") {
        return transcript(sessionId, options).then((response) => response.text());
      }
      return (async function* () {
        const response = await transcript(sessionId, options);
        if (options.format !== "JSON") return yield* csvRows("downloadTranscript", response);
        const entries: unknown = await response.json();
        if (!Array.isArray(entries)) {
          throw new RealtimeKitError("downloadTranscript: the JSON transcript is not a list of entries");
        }
        yield* entries;
      })();
    }) as Downloads["downloadTranscript"],

    downloadSummary,

    async waitForSummary(sessionId, options = {}) {
      const { timeoutMs = 300_000, pollIntervalMs = 2_000, signal } = options;
      const deadline = Date.now() + timeoutMs;
      const call = { ...options, timeoutMs: undefined };
      let interval = pollIntervalMs;
      for (let polls = 0; ; polls++) {
        try {
          return await downloadSummary(sessionId, call);
        } catch (error) {
          if (!(error instanceof RealtimeKitSummaryNotReadyError)) throw error;
        }
        if (polls === 0) await client.generateSummary(sessionId, call);
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new RealtimeKitTimeoutError(
            `waitForSummary: the summary of session ${sessionId} was not ready within ${timeoutMs} ms`,
            { attempts: polls + 1 },
          );
        }
        try {
          await sleep(Math.min(interval, left), signal);
        } catch {
          throw aborted("waitForSummary", signal, polls + 1);
        }
        interval = Math.min(interval * 1.5, MAX_POLL_INTERVAL_MS);
      }
    },
  };
}

// Text gathered before each parse: large enough that per-call costs vanish, small enough that
// memory stays flat whatever the file's size.
const PARSE_BATCH = 256 * 1024;

/**
 * The records of a CSV body, keyed by its header row, parsed batch by batch as the body
 * streams in: memory holds one batch, not the file.
 */
async function* csvRows(operation: string, response: Response): AsyncGenerator<CsvRow, void, undefined> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  let newline: "\n" | "\r\n" | undefined;
  let header: string[] | undefined;
  let line = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (!done && pending.length < PARSE_BATCH) continue;
      // Records end the way the header row ends; a quoted field may hold either break.
      newline ??= pending[pending.indexOf("\n") - 1] === "\r" ? "\r\n" : "\n";
      const config = { delimiter: ",", newline, skipEmptyLines: true } as const;
      // Cut at the last line break; only when that break sits inside a quoted field (Papa then
      // finds the field unterminated) is the batch scanned for the last break between records.
      let end = done ? pending.length : pending.lastIndexOf("\n") + 1;
      let parsed = Papa.parse<string[]>(pending.slice(0, end), config);
      if (!done && parsed.errors.some((error) => error.type === "Quotes")) {
        end = lastRecordEnd(pending);
        parsed = Papa.parse<string[]>(pending.slice(0, end), config);
      }
      pending = pending.slice(end);
      const [problem] = parsed.errors;
      if (problem) {
        throw new RealtimeKitError(
          `${operation}: the CSV file is malformed near record ${line + (problem.row ?? 0) + 1}: ${problem.message}`,
        );
      }
      for (const fields of parsed.data) {
        line++;
        if (!header) {
          header = fields;
          continue;
        }
        if (fields.length !== header.length) {
          throw new RealtimeKitError(
            `${operation}: CSV record ${line} has ${fields.length} fields where the header has ${header.length}`,
          );
        }
        const row: CsvRow = {};
        for (let index = 0; index < header.length; index++) row[header[index] as string] = fields[index] as string;
        yield row;
      }
      if (done) return;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** Index just past the last line break that ends a record: one outside any quoted field. */
function lastRecordEnd(text: string): number {
  let inQuotes = false;
  let end = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 34) inQuotes = !inQuotes;
    else if (code === 10 && !inQuotes) end = index + 1;
  }
  return end;
}
