// The rows a reader of the documented example files (fixtures/, see SOURCES.md) finds in them,
// written out by hand from the files: what the client must yield, not what it happens to yield.
import type { ChatRow, TranscriptRow } from "../src/downloads.js";

const SESSION = "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d";
const MEETING = "bbbf5e93-289c-4c9b-bd44-d677a9206df7";
const MARK = "005f4e0c-4d08-4d4e-a391-a76be75cd296";
const HENRY = "51fdf95f-d893-471a-922b-7db7adb14453";

/** fixtures/chat.csv */
export const CHAT_ROWS: ChatRow[] = [
  {
    id: "5c1e7f2a-0b9d-4a4e-8f3c-2d6b1a9e7c01",
    participantId: MARK,
    sessionId: SESSION,
    meetingId: MEETING,
    displayName: "Mark",
    pinned: false,
    isEdited: false,
    payloadType: "TEXT_MESSAGE",
    payload: "Hello, everyone",
    createdAt: "2023-02-01T10:52:10.120Z",
  },
  {
    id: "5c1e7f2a-0b9d-4a4e-8f3c-2d6b1a9e7c02",
    participantId: HENRY,
    sessionId: SESSION,
    meetingId: MEETING,
    displayName: "Henry",
    pinned: true,
    isEdited: true,
    payloadType: "TEXT_MESSAGE",
    payload: 'Agenda:\n1. "Launch" date',
    createdAt: "2023-02-01T10:52:41.503Z",
  },
  {
    id: "5c1e7f2a-0b9d-4a4e-8f3c-2d6b1a9e7c03",
    participantId: HENRY,
    sessionId: SESSION,
    meetingId: MEETING,
    displayName: "Henry",
    pinned: false,
    isEdited: false,
    payloadType: "IMAGE_MESSAGE",
    payload: "https://realtimekit-exports.example.com/chat/roadmap.png",
    createdAt: "2023-02-01T10:53:02.004Z",
  },
  {
    id: "5c1e7f2a-0b9d-4a4e-8f3c-2d6b1a9e7c04",
    participantId: MARK,
    sessionId: SESSION,
    meetingId: MEETING,
    displayName: "Mark",
    pinned: false,
    isEdited: false,
    payloadType: "FILE_MESSAGE",
    payload: "https://realtimekit-exports.example.com/chat/notes.pdf",
    createdAt: "2023-02-01T10:55:47.871Z",
  },
];

/** fixtures/transcript.headed.csv */
export const HEADED_TRANSCRIPT_ROWS: TranscriptRow[] = [
  {
    startedAt: "2024-08-07T10:15:30.000Z",
    startMs: undefined,
    endMs: undefined,
    peerId: "peer-123",
    userId: "user-456",
    customParticipantId: "cust-789",
    participantName: "Alice",
    text: "Hello everyone",
  },
  {
    startedAt: "2024-08-07T10:15:35.000Z",
    startMs: undefined,
    endMs: undefined,
    peerId: "peer-234",
    userId: "user-567",
    customParticipantId: "cust-890",
    participantName: "Bob",
    text: "Hi Alice",
  },
];

/** fixtures/transcript.headerless.csv: the first line is an utterance, not a header. */
export const HEADERLESS_TRANSCRIPT_ROWS: TranscriptRow[] = [
  {
    startedAt: undefined,
    startMs: 1000,
    endMs: undefined,
    peerId: "peer-123",
    userId: "user-456",
    customParticipantId: "cust-789",
    participantName: "Alice",
    text: "Hello everyone",
  },
  {
    startedAt: undefined,
    startMs: 3000,
    endMs: undefined,
    peerId: "peer-234",
    userId: "user-567",
    customParticipantId: "cust-890",
    participantName: "Bob",
    text: "Hi Alice",
  },
];

/** fixtures/transcript.json */
export const JSON_TRANSCRIPT_ROWS: TranscriptRow[] = [
  {
    startedAt: undefined,
    startMs: 1000,
    endMs: 2500,
    peerId: "peer-123",
    userId: "user-456",
    customParticipantId: "cust-789",
    participantName: "Alice",
    text: "Hello everyone",
  },
];

/** fixtures/transcript.srt, as published */
export const SRT_TRANSCRIPT =
  "1\n00:00:01,000 --> 00:00:02,500\nAlice: Hello everyone\n\n2\n00:00:03,000 --> 00:00:04,500\nBob: Hi Alice\n";
