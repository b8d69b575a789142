// Typed rows from the files behind the download links, in every layout Cloudflare has
// documented. A file in any other layout is refused with a RealtimeKitFormatError: a table read
// with the wrong columns would be wrong in every row, silently.
import { isRecord, json, RealtimeKitFormatError, snippet } from "./errors.js";

/** One utterance of a transcript, whichever file and layout it was read from. */
export interface TranscriptRow {
  /** When the utterance started, as an ISO 8601 time: given by the CSV layout with a header row. */
  startedAt: string | undefined;
  /** When the utterance started, in milliseconds from the start of the session: given by the CSV layout without a header row and by the JSON file. */
  startMs: number | undefined;
  /** When the utterance ended, in milliseconds from the start of the session: given by the JSON file only. */
  endMs: number | undefined;
  /** Peer ID of the speaker (it changes when they rejoin). */
  peerId: string;
  /** User ID of the speaker, the same across their peers. */
  userId: string;
  /** The custom participant ID your app gave the speaker. */
  customParticipantId: string;
  /** Display name of the speaker. */
  participantName: string;
  /** What was said. */
  text: string;
}

/** The payload types the chat export documents; other values pass through as they are. */
export type ChatPayloadType = "TEXT_MESSAGE" | "IMAGE_MESSAGE" | "FILE_MESSAGE" | (string & {});

/** One chat message, as the chat export's columns describe it. */
export interface ChatRow {
  /** ID of the message. */
  id: string;
  /** ID of the participant who sent it. */
  participantId: string;
  /** ID of the session it was sent in. */
  sessionId: string;
  /** ID of the meeting the session belongs to. */
  meetingId: string;
  /** Display name of the sender. */
  displayName: string;
  /** Whether the message is pinned. */
  pinned: boolean;
  /** Whether the message was edited after it was sent. */
  isEdited: boolean;
  /** What kind of message it is. */
  payloadType: ChatPayloadType;
  /** The message: its text, or what the API puts there for an image or a file. */
  payload: string;
  /** When it was sent, as the file gives it. */
  createdAt: string;
}

type Batches = AsyncIterable<string[][]>;

const CHAT_COLUMNS = [
  "id",
  "participantId",
  "sessionId",
  "meetingId",
  "displayName",
  "pinned",
  "isEdited",
  "payloadType",
  "payload",
  "createdAt",
] as const;

// The header row of the transcript's CSV layout that has one, compared without case or extra
// spaces, in the order of the row's fields: startedAt, peerId, userId, customParticipantId,
// participantName, text.
const TRANSCRIPT_COLUMNS = [
  "timestamp",
  "participant id",
  "user id",
  "custom participant id",
  "participant name",
  "transcript",
];
// The layout without a header row: start, peer ID, user ID, custom participant ID, name, text.
const HEADERLESS_ORDER = [0, 1, 2, 3, 4, 5];
const MILLISECONDS_RE = /^\d+(\.\d+)?$/;

/**
 * The chat export's rows, batch by batch, by its header row (columns in any order, no column
 * missing or unknown).
 */
export async function* chatRows(operation: string, batches: Batches): AsyncGenerator<ChatRow[], void, undefined> {
  let index: Record<(typeof CHAT_COLUMNS)[number], number> | undefined;
  let record = 0;
  for await (const batch of batches) {
    const rows: ChatRow[] = [];
    for (const fields of batch) {
      record++;
      if (!index) {
        index = columns(operation, "chat", fields, CHAT_COLUMNS, "downloadChatRecords");
        continue;
      }
      expectFields(operation, record, fields, CHAT_COLUMNS.length);
      const field = (name: (typeof CHAT_COLUMNS)[number]) => fields[index?.[name] ?? -1] as string;
      rows.push({
        id: field("id"),
        participantId: field("participantId"),
        sessionId: field("sessionId"),
        meetingId: field("meetingId"),
        displayName: field("displayName"),
        pinned: flag(operation, record, "pinned", field("pinned")),
        isEdited: flag(operation, record, "isEdited", field("isEdited")),
        payloadType: field("payloadType"),
        payload: field("payload"),
        createdAt: field("createdAt"),
      });
    }
    if (rows.length > 0) yield rows;
  }
}

/**
 * The CSV transcript's rows, batch by batch, in either documented layout: a header row of the
 * known column names (in any order), or no header and six fields a record, the first a time in
 * milliseconds. The first record decides; a file in neither layout is refused.
 */
export async function* transcriptRows(
  operation: string,
  batches: Batches,
): AsyncGenerator<TranscriptRow[], void, undefined> {
  let read: ((fields: string[], record: number) => TranscriptRow) | undefined;
  let record = 0;
  for await (const batch of batches) {
    const rows: TranscriptRow[] = [];
    for (const fields of batch) {
      record++;
      if (!read) {
        const order = transcriptHeader(fields);
        if (order) {
          read = (row, at) => csvTranscriptRow(operation, order, true, row, at);
          continue;
        }
        if (fields.length !== HEADERLESS_ORDER.length || !MILLISECONDS_RE.test(fields[0] ?? "")) {
          throw unknownLayout(operation, "transcript", fields, "downloadTranscriptRecords");
        }
        read = (row, at) => csvTranscriptRow(operation, HEADERLESS_ORDER, false, row, at);
      }
      rows.push(read(fields, record));
    }
    if (rows.length > 0) yield rows;
  }
}

/** Where each transcript column stands, if `fields` is the header row of the headed layout. */
function transcriptHeader(fields: string[]): number[] | undefined {
  const names = fields.map((name) => name.trim().replace(/\s+/g, " ").toLowerCase());
  const known = TRANSCRIPT_COLUMNS;
  if (names.length !== known.length || !known.every((name) => names.includes(name))) return undefined;
  return known.map((name) => names.indexOf(name));
}

/**
 * A transcript row from a CSV record whose fields stand in `order` (start, peer ID, user ID,
 * custom participant ID, name, text): the start is an ISO 8601 time in the layout with a
 * header row, milliseconds in the one without.
 */
function csvTranscriptRow(
  operation: string,
  order: readonly number[],
  headed: boolean,
  fields: string[],
  record: number,
): TranscriptRow {
  expectFields(operation, record, fields, order.length);
  const field = (column: number) => fields[order[column] as number] as string;
  const start = field(0);
  if (!headed && !MILLISECONDS_RE.test(start)) {
    throw new RealtimeKitFormatError(
      `${operation}: CSV record ${record} starts with ${snippet(start)} where the layout without a header row has a time in milliseconds`,
    );
  }
  return {
    startedAt: headed ? start : undefined,
    startMs: headed ? undefined : Number(start),
    endMs: undefined,
    peerId: field(1),
    userId: field(2),
    customParticipantId: field(3),
    participantName: field(4),
    text: field(5),
  };
}

/** The entries of the JSON transcript `text`: a list, or a RealtimeKitFormatError. */
export function transcriptEntries(text: string): unknown[] {
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (cause) {
    throw new RealtimeKitFormatError(
      `downloadTranscript: the JSON transcript is not JSON (${(cause as Error).message})`,
      {
        cause,
      },
    );
  }
  if (!Array.isArray(entries)) {
    throw new RealtimeKitFormatError("downloadTranscript: the JSON transcript is not a list of entries");
  }
  return entries;
}

/**
 * The JSON transcript's rows: a list of `{ startTime, endTime, sentence, peerData: { id,
 * userId, displayName, cpi } }`, times in milliseconds. An entry without a `sentence` or a
 * numeric `startTime` is refused.
 */
export function transcriptJsonRows(entries: readonly unknown[]): TranscriptRow[] {
  return entries.map((entry, index) => {
    if (!isRecord(entry) || typeof entry.sentence !== "string" || typeof entry.startTime !== "number") {
      throw new RealtimeKitFormatError(
        `downloadTranscript: JSON transcript entry ${index + 1} is not { startTime: number, sentence: string, ... }: ${snippet(json(entry))}; read the entries as they are with downloadTranscriptRecords()`,
      );
    }
    const peer = isRecord(entry.peerData) ? entry.peerData : {};
    const text = (value: unknown) => (typeof value === "string" ? value : "");
    return {
      startedAt: undefined,
      startMs: entry.startTime,
      endMs: typeof entry.endTime === "number" ? entry.endTime : undefined,
      peerId: text(peer.id),
      userId: text(peer.userId),
      customParticipantId: text(peer.cpi),
      participantName: text(peer.displayName),
      text: entry.sentence,
    };
  });
}

/** Where each of `expected` stands in a header row that must hold exactly those names. */
function columns<Name extends string>(
  operation: string,
  file: string,
  header: string[],
  expected: readonly Name[],
  rawMethod: string,
): Record<Name, number> {
  const names = header.map((name) => name.trim());
  if (names.length !== expected.length || !expected.every((name) => names.includes(name))) {
    throw unknownLayout(operation, file, header, rawMethod);
  }
  return Object.fromEntries(expected.map((name) => [name, names.indexOf(name)])) as Record<Name, number>;
}

function unknownLayout(operation: string, file: string, first: string[], rawMethod: string): RealtimeKitFormatError {
  return new RealtimeKitFormatError(
    `${operation}: the ${file} CSV is in a layout the client does not know (its first record is ${snippet(first.join(","))}); read it as it is with ${rawMethod}()`,
  );
}

function expectFields(operation: string, record: number, fields: string[], expected: number): void {
  if (fields.length !== expected) {
    throw new RealtimeKitFormatError(
      `${operation}: CSV record ${record} has ${fields.length} fields where the layout has ${expected}`,
    );
  }
}

function flag(operation: string, record: number, column: string, value: string): boolean {
  const lower = value.trim().toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw new RealtimeKitFormatError(
    `${operation}: CSV record ${record} has ${snippet(value)} in ${column}, which should be true or false`,
  );
}
