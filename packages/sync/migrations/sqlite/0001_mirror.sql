-- The mirror of one RealtimeKit app in SQLite (Cloudflare D1): the tables and views of
-- ../0001_mirror.sql, each named realtimekit_<name> (SQLite has no schemas). Times are ISO 8601
-- text in UTC, as the mirror writes every one (they sort as they compare); JSON is text; a
-- boolean is 1 or 0. A line that ends a statement ends in `;`, and no other line does.

CREATE TABLE realtimekit_sessions (
  id text PRIMARY KEY,
  associated_id text,
  meeting_display_name text,
  type text,
  status text,
  started_at text,
  ended_at text,
  minutes_consumed real,
  max_concurrent_participants integer,
  live_participants integer,
  organization_id text,
  created_at text,
  updated_at text,
  record text NOT NULL,
  synced_at text NOT NULL
);
CREATE INDEX realtimekit_sessions_started_at ON realtimekit_sessions (started_at);
CREATE INDEX realtimekit_sessions_associated_id ON realtimekit_sessions (associated_id);
CREATE INDEX realtimekit_sessions_live ON realtimekit_sessions (id) WHERE status = 'LIVE';

CREATE TABLE realtimekit_participants (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES realtimekit_sessions (id) ON DELETE CASCADE,
  user_id text,
  custom_participant_id text,
  display_name text,
  preset_name text,
  joined_at text,
  left_at text,
  duration real,
  created_at text,
  updated_at text,
  record text NOT NULL,
  synced_at text NOT NULL
);
CREATE INDEX realtimekit_participants_session_id ON realtimekit_participants (session_id);
CREATE INDEX realtimekit_participants_user_id ON realtimekit_participants (user_id);

CREATE TABLE realtimekit_chat_messages (
  session_id text NOT NULL REFERENCES realtimekit_sessions (id) ON DELETE CASCADE,
  position integer NOT NULL,
  id text,
  participant_id text,
  meeting_id text,
  display_name text,
  pinned integer,
  is_edited integer,
  payload_type text,
  payload text,
  created_at text,
  record text NOT NULL,
  synced_at text NOT NULL,
  PRIMARY KEY (session_id, position)
);

CREATE TABLE realtimekit_transcript_utterances (
  session_id text NOT NULL REFERENCES realtimekit_sessions (id) ON DELETE CASCADE,
  position integer NOT NULL,
  started_at text,
  start_ms real,
  end_ms real,
  peer_id text,
  user_id text,
  custom_participant_id text,
  participant_name text,
  text text,
  record text NOT NULL,
  synced_at text NOT NULL,
  PRIMARY KEY (session_id, position)
);

CREATE TABLE realtimekit_summaries (
  session_id text PRIMARY KEY REFERENCES realtimekit_sessions (id) ON DELETE CASCADE,
  summary text NOT NULL,
  record text NOT NULL,
  synced_at text NOT NULL
);

CREATE TABLE realtimekit_peer_reports (
  peer_id text PRIMARY KEY,
  participant_id text NOT NULL,
  session_id text NOT NULL REFERENCES realtimekit_sessions (id) ON DELETE CASCADE,
  audio_mos real,
  audio_packet_loss real,
  audio_rtt real,
  video_mos real,
  video_packet_loss real,
  video_rtt real,
  record text NOT NULL,
  synced_at text NOT NULL
);
CREATE INDEX realtimekit_peer_reports_session_id ON realtimekit_peer_reports (session_id);

CREATE TABLE realtimekit_sync_state (
  name text PRIMARY KEY,
  value text NOT NULL,
  updated_at text NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE realtimekit_sync_work (
  session_id text NOT NULL,
  part text NOT NULL,
  since text NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  attempts integer NOT NULL DEFAULT 0,
  PRIMARY KEY (session_id, part)
);

CREATE TABLE realtimekit_webhook_deliveries (
  delivery_key text PRIMARY KEY,
  event text NOT NULL,
  session_id text,
  payload text NOT NULL,
  received_at text NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Participant-minutes are `minutes_consumed`, summed; a person is their `user_id`, or the
-- custom participant ID the app gave them; a session counts on the UTC day it started.
CREATE VIEW realtimekit_daily_usage AS
WITH days AS (
  SELECT date(started_at) AS day, count(*) AS sessions,
    coalesce(sum(minutes_consumed), 0) AS participant_minutes
  FROM realtimekit_sessions
  GROUP BY 1
), people AS (
  SELECT date(s.started_at) AS day,
    count(DISTINCT coalesce(p.user_id, p.custom_participant_id)) AS participants
  FROM realtimekit_sessions s JOIN realtimekit_participants p ON p.session_id = s.id
  GROUP BY 1
)
SELECT days.day, days.sessions, days.participant_minutes, coalesce(people.participants, 0) AS participants
FROM days LEFT JOIN people ON people.day IS days.day;

CREATE VIEW realtimekit_meeting_usage AS
WITH meetings AS (
  SELECT associated_id, count(*) AS sessions, coalesce(sum(minutes_consumed), 0) AS participant_minutes,
    max(started_at) AS last_session_at
  FROM realtimekit_sessions
  GROUP BY associated_id
), people AS (
  SELECT s.associated_id, count(DISTINCT coalesce(p.user_id, p.custom_participant_id)) AS participants
  FROM realtimekit_sessions s JOIN realtimekit_participants p ON p.session_id = s.id
  GROUP BY s.associated_id
)
SELECT meetings.associated_id,
  -- The name of the meeting's latest session.
  (SELECT meeting_display_name FROM realtimekit_sessions l WHERE l.associated_id IS meetings.associated_id
    ORDER BY l.started_at DESC LIMIT 1) AS meeting_display_name,
  meetings.sessions, meetings.participant_minutes,
  coalesce(people.participants, 0) AS participants, meetings.last_session_at
FROM meetings LEFT JOIN people ON people.associated_id IS meetings.associated_id;
