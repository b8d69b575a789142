// Usage and quality, read from the mirror: what `realtimekit-sessions usage` and `report` show,
// each figure one SQL statement over the sessions that started in the period [from, to).
// Participant-minutes are `minutes_consumed` summed (a participant's own are their `duration`);
// a person is their `user_id`, or else their `custom_participant_id`, as in the views.
import type { MirrorDatabase, Queryable } from "./database.js";
import type { Mirror } from "./mirror.js";

/** A mirror, or the database one wrote. */
export type UsageSource = Mirror | MirrorDatabase;

/** A time: a `Date`, milliseconds since the epoch, or an ISO 8601 string. */
export type TimeInput = Date | number | string;

/** The period a figure covers: sessions that started at `from` or later, and before `to` (ISO 8601, UTC). */
export interface UsagePeriod {
  from: string;
  to: string;
}

/** What `usage()` groups by. */
export type UsageBy = "day" | "meeting" | "participant";

/** Every grouping `usage()` knows. */
export const USAGE_BY: readonly UsageBy[] = ["day", "meeting", "participant"];

/** One UTC day of the period, empty days included. */
export interface DayUsage {
  /** `YYYY-MM-DD`, in UTC. */
  day: string;
  sessions: number;
  /** Everyone's minutes in the calls, added up (the sessions' `minutes_consumed`). */
  participant_minutes: number;
  /** Distinct people in that day's sessions. */
  participants: number;
}

/** One meeting (`associated_id`), by its sessions in the period. */
export interface MeetingUsage {
  meeting_id: string | null;
  /** The title of its latest session in the period. */
  meeting: string | null;
  sessions: number;
  participant_minutes: number;
  participants: number;
  /** When its latest session in the period started. */
  last_session_at: string;
}

/** One person, by the sessions of the period they joined. */
export interface ParticipantUsage {
  /** Their `user_id`, or else their `custom_participant_id`. */
  participant: string;
  /** The name they last joined with. */
  name: string | null;
  sessions: number;
  /** Their own minutes in those sessions (their `duration`s added up). */
  participant_minutes: number;
  last_joined_at: string | null;
}

/** The rows `usage()` answers, by what they are grouped by. */
export interface UsageRows {
  day: DayUsage[];
  meeting: MeetingUsage[];
  participant: ParticipantUsage[];
}

/** What `usage()` takes. */
export interface UsageOptions<By extends UsageBy = UsageBy> {
  /** @default "day" */
  by?: By;
  /** The period's start (included). */
  from: TimeInput;
  /** The period's end (excluded). */
  to: TimeInput;
}

/**
 * Where call quality counts as poor: below `mos`, or above `packetLossPercent` or `rttMs`.
 * They are the levels at which Twilio's Voice SDKs raise their low-mos, high-packet-loss and
 * high-rtt warnings; here they are applied to a participant's averages over the whole call.
 */
export interface QualityThresholds {
  mos: number;
  packetLossPercent: number;
  rttMs: number;
  /** Where the levels come from. */
  source: { title: string; url: string };
}

/** The thresholds the report flags quality against, and their public source. */
export const QUALITY_THRESHOLDS: QualityThresholds = {
  mos: 3.5,
  packetLossPercent: 1,
  rttMs: 400,
  source: {
    title: "Twilio Voice Insights, SDK events: network warnings (low-mos, high-packet-loss, high-rtt)",
    url: "https://www.twilio.com/docs/voice/insights/call-quality-events-twilio-client-sdk",
  },
};

/** A figure of the period, with the same figure over the period of the same length just before it. */
export interface Compared {
  value: number | null;
  previous: number | null;
}

/** The figures at the head of the report. */
export interface Headline {
  sessions: Compared;
  participant_minutes: Compared;
  /** Distinct people. */
  participants: Compared;
  /** The most participants any session had at once. */
  peak_concurrency: Compared;
  /** The median length of the sessions that ended, in minutes. */
  median_session_minutes: Compared;
}

/** One bar of the session-length histogram: sessions at least `from_minutes` and under `to_minutes` long. */
export interface LengthBin {
  from_minutes: number;
  /** `null` for the last, open bin. */
  to_minutes: number | null;
  sessions: number;
}

/** How many sessions had `participants` distinct people. */
export interface ParticipantCount {
  participants: number;
  sessions: number;
}

/** A session live at the mirror's last sync. */
export interface LiveSession {
  id: string;
  meeting_id: string | null;
  meeting: string | null;
  started_at: string | null;
  live_participants: number | null;
}

/** Poor quality on one UTC day: among the participants with a peer report, how many had poor audio or video. */
export interface QualityDay {
  day: string;
  /** Participants with a peer report. */
  participants: number;
  poor_audio: number;
  poor_video: number;
}

/** A session with participants of poor quality, worst first. */
export interface QualitySession {
  id: string;
  meeting: string | null;
  started_at: string | null;
  /** Participants with a peer report. */
  participants: number;
  /** Of them, those with poor audio or video. */
  poor: number;
  lowest_mos: number | null;
  highest_packet_loss: number | null;
  highest_rtt: number | null;
}

/** A session of the period with a chat, a transcript or a summary in the mirror. */
export interface SessionFiles {
  id: string;
  meeting: string | null;
  started_at: string | null;
  chat_messages: number;
  transcript_utterances: number;
  summary: boolean;
}

/** Everything the usage report shows: what `report --json` prints, and `renderUsageReport()` takes. */
export interface UsageReport {
  period: UsagePeriod;
  /** The period of the same length just before, that the headline compares with. */
  previous: UsagePeriod;
  /** When the mirror last wrote a session; `null` for an empty mirror. */
  synced_at: string | null;
  headline: Headline;
  days: DayUsage[];
  session_lengths: LengthBin[];
  participants_per_session: ParticipantCount[];
  /** The ten meetings with the most participant-minutes. */
  top_meetings: MeetingUsage[];
  /** Sessions live at the last sync (whenever they started), newest first, at most 50. */
  live: LiveSession[];
  /** `null` when the mirror holds no peer report at all (`sync --include peer_reports` mirrors them). */
  quality: {
    thresholds: QualityThresholds;
    days: QualityDay[];
    /** At most ten sessions that had a participant of poor quality, the largest share of them first. */
    worst: QualitySession[];
  } | null;
  files: {
    with_chat: number;
    with_transcript: number;
    with_summary: number;
    /** The latest 25 of them. */
    latest: SessionFiles[];
  };
}

/** A participant on one session's page, with their peer report's figures when mirrored. */
export interface SessionParticipantReport {
  id: string;
  name: string | null;
  /** Their `user_id`, or else their `custom_participant_id`. */
  person: string | null;
  preset: string | null;
  joined_at: string | null;
  left_at: string | null;
  minutes: number | null;
  audio_mos: number | null;
  audio_packet_loss: number | null;
  audio_rtt: number | null;
  video_mos: number | null;
  video_packet_loss: number | null;
  video_rtt: number | null;
  /** Whether a peer report is mirrored for them. */
  reported: boolean;
  /** What is poor in their report, such as "audio MOS 3.1 (below 3.5)"; empty when nothing is. */
  poor: string[];
}

/** One session, for `report --session`. */
export interface SessionReport {
  session: {
    id: string;
    meeting_id: string | null;
    meeting: string | null;
    type: string | null;
    status: string | null;
    started_at: string | null;
    ended_at: string | null;
    participant_minutes: number | null;
    max_concurrent_participants: number | null;
    live_participants: number | null;
  };
  synced_at: string | null;
  thresholds: QualityThresholds;
  participants: SessionParticipantReport[];
  chat: {
    position: number;
    name: string | null;
    created_at: string | null;
    type: string | null;
    text: string | null;
  }[];
  transcript: { position: number; name: string | null; started_at: string | null; text: string | null }[];
  summary: string | null;
}

/** The session-length histogram's edges, in minutes. */
const LENGTH_EDGES = [5, 15, 30, 60, 120, 240];

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const PERSON = "coalesce(p.user_id, p.custom_participant_id)";
const IN_PERIOD = "s.started_at >= $1::timestamptz AND s.started_at < $2::timestamptz";
const DAY = "(s.started_at AT TIME ZONE 'UTC')::date";
/** Every UTC day the period touches. */
const DAYS = `SELECT d::date AS day FROM generate_series(($1::timestamptz AT TIME ZONE 'UTC')::date,
  (($2::timestamptz - interval '1 microsecond') AT TIME ZONE 'UTC')::date, interval '1 day') d`;

/**
 * A meeting id that equals itself when absent too, as an expression a hash join can use (`IS NOT
 * DISTINCT FROM` cannot, and nests a loop over every pair of meetings). The stand-in for no id
 * has a space, which RealtimeKit's ids do not.
 */
const NULL_SAFE = (column: string) => `coalesce(${column}, ' none')`;

const poorWhere = (kind: "audio" | "video", t: QualityThresholds) =>
  `(r.${kind}_mos < ${Number(t.mos)} OR r.${kind}_packet_loss > ${Number(t.packetLossPercent)} OR r.${kind}_rtt > ${Number(t.rttMs)})`;

/** A time as ISO 8601, refused with a `TypeError` that names `name` when it is not one. */
function isoOf(name: string, value: TimeInput): string {
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === "number"
        ? value
        : /^\d{4}-\d\d-\d\d/.test(value)
          ? Date.parse(value)
          : Number.NaN;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw new TypeError(
      `${name} must be a time (a Date, milliseconds or ISO 8601), not ${JSON.stringify(String(value))}`,
    );
  }
  return new Date(ms).toISOString();
}

/** The period from the options, checked: `from` before `to`. */
function periodOf(caller: string, options: { from: TimeInput; to: TimeInput }): UsagePeriod {
  const from = isoOf(`${caller}: from`, options.from);
  const to = isoOf(`${caller}: to`, options.to);
  if (!(from < to)) throw new RangeError(`${caller}: from (${from}) must be before to (${to})`);
  return { from, to };
}

function databaseOf(source: UsageSource): MirrorDatabase {
  const database = "sync" in source ? source.database : source;
  if (database.dialect === "sqlite") {
    throw new TypeError(
      "usage(), usageReport() and sessionReport() read a Postgres mirror; on D1, query the realtimekit_daily_usage and realtimekit_meeting_usage views",
    );
  }
  return database;
}

const DAY_SQL = `WITH s AS (SELECT * FROM realtimekit.sessions s WHERE ${IN_PERIOD}),
  per AS (SELECT ${DAY} AS day, count(*)::int AS sessions, coalesce(sum(minutes_consumed), 0)::float8 AS participant_minutes
    FROM s GROUP BY 1),
  people AS (SELECT ${DAY} AS day, count(DISTINCT ${PERSON})::int AS participants
    FROM s JOIN realtimekit.participants p ON p.session_id = s.id GROUP BY 1)
  SELECT days.day::text AS day, coalesce(per.sessions, 0) AS sessions,
    coalesce(per.participant_minutes, 0) AS participant_minutes, coalesce(people.participants, 0) AS participants
  FROM (${DAYS}) days LEFT JOIN per USING (day) LEFT JOIN people USING (day) ORDER BY day`;

const MEETING_SQL = `WITH s AS (SELECT * FROM realtimekit.sessions s WHERE ${IN_PERIOD}),
  m AS (SELECT associated_id AS meeting_id, (array_agg(meeting_display_name ORDER BY started_at DESC))[1] AS meeting,
      count(*)::int AS sessions, coalesce(sum(minutes_consumed), 0)::float8 AS participant_minutes, max(started_at) AS last
    FROM s GROUP BY associated_id),
  people AS (SELECT s.associated_id AS meeting_id, count(DISTINCT ${PERSON})::int AS participants
    FROM s JOIN realtimekit.participants p ON p.session_id = s.id GROUP BY 1)
  SELECT m.meeting_id, m.meeting, m.sessions, m.participant_minutes, coalesce(people.participants, 0) AS participants,
    ${iso("m.last")} AS last_session_at
  FROM m LEFT JOIN people ON ${NULL_SAFE("people.meeting_id")} = ${NULL_SAFE("m.meeting_id")}
  ORDER BY m.participant_minutes DESC, m.sessions DESC, m.meeting_id`;

const PARTICIPANT_SQL = `SELECT ${PERSON} AS participant,
    (array_agg(p.display_name ORDER BY p.joined_at DESC NULLS LAST))[1] AS name,
    count(DISTINCT s.id)::int AS sessions, coalesce(sum(p.duration), 0)::float8 AS participant_minutes,
    ${iso("max(p.joined_at)")} AS last_joined_at
  FROM realtimekit.sessions s JOIN realtimekit.participants p ON p.session_id = s.id
  WHERE ${IN_PERIOD} AND ${PERSON} IS NOT NULL
  GROUP BY 1 ORDER BY participant_minutes DESC, sessions DESC, participant`;

const SQL_BY: Record<UsageBy, string> = { day: DAY_SQL, meeting: MEETING_SQL, participant: PARTICIPANT_SQL };

/**
 * The period's usage from the mirror, by UTC day (every day of the period), by meeting or by
 * person, the most participant-minutes first.
 *
 * @example
 * const days = await usage(mirror, { by: "day", from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" });
 */
export async function usage<By extends UsageBy = "day">(
  source: UsageSource,
  options: UsageOptions<By>,
): Promise<UsageRows[By]> {
  const by = options.by ?? "day";
  if (!USAGE_BY.includes(by)) {
    throw new TypeError(`usage(): by takes ${USAGE_BY.join(", ")}, not ${JSON.stringify(String(by))}`);
  }
  const { from, to } = periodOf("usage()", options);
  return (await databaseOf(source).query(SQL_BY[by], [from, to])) as UsageRows[By];
}

interface HeadlineRow {
  sessions: number;
  participant_minutes: number;
  peak_concurrency: number | null;
  median_session_minutes: number | null;
  participants: number;
}

const HEADLINE_SQL = `SELECT count(*)::int AS sessions, coalesce(sum(minutes_consumed), 0)::float8 AS participant_minutes,
    max(max_concurrent_participants)::int AS peak_concurrency,
    (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - started_at) / 60)
      FILTER (WHERE ended_at IS NOT NULL AND started_at IS NOT NULL))::float8 AS median_session_minutes,
    (SELECT count(DISTINCT ${PERSON})::int FROM realtimekit.participants p JOIN realtimekit.sessions s ON s.id = p.session_id
      WHERE ${IN_PERIOD}) AS participants
  FROM realtimekit.sessions s WHERE ${IN_PERIOD}`;

const LENGTHS_SQL = `SELECT width_bucket(extract(epoch FROM ended_at - started_at)::float8 / 60, ARRAY[${LENGTH_EDGES.join(", ")}]::float8[]) AS bin,
    count(*)::int AS sessions
  FROM realtimekit.sessions s WHERE ${IN_PERIOD} AND ended_at IS NOT NULL AND started_at IS NOT NULL GROUP BY 1`;

const PER_SESSION_SQL = `SELECT people AS participants, count(*)::int AS sessions FROM (
    SELECT s.id, count(DISTINCT coalesce(${PERSON}, p.id))::int AS people
    FROM realtimekit.sessions s LEFT JOIN realtimekit.participants p ON p.session_id = s.id
    WHERE ${IN_PERIOD} GROUP BY s.id) per GROUP BY 1 ORDER BY 1`;

const LIVE_SQL = `SELECT id, associated_id AS meeting_id, meeting_display_name AS meeting, ${iso("started_at")} AS started_at,
    live_participants FROM realtimekit.sessions WHERE status = 'LIVE' ORDER BY started_at DESC NULLS LAST, id LIMIT 50`;

const qualityDaysSql = (t: QualityThresholds) => `WITH r AS (
    SELECT ${DAY} AS day, r.* FROM realtimekit.peer_reports r JOIN realtimekit.sessions s ON s.id = r.session_id
    WHERE ${IN_PERIOD}),
  per AS (SELECT day, count(*)::int AS participants, count(*) FILTER (WHERE ${poorWhere("audio", t)})::int AS poor_audio,
    count(*) FILTER (WHERE ${poorWhere("video", t)})::int AS poor_video FROM r GROUP BY day)
  SELECT days.day::text AS day, coalesce(per.participants, 0) AS participants, coalesce(per.poor_audio, 0) AS poor_audio,
    coalesce(per.poor_video, 0) AS poor_video
  FROM (${DAYS}) days LEFT JOIN per USING (day) ORDER BY day`;

const qualityWorstSql = (t: QualityThresholds) => `SELECT s.id, s.meeting_display_name AS meeting,
    ${iso("s.started_at")} AS started_at, count(*)::int AS participants,
    count(*) FILTER (WHERE ${poorWhere("audio", t)} OR ${poorWhere("video", t)})::int AS poor,
    least(min(r.audio_mos), min(r.video_mos))::float8 AS lowest_mos,
    greatest(max(r.audio_packet_loss), max(r.video_packet_loss))::float8 AS highest_packet_loss,
    greatest(max(r.audio_rtt), max(r.video_rtt))::float8 AS highest_rtt
  FROM realtimekit.peer_reports r JOIN realtimekit.sessions s ON s.id = r.session_id
  WHERE ${IN_PERIOD} GROUP BY s.id
  HAVING count(*) FILTER (WHERE ${poorWhere("audio", t)} OR ${poorWhere("video", t)}) > 0
  ORDER BY count(*) FILTER (WHERE ${poorWhere("audio", t)} OR ${poorWhere("video", t)})::float8 / count(*) DESC,
    poor DESC, lowest_mos NULLS LAST, s.id
  LIMIT 10`;

const HAS_CHAT = "EXISTS (SELECT 1 FROM realtimekit.chat_messages c WHERE c.session_id = s.id)";
const HAS_TRANSCRIPT = "EXISTS (SELECT 1 FROM realtimekit.transcript_utterances t WHERE t.session_id = s.id)";
const HAS_SUMMARY = "EXISTS (SELECT 1 FROM realtimekit.summaries m WHERE m.session_id = s.id)";

const FILES_COUNT_SQL = `SELECT count(*) FILTER (WHERE s.id IN (SELECT session_id FROM realtimekit.chat_messages))::int AS with_chat,
    count(*) FILTER (WHERE s.id IN (SELECT session_id FROM realtimekit.transcript_utterances))::int AS with_transcript,
    count(*) FILTER (WHERE s.id IN (SELECT session_id FROM realtimekit.summaries))::int AS with_summary
  FROM realtimekit.sessions s WHERE ${IN_PERIOD}`;

/** The latest sessions with a file, newest first: the index on the start walks back until it has 25. */
const FILES_LATEST_SQL = `SELECT s.id, s.meeting_display_name AS meeting, ${iso("s.started_at")} AS started_at,
    (SELECT count(*)::int FROM realtimekit.chat_messages c WHERE c.session_id = s.id) AS chat_messages,
    (SELECT count(*)::int FROM realtimekit.transcript_utterances t WHERE t.session_id = s.id) AS transcript_utterances,
    ${HAS_SUMMARY} AS summary
  FROM realtimekit.sessions s WHERE ${IN_PERIOD} AND (${HAS_CHAT} OR ${HAS_TRANSCRIPT} OR ${HAS_SUMMARY})
  ORDER BY s.started_at DESC, s.id LIMIT 25`;

const SYNCED_SQL = `SELECT ${iso("max(synced_at)")} AS synced_at FROM realtimekit.sessions`;

/**
 * Everything the usage report shows for the period: headline figures against the period of the
 * same length before it, per-day series, histograms, the top meetings, live sessions, call
 * quality (when peer reports are mirrored) and which sessions have files. Read in one
 * read-only transaction, so the figures agree with each other.
 *
 * @example
 * const report = await usageReport(mirror, { from: Date.now() - 30 * 86_400_000, to: Date.now() });
 * await writeFile("usage.html", renderUsageReport(report));
 */
export async function usageReport(
  source: UsageSource,
  options: { from: TimeInput; to: TimeInput; thresholds?: QualityThresholds | undefined },
): Promise<UsageReport> {
  const period = periodOf("usageReport()", options);
  const thresholds = thresholdsOf("usageReport()", options.thresholds);
  const span = Date.parse(period.to) - Date.parse(period.from);
  const previous = { from: new Date(Date.parse(period.from) - span).toISOString(), to: period.from };
  const params = [period.from, period.to];
  return databaseOf(source).transaction(async (tx) => {
    await readOnly(tx);
    const [now] = await tx.query<HeadlineRow>(HEADLINE_SQL, params);
    const [before] = await tx.query<HeadlineRow>(HEADLINE_SQL, [previous.from, previous.to]);
    const compared = (figure: keyof HeadlineRow): Compared => ({
      value: now?.[figure] ?? null,
      previous: before?.[figure] ?? null,
    });
    const bins = await tx.query<{ bin: number; sessions: number }>(LENGTHS_SQL, params);
    const hasReports = (await tx.query("SELECT 1 FROM realtimekit.peer_reports LIMIT 1")).length > 0;
    const [fileCounts] = await tx.query<{ with_chat: number; with_transcript: number; with_summary: number }>(
      FILES_COUNT_SQL,
      params,
    );
    const [synced] = await tx.query<{ synced_at: string | null }>(SYNCED_SQL);
    return {
      period,
      previous,
      synced_at: synced?.synced_at ?? null,
      headline: {
        sessions: compared("sessions"),
        participant_minutes: compared("participant_minutes"),
        participants: compared("participants"),
        peak_concurrency: compared("peak_concurrency"),
        median_session_minutes: compared("median_session_minutes"),
      },
      days: await tx.query<DayUsage>(DAY_SQL, params),
      session_lengths: [0, ...LENGTH_EDGES].map((from, index) => ({
        from_minutes: from,
        to_minutes: LENGTH_EDGES[index] ?? null,
        sessions: bins.find((row) => row.bin === index)?.sessions ?? 0,
      })),
      participants_per_session: await tx.query<ParticipantCount>(PER_SESSION_SQL, params),
      top_meetings: (await tx.query<MeetingUsage>(MEETING_SQL, params)).slice(0, 10),
      live: await tx.query<LiveSession>(LIVE_SQL),
      quality: hasReports
        ? {
            thresholds,
            days: await tx.query<QualityDay>(qualityDaysSql(thresholds), params),
            worst: await tx.query<QualitySession>(qualityWorstSql(thresholds), params),
          }
        : null,
      files: {
        with_chat: fileCounts?.with_chat ?? 0,
        with_transcript: fileCounts?.with_transcript ?? 0,
        with_summary: fileCounts?.with_summary ?? 0,
        latest: await tx.query<SessionFiles>(FILES_LATEST_SQL, params),
      },
    };
  });
}

/**
 * One session as the mirror holds it, for its own page: its participants (with their peer
 * reports' figures, flagged against `thresholds`), chat, transcript and summary. `undefined`
 * when the mirror does not hold the session.
 */
export async function sessionReport(
  source: UsageSource,
  sessionId: string,
  options: { thresholds?: QualityThresholds | undefined } = {},
): Promise<SessionReport | undefined> {
  if (typeof sessionId !== "string" || sessionId === "") {
    throw new TypeError("sessionReport(): the session id must be a non-empty string");
  }
  const thresholds = thresholdsOf("sessionReport()", options.thresholds);
  return databaseOf(source).transaction(async (tx) => {
    await readOnly(tx);
    const [session] = await tx.query<SessionReport["session"]>(
      `SELECT id, associated_id AS meeting_id, meeting_display_name AS meeting, type, status,
         ${iso("started_at")} AS started_at, ${iso("ended_at")} AS ended_at,
         minutes_consumed::float8 AS participant_minutes, max_concurrent_participants, live_participants
       FROM realtimekit.sessions WHERE id = $1`,
      [sessionId],
    );
    if (!session) return undefined;
    const people = await tx.query<Omit<SessionParticipantReport, "poor">>(
      `SELECT p.id, p.display_name AS name, ${PERSON} AS person, p.preset_name AS preset,
         ${iso("p.joined_at")} AS joined_at, ${iso("p.left_at")} AS left_at, p.duration::float8 AS minutes,
         r.audio_mos::float8 AS audio_mos, r.audio_packet_loss::float8 AS audio_packet_loss, r.audio_rtt::float8 AS audio_rtt,
         r.video_mos::float8 AS video_mos, r.video_packet_loss::float8 AS video_packet_loss, r.video_rtt::float8 AS video_rtt,
         r.peer_id IS NOT NULL AS reported
       FROM realtimekit.participants p
       LEFT JOIN LATERAL (SELECT * FROM realtimekit.peer_reports r WHERE r.participant_id = p.id ORDER BY r.peer_id LIMIT 1) r ON true
       WHERE p.session_id = $1 ORDER BY p.joined_at NULLS LAST, p.id`,
      [sessionId],
    );
    const chat = await tx.query<SessionReport["chat"][number]>(
      `SELECT position, display_name AS name, ${iso("created_at")} AS created_at, payload_type AS type, payload AS text
       FROM realtimekit.chat_messages WHERE session_id = $1 ORDER BY position`,
      [sessionId],
    );
    const transcript = await tx.query<SessionReport["transcript"][number]>(
      `SELECT position, participant_name AS name, ${iso("started_at")} AS started_at, text
       FROM realtimekit.transcript_utterances WHERE session_id = $1 ORDER BY position`,
      [sessionId],
    );
    const [summary] = await tx.query<{ summary: string }>(
      "SELECT summary FROM realtimekit.summaries WHERE session_id = $1",
      [sessionId],
    );
    const [synced] = await tx.query<{ synced_at: string | null }>(
      `SELECT ${iso("synced_at")} AS synced_at FROM realtimekit.sessions WHERE id = $1`,
      [sessionId],
    );
    return {
      session,
      synced_at: synced?.synced_at ?? null,
      thresholds,
      participants: people.map((person) => ({ ...person, poor: poorOf(person, thresholds) })),
      chat,
      transcript,
      summary: summary?.summary ?? null,
    };
  });
}

/** What is poor in a participant's figures, said as the page shows it. */
export function poorOf(
  figures: Pick<
    SessionParticipantReport,
    "audio_mos" | "audio_packet_loss" | "audio_rtt" | "video_mos" | "video_packet_loss" | "video_rtt"
  >,
  thresholds: QualityThresholds = QUALITY_THRESHOLDS,
): string[] {
  const poor: string[] = [];
  for (const kind of ["audio", "video"] as const) {
    const mos = figures[`${kind}_mos`];
    const loss = figures[`${kind}_packet_loss`];
    const rtt = figures[`${kind}_rtt`];
    if (mos !== null && mos < thresholds.mos) poor.push(`${kind} MOS ${mos} (below ${thresholds.mos})`);
    if (loss !== null && loss > thresholds.packetLossPercent) {
      poor.push(`${kind} packet loss ${loss}% (above ${thresholds.packetLossPercent}%)`);
    }
    if (rtt !== null && rtt > thresholds.rttMs)
      poor.push(`${kind} round trip ${rtt} ms (above ${thresholds.rttMs} ms)`);
  }
  return poor;
}

/** The thresholds given, checked to be numbers (they are written into the SQL), or the defaults. */
function thresholdsOf(caller: string, given: QualityThresholds | undefined): QualityThresholds {
  if (given === undefined) return QUALITY_THRESHOLDS;
  for (const name of ["mos", "packetLossPercent", "rttMs"] as const) {
    if (typeof given[name] !== "number" || !Number.isFinite(given[name])) {
      throw new TypeError(`${caller}: thresholds.${name} must be a finite number, not ${JSON.stringify(given[name])}`);
    }
  }
  return given;
}

/** A read-only transaction: the report reads the mirror and never writes it. */
async function readOnly(tx: Queryable): Promise<void> {
  await tx.query("SET TRANSACTION READ ONLY");
}
