// Downloads the files behind the short-lived links of the chat, transcript and summary
// operations. A separate entry point, `@realtimekit-sessions/client/downloads`, so that only
// its users pay for the CSV parser.
import { whole } from "./arguments.js";
import { aborted, attempt, type Clocks, failureOf, sleep, startDeadline, within } from "./attempt.js";
import { INTERNALS, type SessionsClient } from "./client.js";
import { csvBatches } from "./csv.js";
import {
  RealtimeKitApiError,
  RealtimeKitArgumentError,
  RealtimeKitConnectionError,
  RealtimeKitError,
  RealtimeKitFormatError,
  RealtimeKitTimeoutError,
} from "./errors.js";
import { loggable } from "./log.js";
import { type CallOptions, policyOf, type Settings } from "./options.js";
import { type ChatRow, chatRows, type TranscriptRow, transcriptJsonRows, transcriptRows } from "./rows.js";

export { RealtimeKitFormatError } from "./errors.js";
export type { ChatPayloadType, ChatRow, TranscriptRow } from "./rows.js";

export type TranscriptFormat = "CSV" | "JSON" | "SRT" | "VTT";

/** The files behind the download links. */
export type DownloadFile = "chat" | "transcript" | "summary";

/**
 * The options of a download, the client's by default: `timeoutMs` bounds each request until
 * its answer's headers (the file then streams for as long as it needs), `deadlineMs` the whole
 * download, link and file; `signal` cancels it, half-way through a file too.
 */
export type DownloadOptions = CallOptions;

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

/** The summary has not been generated yet (the API answered 404). `waitForSummary` waits for it. */
export class RealtimeKitSummaryNotReadyError extends RealtimeKitApiError {
  static override readonly errorName: string = "RealtimeKitSummaryNotReadyError";
}

/** The storage host behind a download link refused it, even after the link was renewed. */
export class RealtimeKitDownloadError extends RealtimeKitError {
  static override readonly errorName: string = "RealtimeKitDownloadError";
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

export interface Downloads {
  /** The session's chat messages, one typed row at a time, parsed as the file streams in. */
  downloadChat(sessionId: string, options?: DownloadOptions): AsyncGenerator<ChatRow, void, undefined>;
  /** The chat file as it is: every CSV record, header row included, as a list of fields. */
  downloadChatRecords(sessionId: string, options?: DownloadOptions): AsyncGenerator<string[], void, undefined>;
  /**
   * The transcript's utterances as typed rows, from the CSV file (either documented layout,
   * streamed) or the JSON file.
   */
  downloadTranscript(
    sessionId: string,
    options?: DownloadOptions & { format?: "CSV" | "JSON" | undefined },
  ): AsyncGenerator<TranscriptRow, void, undefined>;
  /** The transcript as subtitles text. */
  downloadTranscript(sessionId: string, options: DownloadOptions & { format: "SRT" | "VTT" }): Promise<string>;
  /** The CSV transcript as it is: every record, a header row included if the file has one. */
  downloadTranscriptRecords(
    sessionId: string,
    options?: DownloadOptions & { format?: "CSV" | undefined },
  ): AsyncGenerator<string[], void, undefined>;
  /** The JSON transcript as it is: its entries, untouched. */
  downloadTranscriptRecords(
    sessionId: string,
    options: DownloadOptions & { format: "JSON" },
  ): AsyncGenerator<unknown, void, undefined>;
  /** The summary's text (Markdown by default); rejects with `RealtimeKitSummaryNotReadyError` until it was generated. */
  downloadSummary(sessionId: string, options?: DownloadOptions): Promise<string>;
  /** The summary's text: generates it unless it exists, then polls until it is ready. */
  waitForSummary(sessionId: string, options?: WaitForSummaryOptions): Promise<string>;
  /**
   * A file as the storage host serves it, in chunks of bytes, to save or pass on untouched: the
   * chat (CSV), the transcript (CSV by default, or `format`) or the summary (Markdown).
   */
  downloadFile(
    sessionId: string,
    file: DownloadFile,
    options?: DownloadOptions & { format?: TranscriptFormat | undefined },
  ): AsyncGenerator<Uint8Array, void, undefined>;
}

interface Link {
  url: string;
  expiry: string;
}

/** An open download: the storage host's answer, and how to read its body without a raw error. */
interface Download {
  response: Response;
  read<T>(reader: (response: Response) => Promise<T>): Promise<T>;
  /** The CSV records of the body, in batches. */
  batches(): AsyncGenerator<string[][], void, undefined>;
  /** The body's bytes as they arrive. */
  chunks(): AsyncGenerator<Uint8Array, void, undefined>;
}

// What S3-style storage answers for an expired or otherwise refused signature.
const REFUSED_LINK = new Set([400, 401, 403, 410]);
const MAX_POLL_INTERVAL_MS = 15_000;

/**
 * Download helpers for a client. Files are fetched with the client's `fetch` but never with its
 * credentials: the links point at another host. An expired link is renewed once. Every failure,
 * including one half-way through a body, rejects with a `RealtimeKitError`.
 *
 * @example
 * const downloads = createDownloads(client);
 * for await (const message of downloads.downloadChat(sessionId)) console.log(message.payload);
 */
export function createDownloads(client: SessionsClient): Downloads {
  const internals = (client as { [INTERNALS]?: Settings })[INTERNALS];
  if (!internals) {
    throw new RealtimeKitArgumentError("client", "createDownloads() takes a client made by createSessionsClient()");
  }
  const settings: Settings = internals;

  /**
   * Opens the file behind a link: fetched with the client's fetch, timeout and deadline, but
   * never with its credentials or headers, which are for the API alone.
   */
  async function open(operation: string, getLink: () => Promise<Link>, options: DownloadOptions): Promise<Download> {
    const policy = policyOf(settings, operation, options);
    const deadline = startDeadline(policy.deadlineMs);
    const clocks: Clocks = { ...policy, deadline };
    try {
      let link = await getLink();
      let renewed = false;
      if (Date.parse(link.expiry) <= Date.now()) {
        link = await getLink();
        renewed = true;
      }
      for (;;) {
        const origin = linkOrigin(operation, link.url);
        const started = Date.now();
        // Presigned storage links may redirect; following them is safe, as no credential goes with them.
        const { response } = await attempt(
          settings.fetch,
          link.url,
          { method: "GET", headers: {}, redirect: "follow" },
          clocks,
          1,
          false,
        );
        policy.log.debug(
          `GET ${loggable(link.url)} -> ${response.status} in ${Date.now() - started} ms`,
          policy.secrets,
        );
        if (response.ok) return downloadOf(operation, response, origin, clocks);
        await response.body?.cancel().catch(() => {});
        if (renewed || !REFUSED_LINK.has(response.status)) {
          throw new RealtimeKitDownloadError(
            `${operation}: the storage host answered HTTP ${response.status} for the download link${renewed ? ", also after it was renewed" : ""}`,
            response.status,
          );
        }
        link = await getLink();
        renewed = true;
      }
    } catch (error) {
      deadline?.clear();
      throw error;
    }
  }

  function summary(sessionId: string, options: DownloadOptions) {
    return open(
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
  }

  async function downloadSummary(sessionId: string, options: DownloadOptions = {}): Promise<string> {
    return (await summary(sessionId, options)).read((response) => response.text());
  }

  function transcript(sessionId: string, format: TranscriptFormat, options: DownloadOptions) {
    return open(
      "downloadTranscript",
      async () => {
        const link = await client.getTranscriptDownload(sessionId, { format }, options);
        return { url: link.transcript_download_url, expiry: link.transcript_download_url_expiry };
      },
      options,
    );
  }

  async function transcriptEntries(sessionId: string, options: DownloadOptions): Promise<unknown[]> {
    const download = await transcript(sessionId, "JSON", options);
    const text = await download.read((response) => response.text());
    let entries: unknown;
    try {
      entries = JSON.parse(text);
    } catch (cause) {
      throw new RealtimeKitFormatError(
        `downloadTranscript: the JSON transcript is not JSON (${(cause as Error).message})`,
        { cause },
      );
    }
    if (!Array.isArray(entries)) {
      throw new RealtimeKitFormatError("downloadTranscript: the JSON transcript is not a list of entries");
    }
    return entries;
  }

  function chat(sessionId: string, options: DownloadOptions) {
    return open(
      "downloadChat",
      async () => {
        const link = await client.getChatDownload(sessionId, options);
        return { url: link.chat_download_url, expiry: link.chat_download_url_expiry };
      },
      options,
    );
  }

  return {
    async *downloadChat(sessionId, options = {}) {
      yield* chatRows("downloadChat", (await chat(sessionId, options)).batches());
    },

    async *downloadChatRecords(sessionId, options = {}) {
      for await (const batch of (await chat(sessionId, options)).batches()) yield* batch;
    },

    downloadTranscript: ((sessionId: string, options: DownloadOptions & { format?: TranscriptFormat } = {}) => {
      const { format = "CSV" } = options;
      if (format === "SRT" || format === "VTT") {
        return transcript(sessionId, format, options).then((download) => download.read((response) => response.text()));
      }
      return (async function* () {
        if (format === "JSON") return yield* transcriptJsonRows(await transcriptEntries(sessionId, options));
        yield* transcriptRows("downloadTranscript", (await transcript(sessionId, "CSV", options)).batches());
      })();
    }) as Downloads["downloadTranscript"],

    downloadTranscriptRecords: async function* (
      sessionId: string,
      options: DownloadOptions & { format?: "CSV" | "JSON" | undefined } = {},
    ) {
      if (options.format === "JSON") return yield* await transcriptEntries(sessionId, options);
      for await (const batch of (await transcript(sessionId, "CSV", options)).batches()) yield* batch;
    } as Downloads["downloadTranscriptRecords"],

    downloadSummary,

    async *downloadFile(sessionId, file, options = {}) {
      if (file !== "chat" && file !== "transcript" && file !== "summary") {
        throw new RealtimeKitArgumentError(
          "file",
          `file must be "chat", "transcript" or "summary", got ${String(file)}`,
        );
      }
      const download =
        file === "chat"
          ? await chat(sessionId, options)
          : file === "summary"
            ? await summary(sessionId, options)
            : await transcript(sessionId, options.format ?? "CSV", options);
      yield* download.chunks();
    },

    async waitForSummary(sessionId, options = {}) {
      const maxWaitMs = whole("maxWaitMs", options.maxWaitMs, 300_000, 1);
      const pollIntervalMs = whole("pollIntervalMs", options.pollIntervalMs, 2_000, 1);
      const { maxWaitMs: _, pollIntervalMs: __, ...call } = options;
      const { signal } = policyOf(settings, "waitForSummary", call);
      const deadline = Date.now() + maxWaitMs;
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
            `waitForSummary: the summary of session ${sessionId} was not ready within ${maxWaitMs} ms`,
            { attempts: polls + 1 },
          );
        }
        try {
          await sleep(Math.min(interval, left), [signal]);
        } catch {
          throw aborted("waitForSummary", signal, polls + 1);
        }
        interval = Math.min(interval * 1.5, MAX_POLL_INTERVAL_MS);
      }
    },
  };
}

/** The origin of a download link, which errors may name; the link itself carries a signature. */
function linkOrigin(operation: string, url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw new RealtimeKitFormatError(`${operation}: the API's download link is not an http(s) URL`);
  }
  return parsed.origin;
}

/**
 * Wraps the storage host's answer so that reading its body fails only with a
 * `RealtimeKitError`: the caller's abort, the deadline, or the connection breaking off
 * half-way. The download's deadline ends with its body.
 */
function downloadOf(operation: string, response: Response, origin: string, clocks: Clocks): Download {
  // The body must end by the deadline or the caller's abort, even if the stream ignores them.
  const signals = [clocks.signal, clocks.deadline?.signal].filter((signal) => signal !== undefined);
  const stop = signals.length === 0 ? undefined : AbortSignal.any(signals);
  const until = <T>(promise: Promise<T>) => (stop ? within(promise, stop) : promise);
  const failure = (cause: unknown): RealtimeKitError => {
    const error = failureOf(clocks, cause, 1, false);
    return error instanceof RealtimeKitConnectionError && !(cause instanceof RealtimeKitError)
      ? new RealtimeKitConnectionError(`${operation}: the download from ${origin} broke off before its end`, { cause })
      : error;
  };
  return {
    response,
    async read(reader) {
      try {
        return await until(reader(response));
      } catch (cause) {
        throw failure(cause);
      } finally {
        clocks.deadline?.clear();
      }
    },
    async *batches() {
      try {
        yield* csvBatches(operation, response, until);
      } catch (cause) {
        throw failure(cause);
      } finally {
        clocks.deadline?.clear();
      }
    },
    async *chunks() {
      const reader = response.body?.getReader();
      try {
        for (;;) {
          const chunk = reader && (await until(reader.read()));
          if (!chunk || chunk.done) return;
          yield chunk.value;
        }
      } catch (cause) {
        throw failure(cause);
      } finally {
        clocks.deadline?.clear();
        await reader?.cancel().catch(() => {});
      }
    },
  };
}
