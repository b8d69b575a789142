// One session's page: who was in the call when, each participant's call quality flagged against
// the same thresholds as the usage report, and the chat, transcript and summary when mirrored.
import type { SessionParticipantReport, SessionReport } from "@realtimekit-sessions/sync";
import { timeline } from "./charts.js";
import { attribute, decimal, documentOf, pair, section, table, text, time, whole } from "./html.js";
import { flagged, thresholdsNote } from "./usage-page.js";

/**
 * One session's page, as one self-contained HTML file like the usage report's.
 *
 * @example
 * const data = await sessionReport(mirror, sessionId);
 * if (data) await writeFile(`session-${sessionId}.html`, renderSessionReport(data));
 */
export function renderSessionReport(report: SessionReport): string {
  const { session } = report;
  const title = session.meeting ?? "(untitled meeting)";
  const body = [
    `<header><h1>${text(title)}</h1>
<p>Session <code>${text(session.id)}</code> of meeting <code>${text(session.meeting_id)}</code>: ${text(
      (session.status ?? "unknown").toLowerCase(),
    )}, from ${time(session.started_at)} to ${time(session.ended_at)}.</p>
<p class="muted">From the mirror as last synced at ${time(report.synced_at)}.</p></header>`,
    "<main>",
    section("glance", "At a glance", glance(report)),
    section("timeline", "Who was in the call when", who(report)),
    section("quality", "Call quality", quality(report)),
    section("chat", "Chat", chat(report)),
    section("transcript", "Transcript", transcript(report)),
    section("summary", "Summary", summary(report)),
    "</main>",
    `<footer>Written by <code>realtimekit-sessions report --session ${text(session.id)}</code> from the mirror.</footer>`,
  ].join("\n");
  return documentOf(`${title}: session of ${(session.started_at ?? "").slice(0, 10)}`, body);
}

function glance({ session, participants }: SessionReport): string {
  const people = new Set(participants.map((p) => p.person ?? p.id)).size;
  const length =
    session.started_at && session.ended_at
      ? (Date.parse(session.ended_at) - Date.parse(session.started_at)) / 60_000
      : null;
  const figures: [string, string, string][] = [
    ["participant_minutes", "Participant-minutes", whole(session.participant_minutes)],
    ["length", "Length", length === null ? "–" : `${whole(length)} min`],
    ["participants", "Distinct participants", whole(people)],
    ["peak_concurrency", "Peak concurrency", whole(session.max_concurrent_participants)],
  ];
  return `<dl class="figures">${figures
    .map(
      ([key, name, value]) =>
        `<div data-figure="${key}"><dt>${text(name)}</dt><dd><span class="value">${value}</span></dd></div>`,
    )
    .join("")}</dl>`;
}

const nameOf = (p: SessionParticipantReport) => p.name ?? p.person ?? p.id;

function who(report: SessionReport): string {
  const { participants, session } = report;
  if (participants.length === 0) return "<p>No participants are mirrored for this session.</p>";
  // A participant still in a live call is drawn up to the last sync.
  const until = session.ended_at ?? report.synced_at ?? session.started_at ?? "";
  const rows = new Map<string, string>();
  const stints = participants
    .filter((p) => p.joined_at)
    .map((p) => {
      const row = p.person ?? p.id;
      rows.set(row, nameOf(p));
      return { row, from: p.joined_at as string, to: p.left_at ?? until, poor: p.poor.length > 0 };
    });
  const chart = timeline(stints, {
    caption: "Each participant's time in the call (UTC); a poor-quality participant in the second colour",
    alt: `Timeline of ${stints.length} stints in the call by ${rows.size} people, from ${(session.started_at ?? "").slice(11, 16)} to ${until.slice(11, 16)} UTC. The times are in the table beside it.`,
    rowLabel: (row) => rows.get(row) ?? row,
    fill: "var(--accent)",
    poorFill: "var(--poor)",
  });
  const numbers = table(
    "Participants, in the order they joined",
    [
      { head: "Participant", cell: (p) => text(nameOf(p)) },
      { head: "Joined", cell: (p) => time(p.joined_at) },
      { head: "Left", cell: (p) => time(p.left_at) },
      { head: "Minutes", cell: (p) => whole(p.minutes), numeric: true },
    ],
    participants,
    { scroll: true, rowAttributes: (p) => `data-participant="${attribute(p.id)}"` },
  );
  return pair(chart, numbers);
}

function quality(report: SessionReport): string {
  const { participants, thresholds: t } = report;
  const reported = participants.filter((p) => p.reported);
  if (reported.length === 0) {
    return `<p>No peer report is mirrored for this session: <code>realtimekit-sessions sync --include peer_reports</code> mirrors them
(with the other parts you want).</p>`;
  }
  const poor = reported.filter((p) => p.poor.length > 0);
  const summaryLine =
    poor.length === 0
      ? `<p>No participant had poor audio or video.</p>`
      : `<p class="poor">${whole(poor.length)} of ${whole(reported.length)} participants with a peer report had poor audio or video.</p>`;
  const mos = (value: number | null) => flagged(decimal(value), value !== null && value < t.mos);
  const loss = (value: number | null) =>
    flagged(value === null ? "–" : `${decimal(value)}%`, value !== null && value > t.packetLossPercent);
  const rtt = (value: number | null) =>
    flagged(value === null ? "–" : `${whole(value)} ms`, value !== null && value > t.rttMs);
  return `${thresholdsNote(t)}${summaryLine}<div class="wide">${table(
    "Each participant's averages over the call, from their peer report",
    [
      { head: "Participant", cell: (p) => text(nameOf(p)) },
      { head: "Audio MOS", cell: (p) => mos(p.audio_mos), numeric: true },
      { head: "Audio loss", cell: (p) => loss(p.audio_packet_loss), numeric: true },
      { head: "Audio round trip", cell: (p) => rtt(p.audio_rtt), numeric: true },
      { head: "Video MOS", cell: (p) => mos(p.video_mos), numeric: true },
      { head: "Video loss", cell: (p) => loss(p.video_packet_loss), numeric: true },
      { head: "Video round trip", cell: (p) => rtt(p.video_rtt), numeric: true },
    ],
    reported,
    { rowAttributes: (p) => `data-participant="${attribute(p.id)}"${p.poor.length > 0 ? ' data-poor=""' : ""}` },
  )}</div>`;
}

function chat({ chat }: SessionReport): string {
  if (chat.length === 0) return "<p>No chat is mirrored for this session.</p>";
  return `<div class="wide">${table(
    `${whole(chat.length)} messages`,
    [
      { head: "Sent", cell: (m) => time(m.created_at) },
      { head: "From", cell: (m) => text(m.name) },
      {
        head: "Message",
        cell: (m) =>
          m.type === "TEXT_MESSAGE" || m.type === null ? text(m.text) : `<em>${text(m.type)}</em> ${text(m.text)}`,
      },
    ],
    chat,
  )}</div>`;
}

function transcript({ transcript }: SessionReport): string {
  if (transcript.length === 0) return "<p>No transcript is mirrored for this session.</p>";
  return `<div class="wide">${table(
    `${whole(transcript.length)} utterances`,
    [
      { head: "At", cell: (u) => time(u.started_at) },
      { head: "Speaker", cell: (u) => text(u.name) },
      { head: "Said", cell: (u) => text(u.text) },
    ],
    transcript,
  )}</div>`;
}

function summary({ summary }: SessionReport): string {
  if (summary === null) return "<p>No summary is mirrored for this session.</p>";
  // The summary is Markdown; shown as its text, so nothing in it can become markup.
  return `<pre class="summary">${text(summary)}</pre>`;
}
