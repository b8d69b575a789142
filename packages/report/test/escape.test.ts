// What the API answers reaches the page as text, never as markup: whatever a meeting title, a
// name, a chat message, a transcript or a summary holds, the page has the same elements, no
// script, no handler and no link but the thresholds' source, and shows the text as it was.
import { QUALITY_THRESHOLDS, type SessionReport, type UsageReport } from "@realtimekit-sessions/sync";
import fc from "fast-check";
import { parseHTML } from "linkedom";
import { expect, test } from "vitest";
import { renderSessionReport, renderUsageReport } from "../src/index.js";

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</title><script>fetch('//evil')</script>",
    "<a href=javascript:alert(1)>x</a>",
    "&lt;b&gt; &amp; ' \"",
    "<style>body{display:none}</style>",
    "]]><svg onload=alert(1)>",
  ),
);

const T = "2026-11-30T10:00:00.000Z";

function usageOf(name: string): UsageReport {
  const meeting = {
    meeting_id: name,
    meeting: name,
    sessions: 2,
    participant_minutes: 90.5,
    participants: 3,
    last_session_at: T,
  };
  return {
    period: { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" },
    previous: { from: "2026-10-02T00:00:00.000Z", to: "2026-11-01T00:00:00.000Z" },
    synced_at: T,
    headline: {
      sessions: { value: 2, previous: 1 },
      participant_minutes: { value: 90.5, previous: 10 },
      participants: { value: 3, previous: 0 },
      peak_concurrency: { value: 3, previous: null },
      median_session_minutes: { value: 30, previous: null },
    },
    days: [{ day: "2026-11-30", sessions: 2, participant_minutes: 90.5, participants: 3 }],
    session_lengths: [{ from_minutes: 0, to_minutes: null, sessions: 2 }],
    participants_per_session: [{ participants: 3, sessions: 2 }],
    top_meetings: [meeting],
    live: [{ id: name, meeting_id: name, meeting: name, started_at: T, live_participants: 1 }],
    quality: {
      thresholds: QUALITY_THRESHOLDS,
      days: [{ day: "2026-11-30", participants: 3, poor_audio: 1, poor_video: 0 }],
      worst: [
        {
          id: name,
          meeting: name,
          started_at: T,
          participants: 3,
          poor: 1,
          lowest_mos: 2.1,
          highest_packet_loss: 4,
          highest_rtt: 500,
        },
      ],
    },
    files: {
      with_chat: 1,
      with_transcript: 1,
      with_summary: 1,
      latest: [{ id: name, meeting: name, started_at: T, chat_messages: 1, transcript_utterances: 1, summary: true }],
    },
  };
}

function sessionOf(name: string): SessionReport {
  const figures = {
    audio_mos: 2.1,
    audio_packet_loss: 3,
    audio_rtt: 500,
    video_mos: 4,
    video_packet_loss: 0,
    video_rtt: 40,
  };
  return {
    session: {
      id: name,
      meeting_id: name,
      meeting: name,
      type: "meeting",
      status: "ENDED",
      started_at: T,
      ended_at: "2026-11-30T11:00:00.000Z",
      participant_minutes: 90,
      max_concurrent_participants: 2,
      live_participants: 0,
    },
    synced_at: T,
    thresholds: QUALITY_THRESHOLDS,
    participants: [
      {
        id: "p1",
        name,
        person: name,
        preset: name,
        joined_at: T,
        left_at: "2026-11-30T10:30:00.000Z",
        minutes: 30,
        ...figures,
        reported: true,
        poor: ["audio MOS 2.1 (below 3.5)"],
      },
    ],
    chat: [{ position: 0, name, created_at: T, type: "TEXT_MESSAGE", text: name }],
    transcript: [{ position: 0, name, started_at: T, text: name }],
    summary: name,
  };
}

/** The page's elements, by tag, with everything that could run or load. */
function shapeOf(html: string) {
  const { document } = parseHTML(html);
  const elements = [...document.querySelectorAll("*")];
  return {
    document,
    tags: elements.map((element) => element.tagName.toLowerCase()).join(" "),
    scripts: document.querySelectorAll("script, iframe, object, embed, img, link").length,
    handlers: elements.flatMap((element) => [...element.attributes].filter((a) => /^on/i.test(a.name))).length,
    links: [...document.querySelectorAll("a")].map((a) => a.getAttribute("href")),
  };
}

test.each([
  ["usage", (name: string) => renderUsageReport(usageOf(name))],
  ["session", (name: string) => renderSessionReport(sessionOf(name))],
] as const)("the %s page: any text from the API stays text", (_, render) => {
  const plain = shapeOf(render("Weekly sync"));
  fc.assert(
    fc.property(hostile, (name) => {
      const page = shapeOf(render(name));
      expect(page.tags).toBe(plain.tags);
      expect([page.scripts, page.handlers]).toEqual([0, 0]);
      expect(page.links).toEqual([QUALITY_THRESHOLDS.source.url]);
      // As written (a parser turns a carriage return or a NUL into something else, as browsers do).
      if (!/[\r\0]/.test(name)) expect(page.document.body.textContent).toContain(name);
    }),
    { seed: 20261206, numRuns: 150 },
  );
});
