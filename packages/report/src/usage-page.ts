// The usage report: headline figures against the previous period, per-day charts, histograms,
// the top meetings, live sessions, call quality and the sessions with files, each chart with
// its numbers in a table beside it.
import type { Compared, QualityThresholds, UsageReport } from "@realtimekit-sessions/sync";
import { categoryBars, dailyBars, dailyShares } from "./charts.js";
import { attribute, day, decimal, documentOf, pair, section, table, text, time, whole } from "./html.js";

const DAY_MS = 86_400_000;

/** What the headline shows, in order: the figure's key, its name, and how it is written. */
const FIGURES: { key: keyof UsageReport["headline"]; name: string; unit?: string }[] = [
  { key: "sessions", name: "Sessions" },
  { key: "participant_minutes", name: "Participant-minutes" },
  { key: "participants", name: "Distinct participants" },
  { key: "peak_concurrency", name: "Peak concurrency", unit: "at once" },
  { key: "median_session_minutes", name: "Median session length", unit: "min" },
];

/**
 * The usage report as one self-contained HTML page: inline CSS and SVG, no script, nothing
 * fetched; it reads on a phone, prints on A4 and follows the reader's dark mode.
 *
 * @example
 * await writeFile("usage.html", renderUsageReport(await usageReport(mirror, { from, to })));
 */
export function renderUsageReport(report: UsageReport): string {
  const { period, previous } = report;
  const span = lengthOf(period.from, period.to);
  const body = [
    `<header><h1>RealtimeKit usage</h1>
<p>Sessions that started from ${time(period.from)} to ${time(period.to)}, compared with the ${text(span)} before
(from ${time(previous.from)}). Minutes are participant-minutes: everyone's time in the calls, added up.</p>
<p class="muted">From the mirror as last synced at ${time(report.synced_at)}.</p></header>`,
    "<main>",
    section("glance", "At a glance", headline(report, span)),
    section("daily", "Per day", daily(report)),
    section("lengths", "Sessions by length and size", shapes(report)),
    section("meetings", "Top meetings", meetings(report)),
    section("live", "Live now", live(report)),
    section("quality", "Call quality", quality(report)),
    section("files", "Chat, transcripts and summaries", files(report)),
    "</main>",
    `<footer>Written by <code>realtimekit-sessions report</code> from the mirror. One session's page:
<code>realtimekit-sessions report --session &lt;id&gt;</code>.</footer>`,
  ].join("\n");
  return documentOf(`RealtimeKit usage, ${period.from.slice(0, 10)} to ${period.to.slice(0, 10)}`, body);
}

/** "30 days", "2 weeks and 1 day", "36 hours": the period's length in words. */
function lengthOf(from: string, to: string): string {
  const ms = Date.parse(to) - Date.parse(from);
  if (ms % DAY_MS === 0) return `${ms / DAY_MS} day${ms === DAY_MS ? "" : "s"}`;
  const hours = Math.round(ms / 3_600_000);
  return hours >= 48 ? `${decimal(ms / DAY_MS)} days` : `${hours} hour${hours === 1 ? "" : "s"}`;
}

function change({ value, previous }: Compared): string {
  if (value === null || previous === null) return "no sessions to compare with";
  if (previous === 0) return value === 0 ? "none before either" : `up from none`;
  const percent = Math.round(((value - previous) / previous) * 100);
  const sign = percent > 0 ? "+" : percent < 0 ? "−" : "±";
  return `${sign}${Math.abs(percent)}% on ${whole(previous)} before`;
}

function headline(report: UsageReport, span: string): string {
  const items = FIGURES.map(({ key, name, unit }) => {
    const figure = report.headline[key];
    return `<div data-figure="${key}"><dt>${text(name)}</dt><dd><span class="value">${whole(figure.value)}${
      unit && figure.value !== null ? ` <small>${text(unit)}</small>` : ""
    }</span><span class="change">${text(change(figure))}</span></dd></div>`;
  });
  return `<p class="muted">Each figure against the ${text(span)} before.</p><dl class="figures">${items.join("")}</dl>`;
}

function peakOf<Row>(rows: readonly Row[], value: (row: Row) => number): Row | undefined {
  return rows.reduce<Row | undefined>(
    (best, row) => (best === undefined || value(row) > value(best) ? row : best),
    undefined,
  );
}

function daily(report: UsageReport): string {
  const { days } = report;
  const busiest = peakOf(days, (day) => day.participant_minutes);
  const busiestSessions = peakOf(days, (day) => day.sessions);
  const minutes = dailyBars(
    days.map((day) => ({ day: day.day, value: day.participant_minutes })),
    {
      caption: "Participant-minutes per day (UTC)",
      alt: `Bar chart of participant-minutes on each of ${days.length} days, from ${days[0]?.day ?? "–"} to ${days.at(-1)?.day ?? "–"}; the most, ${whole(busiest?.participant_minutes)}, on ${busiest?.day ?? "–"}. The numbers are in the table beside it.`,
      label: "Participant-minutes",
      fill: "var(--accent)",
    },
  );
  const sessions = dailyBars(
    days.map((day) => ({ day: day.day, value: day.sessions })),
    {
      caption: "Sessions per day (UTC)",
      alt: `Bar chart of sessions started on each of ${days.length} days; the most, ${whole(busiestSessions?.sessions)}, on ${busiestSessions?.day ?? "–"}. The numbers are in the table beside it.`,
      label: "Sessions",
      fill: "var(--accent-2)",
    },
  );
  const numbers = table(
    "Each day's figures",
    [
      { head: "Day (UTC)", cell: (row) => day(row.day) },
      { head: "Sessions", cell: (day) => whole(day.sessions), numeric: true },
      { head: "Participant-minutes", cell: (day) => whole(day.participant_minutes), numeric: true },
      { head: "Participants", cell: (day) => whole(day.participants), numeric: true },
    ],
    days,
    { scroll: true, rowAttributes: (day) => `data-day="${attribute(day.day)}"` },
  );
  return pair(`<div>${minutes}${sessions}</div>`, numbers);
}

function shapes(report: UsageReport): string {
  const bins = report.session_lengths.map((bin) => ({
    label:
      bin.to_minutes === null
        ? `${minutesLabel(bin.from_minutes)}+`
        : `${minutesLabel(bin.from_minutes)}–${minutesLabel(bin.to_minutes)}`,
    value: bin.sessions,
  }));
  const commonest = peakOf(bins, (bin) => bin.value);
  const lengths = categoryBars(bins, {
    caption: "Sessions by length (ended sessions)",
    alt: `Histogram of the lengths of ${whole(bins.reduce((sum, bin) => sum + bin.value, 0))} ended sessions in ${bins.length} bins; the commonest, ${commonest?.label ?? "–"}, has ${whole(commonest?.value)}.`,
    xLabel: "Length",
    yLabel: "Sessions",
    fill: "var(--accent)",
  });
  const sizes = report.participants_per_session.map((row) => ({
    label: String(row.participants),
    value: row.sessions,
  }));
  const commonSize = peakOf(sizes, (size) => size.value);
  const people = categoryBars(sizes, {
    caption: "Sessions by number of distinct participants",
    alt: `Bar chart of sessions by how many people joined them, from ${sizes[0]?.label ?? "–"} to ${sizes.at(-1)?.label ?? "–"}; the commonest, ${commonSize?.label ?? "–"}, for ${whole(commonSize?.value)} sessions.`,
    xLabel: "Participants",
    yLabel: "Sessions",
    fill: "var(--accent-2)",
  });
  return [
    pair(
      lengths,
      table(
        "Sessions by length",
        [
          { head: "Length", cell: (bin) => text(bin.label) },
          { head: "Sessions", cell: (bin) => whole(bin.value), numeric: true },
        ],
        bins,
      ),
    ),
    pair(
      people,
      table(
        "Sessions by participants",
        [
          { head: "Participants", cell: (size) => text(size.label), numeric: true },
          { head: "Sessions", cell: (size) => whole(size.value), numeric: true },
        ],
        sizes,
        { scroll: true },
      ),
    ),
  ].join("\n");
}

function minutesLabel(minutes: number): string {
  return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

function meetings(report: UsageReport): string {
  if (report.top_meetings.length === 0) return `<p>No sessions started in the period.</p>`;
  return `<p class="muted">The ten meetings with the most participant-minutes in the period.</p><div class="wide">${table(
    "Top meetings by participant-minutes",
    [
      {
        head: "Meeting",
        cell: (m) => `${text(m.meeting ?? "(untitled)")}<br><code class="muted">${text(m.meeting_id)}</code>`,
      },
      { head: "Sessions", cell: (m) => whole(m.sessions), numeric: true },
      { head: "Participant-minutes", cell: (m) => whole(m.participant_minutes), numeric: true },
      { head: "Distinct participants", cell: (m) => whole(m.participants), numeric: true },
      { head: "Last session", cell: (m) => time(m.last_session_at) },
    ],
    report.top_meetings,
    { rowAttributes: (m) => `data-meeting="${attribute(m.meeting_id)}"` },
  )}</div>`;
}

function live(report: UsageReport): string {
  if (report.live.length === 0) return "<p>No session was live at the last sync.</p>";
  return `<div class="wide">${table(
    `Sessions live at the last sync (${report.live.length})`,
    [
      { head: "Meeting", cell: (s) => text(s.meeting ?? "(untitled)") },
      { head: "Session", cell: (s) => `<code>${text(s.id)}</code>` },
      { head: "Started", cell: (s) => time(s.started_at) },
      { head: "In the call", cell: (s) => whole(s.live_participants), numeric: true },
    ],
    report.live,
  )}</div>`;
}

/** What "poor" means on this page, and whose levels they are. */
export function thresholdsNote(thresholds: QualityThresholds): string {
  return `<p>Poor means a mean opinion score (MOS) below ${decimal(thresholds.mos)}, packet loss above
${decimal(thresholds.packetLossPercent)}% or a round trip above ${whole(thresholds.rttMs)} ms, in a participant's averages
over the call: the levels at which the Twilio Voice SDKs warn of low MOS, high packet loss and a high round-trip time
(source: <a href="${attribute(thresholds.source.url)}">${text(thresholds.source.title)}</a>).</p>`;
}

function quality(report: UsageReport): string {
  const { quality } = report;
  if (!quality) {
    return `<p>No peer reports are mirrored, so call quality is not known.
Mirror them with <code>realtimekit-sessions sync --include participants chat transcript summary peer_reports</code>.</p>`;
  }
  const share = (count: number, of: number) => (of === 0 ? 0 : (count / of) * 100);
  const points = quality.days.flatMap((day) => [
    { day: day.day, series: "Poor audio", percent: share(day.poor_audio, day.participants) },
    { day: day.day, series: "Poor video", percent: share(day.poor_video, day.participants) },
  ]);
  const reported = quality.days.reduce((sum, day) => sum + day.participants, 0);
  const poorAudio = quality.days.reduce((sum, day) => sum + day.poor_audio, 0);
  const poorVideo = quality.days.reduce((sum, day) => sum + day.poor_video, 0);
  const chart = dailyShares(points, {
    caption: "Share of participants with poor audio or video, per day (UTC)",
    alt: `Line chart of the share of participants with poor audio and with poor video on each day; over the period, ${decimal(share(poorAudio, reported))}% had poor audio and ${decimal(share(poorVideo, reported))}% poor video, of ${whole(reported)} with a peer report.`,
    series: [
      { name: "Poor audio", color: "var(--accent)" },
      { name: "Poor video", color: "var(--accent-2)" },
    ],
  });
  const numbers = table(
    "Participants with poor quality, per day",
    [
      { head: "Day (UTC)", cell: (row) => day(row.day) },
      { head: "With a report", cell: (day) => whole(day.participants), numeric: true },
      { head: "Poor audio", cell: (day) => whole(day.poor_audio), numeric: true },
      { head: "Poor video", cell: (day) => whole(day.poor_video), numeric: true },
    ],
    quality.days,
    { scroll: true },
  );
  const worst =
    quality.worst.length === 0
      ? "<p>No session had a participant of poor quality.</p>"
      : `<div class="wide">${table(
          "Sessions with the largest share of participants of poor quality",
          [
            {
              head: "Meeting",
              cell: (s) => `${text(s.meeting ?? "(untitled)")}<br><code class="muted">${text(s.id)}</code>`,
            },
            { head: "Started", cell: (s) => time(s.started_at) },
            { head: "Poor / reported", cell: (s) => `${whole(s.poor)} / ${whole(s.participants)}`, numeric: true },
            {
              head: "Lowest MOS",
              cell: (s) =>
                flagged(decimal(s.lowest_mos), s.lowest_mos !== null && s.lowest_mos < quality.thresholds.mos),
              numeric: true,
            },
            {
              head: "Most packet loss",
              cell: (s) =>
                flagged(
                  `${decimal(s.highest_packet_loss)}%`,
                  (s.highest_packet_loss ?? 0) > quality.thresholds.packetLossPercent,
                ),
              numeric: true,
            },
            {
              head: "Longest round trip",
              cell: (s) => flagged(`${whole(s.highest_rtt)} ms`, (s.highest_rtt ?? 0) > quality.thresholds.rttMs),
              numeric: true,
            },
          ],
          quality.worst,
        )}</div>`;
  return [thresholdsNote(quality.thresholds), pair(chart, numbers), worst].join("\n");
}

/** A value past a threshold: coloured, and said in words, so colour is never the only sign. */
export function flagged(value: string, poor: boolean): string {
  return poor
    ? `<span class="poor">${value} <span aria-hidden="true">⚠</span><span class="sr">(poor)</span></span>`
    : value;
}

function files(report: UsageReport): string {
  const { files } = report;
  const counts = `<p>Of the period's sessions, ${whole(files.with_chat)} have a chat, ${whole(files.with_transcript)} a transcript
and ${whole(files.with_summary)} a summary in the mirror.</p>`;
  if (files.latest.length === 0) return counts;
  return `${counts}<div class="wide">${table(
    `The latest ${files.latest.length} of them`,
    [
      { head: "Meeting", cell: (s) => text(s.meeting ?? "(untitled)") },
      { head: "Session", cell: (s) => `<code>${text(s.id)}</code>` },
      { head: "Started", cell: (s) => time(s.started_at) },
      { head: "Chat messages", cell: (s) => whole(s.chat_messages), numeric: true },
      { head: "Transcript lines", cell: (s) => whole(s.transcript_utterances), numeric: true },
      { head: "Summary", cell: (s) => (s.summary ? "yes" : "no") },
    ],
    files.latest,
  )}</div>`;
}
