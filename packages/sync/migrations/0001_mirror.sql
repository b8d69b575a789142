-- The mirror of one RealtimeKit app: a table per object of the Sessions API, columns named as the
-- API names them, each row with the object as answered (`record`) and when it was written
-- (`synced_at`); then the bookkeeping of the sync, and the views people ask questions of.

CREATE TABLE realtimekit.sessions (
  id text PRIMARY KEY,
  associated_id text,
  meeting_display_name text,
  type text,
  status text,
  started_at timestamptz,
  ended_at timestamptz,
  minutes_consumed numeric,
  max_concurrent_participants integer,
  live_participants integer,
  organization_id text,
  created_at timestamptz,
  updated_at timestamptz,
  record jsonb NOT NULL,
  synced_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_started_at ON realtimekit.sessions (started_at);
CREATE INDEX sessions_associated_id ON realtimekit.sessions (associated_id);
CREATE INDEX sessions_live ON realtimekit.sessions (id) WHERE status = 'LIVE';

CREATE TABLE realtimekit.participants (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES realtimekit.sessions (id) ON DELETE CASCADE,
  user_id text,
  custom_participant_id text,
  display_name text,
  preset_name text,
  joined_at timestamptz,
  left_at timestamptz,
  duration numeric,
  created_at timestamptz,
  updated_at timestamptz,
  record jsonb NOT NULL,
  synced_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX participants_session_id ON realtimekit.participants (session_id);
CREATE INDEX participants_user_id ON realtimekit.participants (user_id);

-- A session's chat export, one row per message; `position` is its place in the file.
CREATE TABLE realtimekit.chat_messages (
  session_id text NOT NULL REFERENCES realtimekit.sessions (id) ON DELETE CASCADE,
  position integer NOT NULL,
  id text,
  participant_id text,
  meeting_id text,
  display_name text,
  pinned boolean,
  is_edited boolean,
  payload_type text,
  payload text,
  created_at timestamptz,
  record jsonb NOT NULL,
  synced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, position)
);

-- A session's transcript, one row per utterance in the order of the file.
CREATE TABLE realtimekit.transcript_utterances (
  session_id text NOT NULL REFERENCES realtimekit.sessions (id) ON DELETE CASCADE,
  position integer NOT NULL,
  started_at timestamptz,
  start_ms numeric,
  end_ms numeric,
  peer_id text,
  user_id text,
  custom_participant_id text,
  participant_name text,
  text text,
  record jsonb NOT NULL,
  synced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, position)
);

CREATE TABLE realtimekit.summaries (
  session_id text PRIMARY KEY REFERENCES realtimekit.sessions (id) ON DELETE CASCADE,
  summary text NOT NULL,
  record jsonb NOT NULL,
  synced_at timestamptz NOT NULL DEFAULT now()
);

-- Call statistics, one row per peer (a participant has a peer each time they join), with the
-- figures people flag calls by pulled out of the report.
CREATE TABLE realtimekit.peer_reports (
  peer_id text PRIMARY KEY,
  participant_id text NOT NULL,
  session_id text NOT NULL REFERENCES realtimekit.sessions (id) ON DELETE CASCADE,
  audio_mos numeric,
  audio_packet_loss numeric,
  audio_rtt numeric,
  video_mos numeric,
  video_packet_loss numeric,
  video_rtt numeric,
  record jsonb NOT NULL,
  synced_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX peer_reports_session_id ON realtimekit.peer_reports (session_id);

-- Bookkeeping. The sync's state by name (its cursor: the start of the newest session listed;
-- the app it mirrors), written in the same transaction as the rows it accounts for.
CREATE TABLE realtimekit.sync_state (
  name text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- What the next sync still has to read about a session: `session` (it and its participants,
-- after a webhook said they changed), or one of its files (`chat`, `transcript`, `summary`,
-- `peer_reports`) that was not ready yet.
CREATE TABLE realtimekit.sync_work (
  session_id text NOT NULL,
  part text NOT NULL,
  since timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  PRIMARY KEY (session_id, part)
);

-- Every verified delivery, once: its key de-duplicates retries in the transaction of its writes.
CREATE TABLE realtimekit.webhook_deliveries (
  delivery_key text PRIMARY KEY,
  event text NOT NULL,
  session_id text,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Participant-minutes are `minutes_consumed`, summed; a person is their `user_id`, or the
-- custom participant ID the app gave them; a session counts on the UTC day it started.
CREATE VIEW realtimekit.daily_usage AS
WITH days AS (
  SELECT (started_at AT TIME ZONE 'UTC')::date AS day, count(*) AS sessions,
    coalesce(sum(minutes_consumed), 0) AS participant_minutes
  FROM realtimekit.sessions
  GROUP BY 1
), people AS (
  SELECT (s.started_at AT TIME ZONE 'UTC')::date AS day,
    count(DISTINCT coalesce(p.user_id, p.custom_participant_id)) AS participants
  FROM realtimekit.sessions s JOIN realtimekit.participants p ON p.session_id = s.id
  GROUP BY 1
)
SELECT days.day, days.sessions, days.participant_minutes, coalesce(people.participants, 0) AS participants
FROM days LEFT JOIN people USING (day);

CREATE VIEW realtimekit.meeting_usage AS
WITH meetings AS (
  SELECT associated_id, count(*) AS sessions, coalesce(sum(minutes_consumed), 0) AS participant_minutes,
    max(started_at) AS last_session_at,
    (array_agg(meeting_display_name ORDER BY started_at DESC))[1] AS meeting_display_name
  FROM realtimekit.sessions
  GROUP BY associated_id
), people AS (
  SELECT s.associated_id, count(DISTINCT coalesce(p.user_id, p.custom_participant_id)) AS participants
  FROM realtimekit.sessions s JOIN realtimekit.participants p ON p.session_id = s.id
  GROUP BY s.associated_id
)
SELECT meetings.associated_id, meetings.meeting_display_name, meetings.sessions, meetings.participant_minutes,
  coalesce(people.participants, 0) AS participants, meetings.last_session_at
-- Joined on an expression a hash join can use (IS NOT DISTINCT FROM nests a loop over every pair
-- of meetings): a missing id stands in as ' none', with a space no RealtimeKit id has.
FROM meetings LEFT JOIN people ON coalesce(people.associated_id, ' none') = coalesce(meetings.associated_id, ' none');
