// Factories of realistic API objects, for seeding the fake and for tests that need exactly one
// object. Every field the API documents is filled in; `overrides` win over generated values.
// Shapes and value styles follow the spec's examples (themselves Cloudflare's), not the client.
import type { Participant, PeerEvent, PeerReport, Session } from "@realtimekit-sessions/client";
import type { ChatRow } from "@realtimekit-sessions/client/downloads";
import { createRandom, type Random } from "./random.js";

/** One utterance of a transcript; the fake writes it in every layout the API has documented. */
export interface Utterance {
  /** When the utterance started (ISO 8601). */
  startedAt: string;
  /** When it ended (ISO 8601). */
  endedAt: string;
  /** Peer ID of the speaker. */
  peerId: string;
  userId: string;
  customParticipantId: string;
  participantName: string;
  text: string;
}

/** One message of a session's chat export. */
export type ChatMessage = ChatRow;

/** What every factory (`makeSession()` and the others) takes. */
export interface FactoryOptions {
  /**
   * Where generated values come from. Factories share one seeded generator by default, so a
   * test file makes the same data on every run; pass `createRandom(seed)` to make data that
   * does not depend on what other factories were called first.
   */
  random?: Random | undefined;
}

/** What the factories of a session's parts (`makeParticipant()`) take. */
export interface ChildFactoryOptions extends FactoryOptions {
  /** The session it belongs to: its id, meeting and times follow from it. */
  session?: Session | undefined;
}

/** What the factories of what someone wrote or said (`makeChatMessage()`, `makeUtterance()`) take. */
export interface SpokenFactoryOptions extends ChildFactoryOptions {
  /** Who wrote or said it: ids and name follow from them. */
  participant?: Participant | undefined;
}

const shared = createRandom(20_261_122);

/**
 * The factories place a session without a start within the 30 days from this time, so that
 * they make the same data on any date. (The fake's own sessions end at its `now` instead.)
 */
export const GENERATED_FROM = "2026-10-01T00:00:00.000Z";
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const TITLES = [
  "Weekly product sync",
  "Customer onboarding",
  "Design review",
  "Support escalation",
  "All hands",
  "Sales demo",
  "Launch livestream",
  "Office hours",
] as const;
const NAMES = ["Mark", "Henry", "Alice", "Bob", "Priya", "Chen", "Fatima", "Diego", "Yuki", "Olga"] as const;
const PRESETS = ["group_call_host", "group_call_participant", "webinar_presenter", "webinar_participant"] as const;
const LINES = [
  "Hello everyone",
  "Can you hear me?",
  "Let's go through the agenda.",
  "The release is on track for Friday.",
  "I'll share my screen.",
  "Any questions before we wrap up?",
  "Thanks, that's all from me.",
] as const;

/** The title of the app's `index`th recurring meeting: "Design review", then "Design review 2" and so on. */
export function meetingTitleOf(index: number): string {
  const round = Math.floor(index / TITLES.length);
  return `${TITLES[index % TITLES.length]}${round > 0 ? ` ${round + 1}` : ""}`;
}

/** The display name of the app's `index`th person: a first name and an initial. */
export function personNameOf(index: number): string {
  return `${NAMES[index % NAMES.length]} ${String.fromCharCode(65 + (Math.floor(index / NAMES.length) % 26))}.`;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** A session; ended unless `overrides.status` says `"LIVE"`. */
export function makeSession(overrides: Partial<Session> = {}, options: FactoryOptions = {}): Session {
  const random = options.random ?? shared;
  const status = overrides.status ?? "ENDED";
  const startedMs = overrides.started_at
    ? Date.parse(overrides.started_at)
    : Date.parse(GENERATED_FROM) + random.int(0, 30 * DAY_MS);
  const endedMs = startedMs + random.int(5, 90) * MINUTE_MS + random.int(0, 59_999);
  const maxConcurrent = random.int(1, 12);
  const session: Session = {
    id: random.uuid(),
    associated_id: random.uuid(),
    meeting_display_name: random.pick(TITLES),
    type: random.next() < 0.85 ? "meeting" : "livestream",
    status,
    live_participants: status === "LIVE" ? random.int(1, maxConcurrent) : 0,
    max_concurrent_participants: maxConcurrent,
    minutes_consumed: round(random.next() * maxConcurrent * 60, 4),
    organization_id: random.hex(32),
    started_at: iso(startedMs),
    ...(status === "ENDED" ? { ended_at: iso(endedMs) } : { ended_at: null }),
    created_at: iso(startedMs - random.int(1, 40)),
    updated_at: iso(status === "ENDED" ? endedMs + random.int(1, 900) : startedMs + random.int(1, 30) * MINUTE_MS),
  };
  return { ...session, ...overrides };
}

/**
 * What `makeParticipant()` takes: any field of a participant, its peer events partial too (an
 * event's id, peer and times are generated when left out).
 */
export interface ParticipantOverrides extends Omit<Partial<Participant>, "peer_events"> {
  /** The peer's events, each with what is left out generated. */
  peer_events?: readonly Partial<PeerEvent>[] | undefined;
}

/**
 * A participant of `options.session`: joined while it ran, left before it ended (or still in
 * the call, for some participants of a live session), with its peer's join and leave events.
 */
export function makeParticipant(overrides: ParticipantOverrides = {}, options: ChildFactoryOptions = {}): Participant {
  const random = options.random ?? shared;
  const session = options.session ?? makeSession({}, { random });
  const startedMs = Date.parse(session.started_at);
  const endedMs = session.ended_at ? Date.parse(session.ended_at) : Date.parse(session.updated_at);
  const joinedMs = overrides.joined_at
    ? Date.parse(overrides.joined_at)
    : startedMs + random.int(0, Math.max(0, Math.floor((endedMs - startedMs) / 3)));
  const stillIn = session.status === "LIVE" && random.next() < 0.5;
  const leftMs = stillIn
    ? undefined
    : random.int(Math.min(joinedMs + 1_000, endedMs), Math.max(joinedMs + 1_000, endedMs));
  const id = overrides.id ?? random.uuid();
  const peerId = random.uuid();
  const event = (event_name: NonNullable<PeerEvent["event_name"]>, atMs: number): PeerEvent => ({
    id: random.uuid(),
    event_name,
    peer_id: peerId,
    participant_id: id,
    session_id: session.id,
    socket_session_id: null,
    preset_view_type: session.type === "livestream" ? "LIVESTREAM" : "GROUP_CALL",
    minutes_consumed: 0,
    created_at: iso(atMs),
    updated_at: iso(atMs + random.int(1, 10)),
  });
  const participant: Participant = {
    id,
    user_id: random.uuid(),
    custom_participant_id: random.hex(6),
    display_name: random.pick(NAMES),
    preset_name: random.pick(PRESETS),
    joined_at: iso(joinedMs),
    left_at: leftMs === undefined ? null : iso(leftMs),
    duration: round(((leftMs ?? endedMs) - joinedMs) / MINUTE_MS, 4),
    created_at: iso(joinedMs + random.int(1, 10)),
    updated_at: iso((leftMs ?? joinedMs) + random.int(1, 10)),
    peer_events: [
      event("PEER_CREATED", joinedMs - random.int(50, 500)),
      event("PEER_JOINING", joinedMs),
      ...(leftMs === undefined ? [] : [event("PEER_LEAVING", leftMs)]),
    ],
  };
  const { peer_events: events, ...rest } = overrides;
  return {
    ...participant,
    ...rest,
    ...(events === undefined
      ? {}
      : { peer_events: events.map((given) => ({ ...event(given.event_name ?? "PEER_JOINING", joinedMs), ...given })) }),
  };
}

/** What `makePeerReport()` takes. */
export interface PeerReportFactoryOptions extends FactoryOptions {
  /** The participant the report is about: its events fall while they were in the call. */
  participant?: Participant | undefined;
}

/** A peer report with every section filled in, in the shape of the spec's example. */
export function makePeerReport(
  overrides: Partial<PeerReport> = {},
  options: PeerReportFactoryOptions = {},
): PeerReport {
  const random = options.random ?? shared;
  const at = iso(
    options.participant ? within(random, options.participant) : Date.parse(GENERATED_FROM) + random.int(0, 30 * DAY_MS),
  );
  // About one call in ten on a poor network, as in life: low MOS, lost packets, long round trips.
  const poor = random.next() < 0.1;
  const mos = poor ? round(2.2 + random.next() * 1.2, 1) : round(3.6 + random.next() * 0.9, 1);
  const loss = poor ? round(1.5 + random.next() * 8, 2) : round(random.next() / 10, 2);
  const rtt = poor ? random.int(250, 700) : random.int(20, 120);
  // Video suffers on its own too: a camera on a busy uplink loses packets the audio does not.
  const poorVideo = poor || random.next() < 0.05;
  const videoMos = poorVideo ? round(2 + random.next() * 1.4, 1) : round(3.6 + random.next() * 0.9, 1);
  const videoLoss = poorVideo ? round(1.5 + random.next() * 10, 2) : round(random.next() / 5, 2);
  const report: PeerReport = {
    metadata: {
      browser_metadata: {
        browser: random.pick(["Chrome", "Firefox", "Safari"]),
        browser_version: `${random.int(110, 131)}.0.0.0`,
        engine: "Blink",
        user_agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)",
        webgl_support: true,
      },
      device_info: { cpus: random.pick([4, 8, 12, 16]), is_mobile: false, os: "macOS", os_version: "10.15.7" },
      ip_information: { city: "Lisbon", country: "PT", region: "Lisbon", timezone: "Europe/Lisbon" },
      events: [
        { name: "call_join", timestamp: at, metadata: { is_meetings_tab_active: true } },
        { name: "audio_off", timestamp: at, metadata: {} },
      ],
      pc_metadata: [
        {
          effective_network_type: "4g",
          reflexive_connectivity: true,
          relay_connectivity: true,
          turn_connectivity: true,
          timestamp: at,
        },
      ],
      candidate_pairs: {
        producing_transport: [
          {
            local_candidate_type: "srflx",
            local_candidate_protocol: "udp",
            remote_candidate_type: "host",
            remote_candidate_protocol: "udp",
            current_round_trip_time: round(0.02 + random.next() / 10, 3),
            available_outgoing_bitrate: random.int(1_000_000, 3_000_000),
            nominated: true,
          },
        ],
      },
    },
    quality: {
      audio_producer: [
        {
          producer_id: random.uuid(),
          bytes_sent: random.int(100_000, 2_000_000),
          packets_sent: random.int(1_000, 30_000),
          packets_lost: random.int(0, 50),
          jitter: round(random.next() / 100, 3),
          rtt,
          mos_quality: mos,
          timestamp: at,
        },
      ],
      audio_producer_cumulative: {
        packet_loss: lossOf(loss),
        quality_mos: { avg: mos, p50: mos, p75: mos, p90: mos },
        rtt: rttOf(rtt),
      },
      video_producer_cumulative: {
        frame_per_second: { avg: poor ? 14.2 : 29.1, p50: poor ? 15 : 30, p75: poor ? 18 : 30, p90: poor ? 22 : 30 },
        packet_loss: lossOf(videoLoss),
        quality_mos: { avg: videoMos, p50: videoMos, p75: videoMos, p90: videoMos },
        rtt: rttOf(rtt),
      },
    },
  };
  return { ...report, ...overrides };
}

/** A cumulative packet-loss section whose average is `avg` percent. */
function lossOf(avg: number) {
  return {
    avg,
    "5_or_greater_event_fraction": avg >= 5 ? 0.5 : 0,
    "10_or_greater_event_fraction": avg >= 10 ? 0.2 : 0,
    "25_or_greater_event_fraction": 0,
    "50_or_greater_event_fraction": 0,
  };
}

/** A cumulative round-trip section whose average is `avg` ms. */
function rttOf(avg: number) {
  return {
    avg,
    "100ms_or_greater_event_fraction": avg >= 100 ? 0.6 : 0.02,
    "250ms_or_greater_event_fraction": avg >= 250 ? 0.5 : 0,
    "500ms_or_greater_event_fraction": avg >= 500 ? 0.3 : 0,
  };
}

/** A text message from `options.participant`, sent while they were in `options.session`. */
export function makeChatMessage(overrides: Partial<ChatMessage> = {}, options: SpokenFactoryOptions = {}): ChatMessage {
  const random = options.random ?? shared;
  const session = options.session ?? makeSession({}, { random });
  const participant = options.participant ?? makeParticipant({}, { random, session });
  return {
    id: random.uuid(),
    participantId: participant.id ?? random.uuid(),
    sessionId: session.id,
    meetingId: session.associated_id,
    displayName: participant.display_name ?? random.pick(NAMES),
    pinned: false,
    isEdited: false,
    payloadType: "TEXT_MESSAGE",
    payload: random.pick(LINES),
    createdAt: iso(within(random, participant)),
    ...overrides,
  };
}

/** An utterance of `options.participant`, said while they were in `options.session`. */
export function makeUtterance(overrides: Partial<Utterance> = {}, options: SpokenFactoryOptions = {}): Utterance {
  const random = options.random ?? shared;
  const session = options.session ?? makeSession({}, { random });
  const participant = options.participant ?? makeParticipant({}, { random, session });
  const startedMs = within(random, participant);
  return {
    startedAt: iso(startedMs),
    endedAt: iso(startedMs + random.int(800, 6_000)),
    peerId: participant.peer_events?.[0]?.peer_id ?? random.uuid(),
    userId: participant.user_id ?? random.uuid(),
    customParticipantId: participant.custom_participant_id ?? random.hex(6),
    participantName: participant.display_name ?? random.pick(NAMES),
    text: random.pick(LINES),
    ...overrides,
  };
}

/**
 * A summary in the layout of Cloudflare's documented example output (Markdown: discussion
 * points, action items, decisions), naming who spoke.
 */
export function makeSummary(session: Session, transcript: readonly Utterance[] = []): string {
  const speakers = [...new Set(transcript.map((utterance) => utterance.participantName))];
  const points = transcript.slice(0, 3).map((utterance) => `- ${utterance.participantName}: ${utterance.text}`);
  return [
    "## Meeting Summary",
    "",
    `${session.meeting_display_name}, with ${speakers.length > 0 ? speakers.join(", ") : "no speakers"}.`,
    "",
    "### Key Discussion Points",
    "",
    ...(points.length > 0 ? points : ["- Nothing was said."]),
    "",
    "### Action Items",
    "",
    "- None recorded",
    "",
  ].join("\n");
}

/** A time while the participant was in the call. */
function within(random: Random, participant: Participant): number {
  const joined = Date.parse(participant.joined_at ?? GENERATED_FROM);
  // Still in the call: until the time its `duration` counts to.
  const left = participant.left_at
    ? Date.parse(participant.left_at)
    : joined + Math.round((participant.duration ?? 10) * MINUTE_MS);
  return random.int(joined, Math.max(joined, left - 1));
}
