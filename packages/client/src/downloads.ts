// Downloads the files behind the short-lived links of the chat, transcript and summary
// operations. A separate entry point, `@realtimekit-sessions/client/downloads`, so that only
// its users pay for the CSV parser.
import { objectOf, refusal } from "./arguments.js";
import { INTERNALS, type SessionsClient } from "./client.js";
import { isRecord } from "./errors.js";
import { type Download, type Link, openLink } from "./links.js";
import { oneByOne } from "./one-by-one.js";
import type { CallOptions, Settings } from "./options.js";
import {
  type ChatRow,
  chatRows,
  type TranscriptRow,
  transcriptEntries,
  transcriptJsonRows,
  transcriptRows,
} from "./rows.js";
import { summaryLink, type WaitForSummaryOptions, waitForSummary } from "./summary.js";

export { RealtimeKitFormatError } from "./errors.js";
export { RealtimeKitDownloadError } from "./links.js";
export type { ChatPayloadType, ChatRow, TranscriptRow } from "./rows.js";
export { RealtimeKitSummaryNotReadyError, type WaitForSummaryOptions } from "./summary.js";

/** The formats the API makes a transcript in. */
export type TranscriptFormat = "CSV" | "JSON" | "SRT" | "VTT";

/** The files behind the download links. */
export type DownloadFile = "chat" | "transcript" | "summary";

/**
 * The options of a download, the client's by default: `timeoutMs` bounds each request until
 * its answer's headers (the file then streams for as long as it needs), `deadlineMs` the whole
 * download, link and file; `signal` cancels it, half-way through a file too.
 */
export interface DownloadOptions extends CallOptions {
  /**
   * A download link you already have, such as a webhook event's: used first, unless its
   * `expiry` has passed; renewed through the API when it has, or when the storage host refuses it.
   * @example { url: event.transcriptDownloadUrl }
   */
  link?: { url: string; expiry?: string | undefined } | undefined;
}

/** What `createDownloads(client)` gives: the files behind the download links, read as they stream in. */
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

const FORMATS = '"CSV", "JSON", "SRT" or "VTT"';

/** The caller's `link` option, checked: undefined when not given. */
function givenLink(link: DownloadOptions["link"]): Link | undefined {
  if (link === undefined) return undefined;
  if (!isRecord(link) || typeof link.url !== "string" || !["string", "undefined"].includes(typeof link.expiry)) {
    throw refusal("link", "{ url, expiry? } with strings");
  }
  // A link without an expiry is tried as it is, and renewed if the storage host refuses it.
  return { url: link.url, expiry: link.expiry ?? "" };
}

/** A transcript format the API serves, CSV when none is given. */
function transcriptFormat(format: TranscriptFormat | undefined = "CSV"): TranscriptFormat {
  if (!["CSV", "JSON", "SRT", "VTT"].includes(format)) throw refusal("format", FORMATS, format);
  return format;
}

/** The items of the batches `source` yields once started: nothing is fetched before the first `next()`. */
const lazily = <T>(source: () => AsyncGenerator<readonly T[], void, undefined>) => oneByOne(source());

/**
 * Download helpers for a client. Files are fetched with the client's `fetch` but never with its
 * credentials: the links point at another host. An expired link is renewed once. Every failure,
 * including one half-way through a body, rejects with a `RealtimeKitError`. Rows are handed out
 * one at a time as the file streams in, a batch of them parsed at once.
 *
 * @example
 * const downloads = createDownloads(client);
 * for await (const message of downloads.downloadChat(sessionId)) console.log(message.payload);
 */
export function createDownloads(client: SessionsClient): Downloads {
  const settings = (client as { [INTERNALS]?: Settings } | null)?.[INTERNALS];
  if (!settings) throw refusal("client", "a client made by createSessionsClient()");

  /** Opens the file behind the caller's link, else (and when that one fails) the link `getLink` asks the API for. */
  const open = async (operation: string, getLink: () => Promise<Link>, options: DownloadOptions) => {
    let given = givenLink(options.link);
    const first = async () => {
      const link = given;
      given = undefined;
      return link ?? getLink();
    };
    return openLink(settings, operation, first, options);
  };
  const chat = (sessionId: string, options: DownloadOptions) =>
    open(
      "downloadChat",
      async () => {
        const link = await client.getChatDownload(sessionId, options);
        return { url: link.chat_download_url, expiry: link.chat_download_url_expiry };
      },
      options,
    );
  const transcript = (sessionId: string, format: TranscriptFormat, options: DownloadOptions) =>
    open(
      "downloadTranscript",
      async () => {
        const link = await client.getTranscriptDownload(sessionId, { format }, options);
        return { url: link.transcript_download_url, expiry: link.transcript_download_url_expiry };
      },
      options,
    );
  const summary = (sessionId: string, options: DownloadOptions) =>
    open("downloadSummary", () => summaryLink(client, sessionId, options), options);
  const text = async (download: Promise<Download>) => (await download).read((response) => response.text());
  const entries = async (sessionId: string, options: DownloadOptions) =>
    transcriptEntries(await text(transcript(sessionId, "JSON", options)));
  const downloadSummary = async (sessionId: string, options?: DownloadOptions) =>
    text(summary(sessionId, objectOf("options", options)));

  return {
    downloadChat: (sessionId, options) =>
      lazily(async function* () {
        const checked = objectOf("options", options);
        yield* chatRows("downloadChat", (await chat(sessionId, checked)).batches());
      }),

    downloadChatRecords: (sessionId, options) =>
      lazily(async function* () {
        yield* (await chat(sessionId, objectOf("options", options))).batches();
      }),

    downloadTranscript: ((sessionId: string, options?: DownloadOptions & { format?: TranscriptFormat }) => {
      // The format decides what comes back; a bad argument rejects, whatever that is.
      const format = isRecord(options) ? (options.format ?? "CSV") : "CSV";
      if (format === "SRT" || format === "VTT") return text(transcript(sessionId, format, options ?? {}));
      return lazily<TranscriptRow>(async function* () {
        const checked = objectOf("options", options);
        if (format === "JSON") yield transcriptJsonRows(await entries(sessionId, checked));
        else if (format === "CSV") {
          yield* transcriptRows("downloadTranscript", (await transcript(sessionId, "CSV", checked)).batches());
        } else throw refusal("format", FORMATS, format);
      });
    }) as Downloads["downloadTranscript"],

    downloadTranscriptRecords: ((sessionId: string, options?: DownloadOptions & { format?: "CSV" | "JSON" }) =>
      lazily<unknown>(async function* () {
        const { format = "CSV", ...checked } = objectOf("options", options);
        if (format === "JSON") yield await entries(sessionId, checked);
        else if (format === "CSV") yield* (await transcript(sessionId, "CSV", checked)).batches();
        else throw refusal("format", '"CSV" or "JSON"', format);
      })) as Downloads["downloadTranscriptRecords"],

    downloadSummary,

    async *downloadFile(sessionId, file, options) {
      const checked = objectOf("options", options);
      if (file !== "chat" && file !== "transcript" && file !== "summary") {
        throw refusal("file", '"chat", "transcript" or "summary"', file);
      }
      const download =
        file === "chat"
          ? await chat(sessionId, checked)
          : file === "summary"
            ? await summary(sessionId, checked)
            : await transcript(sessionId, transcriptFormat(checked.format), checked);
      yield* download.chunks();
    },

    waitForSummary: async (sessionId, options) =>
      waitForSummary(client, downloadSummary, sessionId, objectOf("options", options)),
  };
}
