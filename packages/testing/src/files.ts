// The files behind the download links, written in the layouts Cloudflare has documented (the
// sources are cited in the client's test/fixtures/SOURCES.md): the chat export's columns, the
// transcript as CSV with or without a header row, JSON, SRT and VTT.
import Papa from "papaparse";
import type { ChatMessage, Utterance } from "./factories.js";

/** The CSV layouts of the transcript: with a header row and ISO times, or without one and milliseconds. */
export type TranscriptLayout = "headed" | "headerless";

export const CHAT_COLUMNS = [
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

const TRANSCRIPT_HEADER = [
  "Timestamp",
  "Participant ID",
  "User ID",
  "Custom Participant ID",
  "Participant Name",
  "Transcript",
];

export function chatCsv(messages: readonly ChatMessage[]): string {
  const rows = messages.map((message) => CHAT_COLUMNS.map((column) => String(message[column])));
  return `${Papa.unparse({ fields: [...CHAT_COLUMNS], data: rows }, { newline: "\n" })}\n`;
}

/** The transcript in one of the documented file formats; times are counted from `sessionStartedAt`. */
export function transcriptFile(
  utterances: readonly Utterance[],
  format: "CSV" | "JSON" | "SRT" | "VTT",
  layout: TranscriptLayout,
  sessionStartedAt: string,
): string {
  const start = Date.parse(sessionStartedAt);
  const offset = (time: string): number => Math.max(0, Date.parse(time) - start);
  switch (format) {
    case "CSV": {
      const rows = utterances.map((utterance) => [
        layout === "headed" ? utterance.startedAt : String(offset(utterance.startedAt)),
        utterance.peerId,
        utterance.userId,
        utterance.customParticipantId,
        utterance.participantName,
        utterance.text,
      ]);
      const text =
        layout === "headed"
          ? Papa.unparse({ fields: TRANSCRIPT_HEADER, data: rows }, { newline: "\n" })
          : Papa.unparse(rows, { newline: "\n", quotes: true });
      return `${text}\n`;
    }
    case "JSON":
      return JSON.stringify(
        utterances.map((utterance) => ({
          startTime: offset(utterance.startedAt),
          endTime: offset(utterance.endedAt),
          sentence: utterance.text,
          peerData: {
            id: utterance.peerId,
            userId: utterance.userId,
            displayName: utterance.participantName,
            cpi: utterance.customParticipantId,
          },
        })),
        null,
        2,
      );
    case "SRT":
      return utterances
        .map(
          (utterance, index) =>
            `${index + 1}\n${clock(offset(utterance.startedAt), ",")} --> ${clock(offset(utterance.endedAt), ",")}\n${utterance.participantName}: ${utterance.text}\n`,
        )
        .join("\n");
    case "VTT":
      return `WEBVTT\n\n${utterances
        .map(
          (utterance) =>
            `${clock(offset(utterance.startedAt), ".")} --> ${clock(offset(utterance.endedAt), ".")}\n${utterance.participantName}: ${utterance.text}\n`,
        )
        .join("\n")}`;
  }
}

/** `hh:mm:ss,mmm` (SRT) or `hh:mm:ss.mmm` (VTT). */
function clock(ms: number, separator: "," | "."): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor(ms / 60_000) % 60;
  const seconds = Math.floor(ms / 1_000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${separator}${pad(ms % 1_000, 3)}`;
}
