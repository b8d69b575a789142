// Turns the fake's options into its data: sessions generated from a count or filled in from
// partial seeds, each with participants, peer reports, chat, transcript and summary, and the
// session's counters made to agree with its participants.
import type { Participant, PeerReport, Session } from "@realtimekit-sessions/client";
import {
  type ChatMessage,
  makeChatMessage,
  makeParticipant,
  makePeerReport,
  makeSession,
  makeSummary,
  makeUtterance,
  type Utterance,
} from "./factories.js";
import type { Random } from "./random.js";

/** A participant to seed: any field left out is generated. */
export interface ParticipantSeed extends Partial<Participant> {
  /** Sections of the participant's peer report; the rest are generated. */
  peerReport?: Partial<PeerReport> | undefined;
}

/**
 * A session to seed: any field left out is generated. Counters the session's participants
 * decide (`minutes_consumed`, `max_concurrent_participants`, `live_participants`) follow from
 * them unless given.
 */
export interface SessionSeed extends Omit<Partial<Session>, "breakout_rooms"> {
  /** Its participants, or how many to generate. @default 1 to 6 */
  participants?: number | readonly ParticipantSeed[] | undefined;
  /** Its chat messages, or how many to generate. @default 0 to 5 for an ended session, none for a live one */
  chat?: number | readonly Partial<ChatMessage>[] | undefined;
  /** Its transcript's utterances, or how many to generate. @default 2 to 8 for an ended session, none for a live one */
  transcript?: number | readonly Partial<Utterance>[] | undefined;
  /** The summary's text, once generated. @default a Markdown summary of the transcript */
  summary?: string | undefined;
  /** Whether the summary was generated already; otherwise `generateSummary` starts it. @default false */
  summaryReady?: boolean | undefined;
  /** Its breakout rooms, listed with `include_breakout_rooms=true`. @default [] */
  breakout_rooms?: readonly Partial<Session>[] | undefined;
}

/** One seeded session and everything the API can tell about it. */
export interface FakeSession {
  readonly session: Session;
  readonly participants: readonly Participant[];
  /** Peer reports by participant id. */
  readonly peerReports: ReadonlyMap<string, PeerReport>;
  readonly chat: readonly ChatMessage[];
  readonly transcript: readonly Utterance[];
  readonly summary: { readonly text: string; state: "none" | "generating" | "ready"; pollsLeft: number };
}

export function seedSessions(seeds: number | readonly SessionSeed[], random: Random): FakeSession[] {
  const list: readonly SessionSeed[] =
    typeof seeds === "number"
      ? Array.from({ length: seeds }, () => ({
          status: random.next() < 0.1 ? "LIVE" : "ENDED",
          summaryReady: random.next() < 0.3,
        }))
      : seeds;
  return list.map((seed) => seedSession(seed, random));
}

function seedSession(seed: SessionSeed, random: Random): FakeSession {
  const {
    participants: participantSeeds,
    chat: chatSeeds,
    transcript: transcriptSeeds,
    summary,
    summaryReady = false,
    breakout_rooms: rooms = [],
    ...fields
  } = seed;
  const drafted = makeSession(fields, { random });
  const participants: Participant[] = [];
  const peerReports = new Map<string, PeerReport>();
  for (const { peerReport, ...participantSeed } of many(participantSeeds, () => random.int(1, 6))) {
    const participant = makeParticipant(participantSeed, { random, session: drafted });
    participants.push(participant);
    peerReports.set(String(participant.id), makePeerReport(peerReport, { random }));
  }
  const session: Session = {
    ...drafted,
    ...countersOf(drafted, participants),
    ...fields,
    ...(rooms.length > 0
      ? {
          breakout_rooms: rooms.map((room) =>
            makeSession({ associated_id: drafted.associated_id, status: drafted.status, ...room }, { random }),
          ),
        }
      : {}),
  };
  const ended = session.status === "ENDED";
  const speaker = () => (participants.length > 0 ? random.pick(participants) : undefined);
  // In the order seeded: generated times are handed out in that order, earliest first.
  const chatSeedList = many(chatSeeds, () => (ended ? random.int(0, 5) : 0));
  const chat = inOrder(
    chatSeedList.map((message) => makeChatMessage(message, { random, session, participant: speaker() })),
    chatSeedList.map((message) => message.createdAt !== undefined),
    (message) => Date.parse(message.createdAt),
    (message, ms) => ({ ...message, createdAt: new Date(ms).toISOString() }),
  );
  const transcriptSeedList = many(transcriptSeeds, () => (ended ? random.int(2, 8) : 0));
  const transcript = inOrder(
    transcriptSeedList.map((utterance) => makeUtterance(utterance, { random, session, participant: speaker() })),
    transcriptSeedList.map((utterance) => utterance.startedAt !== undefined),
    (utterance) => Date.parse(utterance.startedAt),
    (utterance, ms) => ({
      ...utterance,
      startedAt: new Date(ms).toISOString(),
      endedAt: new Date(ms + Date.parse(utterance.endedAt) - Date.parse(utterance.startedAt)).toISOString(),
    }),
  );
  return {
    session,
    participants,
    peerReports,
    chat,
    transcript,
    summary: {
      text: summary ?? makeSummary(session, transcript),
      state: summaryReady ? "ready" : "none",
      pollsLeft: 0,
    },
  };
}

/**
 * `items` in the order they were seeded, with the times that were generated (not `given`)
 * handed out again in that order, earliest first: a chat or transcript seeded as a
 * conversation reads back as that conversation.
 */
function inOrder<T>(
  items: T[],
  given: boolean[],
  timeOf: (item: T) => number,
  withTime: (item: T, ms: number) => T,
): T[] {
  const times = items
    .filter((_, index) => !given[index])
    .map(timeOf)
    .sort((a, b) => a - b);
  let next = 0;
  return items.map((item, index) => (given[index] ? item : withTime(item, times[next++] ?? timeOf(item))));
}

/** The seeds given, or as many empty ones as asked for (or as `generated()` decides). */
function many<T extends object>(seeds: number | readonly T[] | undefined, generated: () => number): Partial<T>[] {
  if (Array.isArray(seeds)) return seeds;
  return Array.from({ length: typeof seeds === "number" ? seeds : generated() }, () => ({}));
}

/** The counters a session's participants decide. */
function countersOf(session: Session, participants: readonly Participant[]): Partial<Session> {
  if (participants.length === 0) {
    return { minutes_consumed: 0, max_concurrent_participants: 0, live_participants: 0 };
  }
  const minutes = participants.reduce((sum, participant) => sum + (participant.duration ?? 0), 0);
  // The most participants in the call at once: +1 at each join, -1 at each leave, in time order.
  const changes = participants.flatMap((participant) => [
    [Date.parse(participant.joined_at ?? session.started_at), 1] as const,
    ...(participant.left_at ? [[Date.parse(participant.left_at), -1] as const] : []),
  ]);
  changes.sort(([a, deltaA], [b, deltaB]) => a - b || deltaA - deltaB);
  let current = 0;
  let most = 0;
  for (const [, delta] of changes) {
    current += delta;
    most = Math.max(most, current);
  }
  return {
    minutes_consumed: Number(minutes.toFixed(4)),
    max_concurrent_participants: most,
    live_participants:
      session.status === "LIVE" ? participants.filter((participant) => !participant.left_at).length : 0,
  };
}
