// The API's objects as rows of the mirror's tables: each column as the API names it, times and
// numbers checked here (a time the API wrote oddly, such as with a stray quote, is read as
// what it says, and one that is no time at all is left NULL, with the object kept whole in
// `record`), and the statements that write a batch of them in one round trip.
import type { Participant, PeerReport, PeerReportParticipant, Session } from "@realtimekit-sessions/client";
import type { ChatRow, TranscriptRow } from "@realtimekit-sessions/client/downloads";
import type { Queryable } from "./database.js";
import type { Dialect } from "./dialect.js";

type Row = Record<string, unknown>;

/** A time as ISO 8601, or null when the value is none. */
export function timeOf(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const ms = typeof value === "number" ? value : Date.parse(value.replace(/^["']+|["']+$/g, ""));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** A finite number, or null. */
export function numberOf(value: unknown): number | null {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : null;
}

const textOf = (value: unknown): string | null =>
  typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : null;
const integerOf = (value: unknown): number | null => {
  const number = numberOf(value);
  return number === null ? null : Math.trunc(number);
};
const booleanOf = (value: unknown): boolean | null => (typeof value === "boolean" ? value : null);

/** One table's columns and how each is read from the object: the statement follows from it. */
interface Table<T> {
  name: string;
  columns: Record<string, [type: string, read: (item: T) => unknown]>;
}

export const SESSIONS: Table<Session> = {
  name: "sessions",
  columns: {
    id: ["text", (s) => textOf(s.id)],
    associated_id: ["text", (s) => textOf(s.associated_id)],
    meeting_display_name: ["text", (s) => textOf(s.meeting_display_name)],
    type: ["text", (s) => textOf(s.type)],
    status: ["text", (s) => textOf(s.status)],
    started_at: ["timestamptz", (s) => timeOf(s.started_at)],
    ended_at: ["timestamptz", (s) => timeOf(s.ended_at)],
    minutes_consumed: ["numeric", (s) => numberOf(s.minutes_consumed)],
    max_concurrent_participants: ["integer", (s) => integerOf(s.max_concurrent_participants)],
    live_participants: ["integer", (s) => integerOf(s.live_participants)],
    organization_id: ["text", (s) => textOf(s.organization_id)],
    created_at: ["timestamptz", (s) => timeOf(s.created_at)],
    updated_at: ["timestamptz", (s) => timeOf(s.updated_at)],
  },
};

/** A participant and the session it was listed under. */
export type SessionParticipant = Participant & { readonly sessionId: string };

export const PARTICIPANTS: Table<SessionParticipant> = {
  name: "participants",
  columns: {
    id: ["text", (p) => textOf(p.id)],
    session_id: ["text", (p) => p.sessionId],
    user_id: ["text", (p) => textOf(p.user_id)],
    custom_participant_id: ["text", (p) => textOf(p.custom_participant_id)],
    display_name: ["text", (p) => textOf(p.display_name)],
    preset_name: ["text", (p) => textOf(p.preset_name)],
    joined_at: ["timestamptz", (p) => timeOf(p.joined_at)],
    left_at: ["timestamptz", (p) => timeOf(p.left_at)],
    duration: ["numeric", (p) => numberOf(p.duration)],
    created_at: ["timestamptz", (p) => timeOf(p.created_at)],
    updated_at: ["timestamptz", (p) => timeOf(p.updated_at)],
  },
};

/** A row of a file, its session and its place in the file. */
export interface Placed<T> {
  sessionId: string;
  position: number;
  row: T;
}

export const CHAT_MESSAGES: Table<Placed<ChatRow>> = {
  name: "chat_messages",
  columns: {
    session_id: ["text", (m) => m.sessionId],
    position: ["integer", (m) => m.position],
    id: ["text", (m) => textOf(m.row.id)],
    participant_id: ["text", (m) => textOf(m.row.participantId)],
    meeting_id: ["text", (m) => textOf(m.row.meetingId)],
    display_name: ["text", (m) => textOf(m.row.displayName)],
    pinned: ["boolean", (m) => booleanOf(m.row.pinned)],
    is_edited: ["boolean", (m) => booleanOf(m.row.isEdited)],
    payload_type: ["text", (m) => textOf(m.row.payloadType)],
    payload: ["text", (m) => textOf(m.row.payload)],
    created_at: ["timestamptz", (m) => timeOf(m.row.createdAt)],
  },
};

export const TRANSCRIPT_UTTERANCES: Table<Placed<TranscriptRow>> = {
  name: "transcript_utterances",
  columns: {
    session_id: ["text", (u) => u.sessionId],
    position: ["integer", (u) => u.position],
    started_at: ["timestamptz", (u) => timeOf(u.row.startedAt)],
    start_ms: ["numeric", (u) => numberOf(u.row.startMs)],
    end_ms: ["numeric", (u) => numberOf(u.row.endMs)],
    peer_id: ["text", (u) => textOf(u.row.peerId)],
    user_id: ["text", (u) => textOf(u.row.userId)],
    custom_participant_id: ["text", (u) => textOf(u.row.customParticipantId)],
    participant_name: ["text", (u) => textOf(u.row.participantName)],
    text: ["text", (u) => textOf(u.row.text)],
  },
};

/** A summary's text and its session. */
export interface SummaryText {
  sessionId: string;
  summary: string;
}

export const SUMMARIES: Table<SummaryText> = {
  name: "summaries",
  columns: {
    session_id: ["text", (s) => s.sessionId],
    summary: ["text", (s) => s.summary],
  },
};

/** A peer's report, the peer and the session it belongs to. */
export interface PeerReportOf {
  peerId: string;
  sessionId: string;
  participantId: string;
  participant: PeerReportParticipant;
}

const cumulative = (report: PeerReport | undefined, kind: "audio" | "video", figure: string): number | null => {
  const section = report?.quality?.[`${kind}_producer_cumulative`] as Record<string, { avg?: unknown }> | undefined;
  return numberOf(section?.[figure]?.avg);
};

export const PEER_REPORTS: Table<PeerReportOf> = {
  name: "peer_reports",
  columns: {
    peer_id: ["text", (r) => r.peerId],
    participant_id: ["text", (r) => r.participantId],
    session_id: ["text", (r) => r.sessionId],
    audio_mos: ["numeric", (r) => cumulative(r.participant.peer_report, "audio", "quality_mos")],
    audio_packet_loss: ["numeric", (r) => cumulative(r.participant.peer_report, "audio", "packet_loss")],
    audio_rtt: ["numeric", (r) => cumulative(r.participant.peer_report, "audio", "rtt")],
    video_mos: ["numeric", (r) => cumulative(r.participant.peer_report, "video", "quality_mos")],
    video_packet_loss: ["numeric", (r) => cumulative(r.participant.peer_report, "video", "packet_loss")],
    video_rtt: ["numeric", (r) => cumulative(r.participant.peer_report, "video", "rtt")],
  },
};

/** What `upsert` takes besides the rows. */
export interface UpsertOptions {
  /**
   * SQL over the table as `t` and the new row as `excluded`: where a row's key is there
   * already, it is updated only where this holds (never, with `"false"`).
   */
  guard?: string | undefined;
  /** SQL a new row is written only where it holds, with `params` from `$2` on. */
  only?: string | undefined;
  params?: readonly unknown[] | undefined;
}

/** The most JSON one statement carries: well under what D1 binds (2 MB) and any server takes. */
const STATEMENT_JSON = 900_000;

/**
 * Writes `items` into `table`, in as few statements as fit (one, mostly): each is inserted, or
 * updated where its key is there already and `guard` allows. `record` is the object as the API
 * answered it.
 */
export async function upsert<T>(
  db: Queryable,
  dialect: Dialect,
  table: Table<T>,
  key: readonly string[],
  items: readonly T[],
  recordOf: (item: T) => unknown,
  options: UpsertOptions = {},
): Promise<void> {
  if (items.length === 0) return;
  const names = [...Object.keys(table.columns), "record"];
  const updates = [...names.filter((name) => !key.includes(name)), "synced_at"]
    .map((name) => `${name} = excluded.${name}`)
    .join(", ");
  const source =
    dialect.name === "postgres"
      ? `SELECT ${names.join(", ")}, now() FROM jsonb_to_recordset($1::text::jsonb) AS x(${[
          ...Object.entries(table.columns).map(([name, [type]]) => `${name} ${type}`),
          "record jsonb",
        ].join(", ")})`
      : // json_extract gives an object as its JSON text, true and false as 1 and 0.
        `SELECT ${names.map((name) => `json_extract(x.value, '$.${name}')`).join(", ")}, ${dialect.now} FROM json_each($1) AS x`;
  const text = `INSERT INTO ${dialect.table(table.name)} AS t (${names.join(", ")}, synced_at)
     ${source} WHERE ${options.only ?? "true"}
     ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${updates}${options.guard ? ` WHERE ${options.guard}` : ""}`;
  for (const chunk of chunks(items.map((item) => rowOf(table, item, recordOf)))) {
    await db.query(text, [chunk, ...(options.params ?? [])]);
  }
}

function rowOf<T>(table: Table<T>, item: T, recordOf: (item: T) => unknown): Row {
  const row: Row = {};
  for (const [name, [, read]] of Object.entries(table.columns)) row[name] = read(item);
  row.record = recordOf(item);
  return row;
}

/** The rows as JSON arrays of at most STATEMENT_JSON characters (a bigger row alone). */
function* chunks(rows: readonly Row[]): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const row of rows) {
    const json = JSON.stringify(row);
    if (parts.length > 0 && size + json.length > STATEMENT_JSON) {
      yield `[${parts.join(",")}]`;
      parts = [];
      size = 0;
    }
    parts.push(json);
    size += json.length + 1;
  }
  if (parts.length > 0) yield `[${parts.join(",")}]`;
}

/**
 * A session answered by the API replaces the mirrored one unless it is older: an ended session
 * never goes back to live, and among the same status the later `updated_at` wins (a session
 * written from a webhook's payload has none, and gives way to the API's).
 */
export const sessionGuard = (d: Dialect) => `(excluded.status = 'ENDED' AND ${d.distinct("t.status", "'ENDED'")})
  OR (${d.same("excluded.status", "t.status")}
      AND (t.updated_at IS NULL OR excluded.updated_at IS NULL OR excluded.updated_at >= t.updated_at))`;

/**
 * A participant answered by the API replaces the mirrored one unless it is older (by
 * `updated_at`; a row a webhook wrote has none). What a webhook said of a participant (that
 * they left) stands until the API's next answer.
 */
export const PARTICIPANT_GUARD = `t.updated_at IS NULL OR excluded.updated_at IS NULL OR excluded.updated_at >= t.updated_at`;
