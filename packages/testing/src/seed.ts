// Turns the fake's options into its data, lazily: each session is made on first use from the
// seed and its own index, so a fake of 10,000 sessions costs what one of 10 costs until a test
// reads them, and the same seed gives the same data whatever order a test reads it in. What
// lists filter and sort by (status, times, participant count) is a few numbers per session,
// drawn first; everything else (ids, names, participants, chat, transcript, peer reports,
// summary) is made when the session is first read.
import type { Participant, PeerReport, Session } from "@realtimekit-sessions/client";
import {
  type ChatMessage,
  makeChatMessage,
  makeParticipant,
  makePeerReport,
  makeSession,
  makeSummary,
  makeUtterance,
  meetingTitleOf,
  type ParticipantOverrides,
  personNameOf,
  type Utterance,
} from "./factories.js";
import { createRandom, type Random } from "./random.js";

/** A participant to seed: any field left out is generated. */
export interface ParticipantInit extends ParticipantOverrides {
  /** Sections of the participant's peer report; the rest are generated. */
  peerReport?: Partial<PeerReport> | undefined;
}

/**
 * A session to seed: any field left out is generated. Counters the session's participants
 * decide (`minutes_consumed`, `max_concurrent_participants`, `live_participants`) follow from
 * them unless given.
 */
export interface SessionInit extends Omit<Partial<Session>, "breakout_rooms"> {
  /** Its participants, or how many to generate. @default 1 to 6 */
  participants?: number | readonly ParticipantInit[] | undefined;
  /** Its chat messages, in order, or how many to generate. @default 0 to 5 for an ended session, none for a live one */
  chat?: number | readonly Partial<ChatMessage>[] | undefined;
  /** Its transcript's utterances, in order, or how many to generate. @default 2 to 8 for an ended session, none for a live one */
  transcript?: number | readonly Partial<Utterance>[] | undefined;
  /** The summary's text, once generated. @default a Markdown summary of the transcript */
  summary?: string | undefined;
  /** Whether the summary was generated already; otherwise `generateSummary` starts it. @default false */
  summaryReady?: boolean | undefined;
  /** Its breakout rooms, listed with `include_breakout_rooms=true`. @default [] */
  breakout_rooms?: readonly Partial<Session>[] | undefined;
}

/** One seeded session and everything the API can tell about it, each part made on first read. */
export interface FakeSession {
  readonly session: Session;
  readonly participants: readonly Participant[];
  /** Peer reports by participant id. */
  readonly peerReports: ReadonlyMap<string, PeerReport>;
  readonly chat: readonly ChatMessage[];
  readonly transcript: readonly Utterance[];
  readonly summary: { readonly text: string; state: "none" | "generating" | "ready"; pollsLeft: number };
}

/** What lists filter and sort by, known without making the session. */
export interface Outline {
  readonly status: "LIVE" | "ENDED";
  readonly startedMs: number;
  readonly createdMs: number;
  readonly participantCount: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** The days before the present that generated sessions start in. */
const SPAN_MS = 30 * DAY_MS;
/** Ended sessions start before this long before the present; so they ended before it. */
const ENDED_BY_MS = 120 * MINUTE_MS;
/** Live sessions start within this long before the present. */
const LIVE_SPAN_MS = 90 * MINUTE_MS;
/** The shortest slot a generated session starts in (see `SessionTable.startedMs`). */
const MIN_SLOT_MS = 1_000;
/** How many sessions of a recurring meeting there are on average, and how many regulars it has. */
const SESSIONS_PER_MEETING = 6;
const REGULARS_PER_MEETING = 10;
// Each part of a session draws from its own stream, so that reading one part never changes another.
const PARTS = { session: 2, participants: 3, chat: 4, transcript: 5, reports: 6, rooms: 7 } as const;

/**
 * What the sessions of one fake share: the seed, the present, and the app's recurring meetings
 * and the people who come back to them.
 */
export interface World {
  readonly seed: number;
  /** The fake's present, in milliseconds: generated data ends at it. */
  readonly nowMs: number;
  /** How many recurring meetings the app has. */
  readonly meetings: number;
  /** How many people take part in its sessions. */
  readonly people: number;
}

/** A session of the fake: its outline at once, the rest on first read. */
export class LazySession implements FakeSession, Outline {
  /** The id a seed gave the session, if any. */
  readonly givenId: string | undefined;
  /** Changes once, when a live session ends (`end()`). */
  status: "LIVE" | "ENDED";
  readonly startedMs: number;
  readonly createdMs: number;
  readonly participantCount: number;
  readonly #summaryReady: boolean;
  readonly #world: World;
  readonly #index: number;
  #id: string | undefined;
  readonly #given: SessionInit;
  #session: Session | undefined;
  #participants: Participant[] | undefined;
  #peerReports: Map<string, PeerReport> | undefined;
  #chat: ChatMessage[] | undefined;
  #transcript: Utterance[] | undefined;
  #summary: FakeSession["summary"] | undefined;

  constructor(given: SessionInit, world: World, index: number, outline: Outline, summaryReady: boolean) {
    this.givenId = given.id;
    this.#given = given;
    this.#world = world;
    this.#index = index;
    this.status = outline.status;
    this.startedMs = outline.startedMs;
    this.createdMs = outline.createdMs;
    this.participantCount = outline.participantCount;
    this.#summaryReady = summaryReady;
  }

  /** What lists filter and sort by. */
  get outline(): Outline {
    return this;
  }

  /** The stream of random draws one part of this session is made from. */
  #streams(part: keyof typeof PARTS): Random {
    return createRandom(mix(this.#world.seed, this.#index, PARTS[part]));
  }

  get id(): string {
    this.#id ??= this.givenId ?? sessionIdOf(this.#world.seed, this.#index);
    return this.#id;
  }

  /** The session with its fields, before the counters its participants decide. */
  #drafted: Session | undefined;
  get #draft(): Session {
    if (!this.#drafted) {
      const {
        participants: _,
        chat: __,
        transcript: ___,
        summary: ____,
        summaryReady: _____,
        breakout_rooms: ______,
        ...fields
      } = this.#given;
      const { seed, meetings, nowMs } = this.#world;
      const meeting = drawInt(seed, this.#index, 5, 0, meetings - 1);
      const live = this.outline.status === "LIVE";
      this.#drafted = makeSession(
        {
          associated_id: meetingIdOf(seed, meeting),
          meeting_display_name: meetingTitleOf(meeting),
          // A live session was last updated between its start and the present (at its start,
          // for one started at the present or later).
          ...(live
            ? {
                updated_at: new Date(
                  this.outline.startedMs + Math.max(0, Math.floor((nowMs - this.outline.startedMs) / 2)),
                ).toISOString(),
              }
            : {}),
          ...fields,
          id: this.id,
          status: this.outline.status,
          started_at: new Date(this.outline.startedMs).toISOString(),
          created_at: new Date(this.outline.createdMs).toISOString(),
        },
        { random: this.#streams("session") },
      );
    }
    return this.#drafted;
  }

  get session(): Session {
    if (!this.#session) {
      const drafted = this.#draft;
      const {
        participants: _,
        chat: __,
        transcript: ___,
        summary: ____,
        summaryReady: _____,
        breakout_rooms: rooms = [],
        ...fields
      } = this.#given;
      const random = this.#streams("rooms");
      this.#session = {
        ...drafted,
        ...countersOf(drafted, this.participants),
        ...fields,
        ...(rooms.length > 0
          ? {
              breakout_rooms: rooms.map((room) =>
                makeSession({ associated_id: drafted.associated_id, status: drafted.status, ...room }, { random }),
              ),
            }
          : {}),
      };
    }
    return this.#session;
  }

  /** The session as lists show it: without its breakout rooms. Made once. */
  #listed: Session | undefined;
  get listed(): Session {
    if (!this.#listed) {
      const { breakout_rooms: _, ...rest } = this.session;
      this.#listed = rest;
    }
    return this.#listed;
  }

  /**
   * The participants, in the order the API lists them (by the time they joined), each with the
   * peer report its seed gave, if any. People come back: each is one of the regulars of the
   * session's meeting, with the same `user_id`, `custom_participant_id` and name every time.
   */
  #seeded: { participant: Participant; report: Partial<PeerReport> | undefined }[] | undefined;
  get #withReports() {
    if (!this.#seeded) {
      const random = this.#streams("participants");
      const drafted = this.#draft;
      const seeds = many(this.#given.participants, () => this.outline.participantCount);
      const regulars = this.#regulars(random, seeds.length);
      this.#seeded = seeds
        .map(({ peerReport, ...participant }, at) => ({
          participant: makeParticipant({ ...regulars[at], ...participant }, { random, session: drafted }),
          report: peerReport,
        }))
        .sort((a, b) => joinedMs(a.participant) - joinedMs(b.participant));
    }
    return this.#seeded;
  }

  /** `count` different people from the regulars of this session's meeting. */
  #regulars(random: Random, count: number): Partial<Participant>[] {
    const { seed, people } = this.#world;
    const meeting = drawInt(seed, this.#index, 5, 0, this.#world.meetings - 1);
    const places = Array.from({ length: REGULARS_PER_MEETING }, (_, place) => place);
    const picked: Partial<Participant>[] = [];
    for (let at = 0; at < count; at++) {
      if (places.length === 0) {
        picked.push({});
        continue;
      }
      const [place] = places.splice(random.int(0, places.length - 1), 1);
      picked.push(personOf(seed, (meeting * 7 + (place as number)) % people));
    }
    return picked;
  }

  get participants(): readonly Participant[] {
    this.#participants ??= this.#withReports.map(({ participant }) => participant);
    return this.#participants;
  }

  get peerReports(): ReadonlyMap<string, PeerReport> {
    if (!this.#peerReports) {
      const random = this.#streams("reports");
      const reports = this.#withReports.map(({ report }) => report);
      this.#peerReports = new Map(
        this.participants.map((participant, index) => [
          String(participant.id),
          makePeerReport(reports[index], { random, participant }),
        ]),
      );
    }
    return this.#peerReports;
  }

  get chat(): readonly ChatMessage[] {
    if (!this.#chat) {
      const random = this.#streams("chat");
      const inits = many(this.#given.chat, () => (this.outline.status === "ENDED" ? random.int(0, 5) : 0));
      const session = this.session;
      this.#chat = inOrder(
        inits.map((message) => makeChatMessage(message, { random, session, participant: this.#speaker(random) })),
        inits.map((message) => message.createdAt !== undefined),
        (message) => Date.parse(message.createdAt),
        (message, ms) => ({ ...message, createdAt: new Date(ms).toISOString() }),
      );
    }
    return this.#chat;
  }

  get transcript(): readonly Utterance[] {
    if (!this.#transcript) {
      const random = this.#streams("transcript");
      const inits = many(this.#given.transcript, () => (this.outline.status === "ENDED" ? random.int(2, 8) : 0));
      const session = this.session;
      this.#transcript = inOrder(
        inits.map((utterance) => makeUtterance(utterance, { random, session, participant: this.#speaker(random) })),
        inits.map((utterance) => utterance.startedAt !== undefined),
        (utterance) => Date.parse(utterance.startedAt),
        (utterance, ms) => ({
          ...utterance,
          startedAt: new Date(ms).toISOString(),
          endedAt: new Date(ms + Date.parse(utterance.endedAt) - Date.parse(utterance.startedAt)).toISOString(),
        }),
      );
    }
    return this.#transcript;
  }

  get summary(): FakeSession["summary"] {
    this.#summary ??= {
      text: this.#given.summary ?? makeSummary(this.session, this.transcript),
      state: this.#summaryReady ? "ready" : "none",
      pollsLeft: 0,
    };
    return this.#summary;
  }

  /**
   * Ends a live session at `endedAt`: the session and its participants who were still in the
   * call get that end, and its chat and transcript are made as an ended session's are.
   */
  end(endedAt: string): void {
    const session = this.session;
    const endedMs = Date.parse(endedAt);
    this.status = "ENDED";
    this.#participants = this.participants.map((participant) =>
      participant.left_at
        ? participant
        : {
            ...participant,
            left_at: endedAt,
            duration: Number(((endedMs - joinedMs(participant)) / MINUTE_MS).toFixed(4)),
            updated_at: endedAt,
          },
    );
    const ended: Session = { ...session, status: "ENDED", ended_at: endedAt, updated_at: endedAt };
    this.#session = { ...ended, ...countersOf(ended, this.#participants) };
    this.#listed = undefined;
    this.#peerReports = undefined;
    this.#chat = undefined;
    this.#transcript = undefined;
    this.#summary = undefined;
  }

  #speaker(random: Random): Participant | undefined {
    return this.participants.length > 0 ? random.pick(this.participants) : undefined;
  }
}

/**
 * The fake's sessions: a count to generate, or partial sessions, each made from `seed` and its
 * index on first use. Nothing is made per session up front, so a fake of 10,000 sessions is
 * ready as soon as one of 10; listing in creation order reads each session's creation time
 * from two draws, without making it.
 *
 * Generated sessions fill the 30 days before the present (`nowMs`): the ended ones start
 * until two hours before it, and the last tenth (at most 12) are still live, started in its
 * last 90 minutes.
 */
export class SessionTable {
  count: number;
  readonly world: World;
  /** Changes whenever a session is added or ends: orders made before it are stale. */
  version = 0;
  readonly #inits: readonly SessionInit[] | undefined;
  /** How many sessions the table was made with; those `add()`ed come after. */
  readonly #made0: number;
  readonly #added: SessionInit[] = [];
  readonly #addedIds = new Map<string, number>();
  readonly #live: number;
  readonly #made: (LazySession | undefined)[];
  #givenIds: Map<string, number> | undefined;
  #all: LazySession[] | undefined;

  constructor(inits: number | readonly SessionInit[], seed: number, nowMs: number) {
    this.count = typeof inits === "number" ? inits : inits.length;
    this.#inits = typeof inits === "number" ? undefined : inits;
    this.#live = this.#inits ? 0 : Math.min(Math.floor(this.count / 10), 12);
    this.world = {
      seed,
      nowMs,
      meetings: Math.max(1, Math.ceil(this.count / SESSIONS_PER_MEETING)),
      people: Math.max(REGULARS_PER_MEETING, Math.ceil(this.count / 2)),
    };
    this.#made = new Array(this.count);
    this.#made0 = this.count;
  }

  /**
   * Adds a session that starts at `startedMs` (or just after the last one created, so that the
   * creation order stays the order of indices), live unless `init` says otherwise.
   */
  add(init: SessionInit, startedMs: number): LazySession {
    const last = this.count > 0 ? this.createdMs(this.count - 1) : Number.NEGATIVE_INFINITY;
    const createdMs = Math.max(startedMs, last + 1);
    this.#added.push({
      status: "LIVE",
      ...init,
      created_at: new Date(createdMs).toISOString(),
      started_at: new Date(createdMs).toISOString(),
    });
    if (init.id !== undefined) {
      if (this.byId(init.id)) throw new TypeError(`the fake has a session ${JSON.stringify(init.id)} already`);
      this.#addedIds.set(init.id, this.count);
    }
    this.#made.push(undefined);
    this.count++;
    this.changed();
    return this.at(this.count - 1);
  }

  /** Says that a session changed in what lists sort or filter by. */
  changed(): void {
    this.version++;
    this.#all = undefined;
  }

  /** The seed of session `index`: given, added, or none (generated). */
  #initOf(index: number): SessionInit | undefined {
    return index >= this.#made0 ? this.#added[index - this.#made0] : this.#inits?.[index];
  }

  /** Session `index`, made on first use. */
  at(index: number): LazySession {
    let session = this.#made[index];
    if (!session) {
      const { seed } = this.world;
      const given = this.#initOf(index);
      const participants = given?.participants;
      session = new LazySession(
        given ?? NO_SEED,
        this.world,
        index,
        {
          status: (given ? given.status === "LIVE" : index >= this.#made0 - this.#live) ? "LIVE" : "ENDED",
          startedMs: this.startedMs(index),
          createdMs: this.createdMs(index),
          participantCount:
            typeof participants === "number"
              ? participants
              : Array.isArray(participants)
                ? participants.length
                : drawInt(seed, index, 4, 1, 6),
        },
        given ? given.summaryReady === true : draw(seed, index, 1) < 0.3,
      );
      this.#made[index] = session;
    }
    return session;
  }

  /** When session `index` was created, in milliseconds, without making it. */
  createdMs(index: number): number {
    const given = this.#initOf(index);
    if (given?.created_at) return Date.parse(given.created_at);
    return this.startedMs(index) - drawInt(this.world.seed, index, 3, 1, 40);
  }

  /**
   * When session `index` started. A generated session starts in a slot of its own (of the days
   * for ended sessions, of the last 90 minutes for live ones), at a random time within it, so
   * that generated sessions are created in the order of their indices and listing them in
   * creation order needs no sort; with slots shorter than a second (more than 2.5 million
   * sessions), anywhere in the 30 days.
   */
  startedMs(index: number): number {
    const given = this.#initOf(index);
    if (given?.started_at) return Date.parse(given.started_at);
    const { seed, nowMs } = this.world;
    const fromMs = nowMs - SPAN_MS;
    const ended = this.#made0 - this.#live;
    const [spanFrom, span, count, at] =
      index < ended
        ? [fromMs, SPAN_MS - ENDED_BY_MS, ended, index]
        : [nowMs - LIVE_SPAN_MS, LIVE_SPAN_MS - MINUTE_MS, this.#live, index - ended];
    const slot = span / count;
    if (!(slot >= MIN_SLOT_MS)) return fromMs + drawInt(seed, index, 2, 0, SPAN_MS - ENDED_BY_MS);
    // Room for the creation time, up to 40 ms earlier, inside the slot.
    return spanFrom + Math.floor(at * slot) + 40 + drawInt(seed, index, 2, 0, Math.floor(slot) - 81);
  }

  /**
   * Whether the sessions were created in the order of their indices: generated ones are (see
   * `startedMs`), so listing them by creation needs no sort.
   */
  get inCreationOrder(): boolean {
    return this.#inits === undefined && (SPAN_MS - ENDED_BY_MS) / this.#made0 >= MIN_SLOT_MS;
  }

  /** When each session was created, in milliseconds: the keys of the creation order. */
  createdTimes(): Float64Array {
    const times = new Float64Array(this.count);
    for (let index = 0; index < this.count; index++) times[index] = this.createdMs(index);
    return times;
  }

  /** Every session, made: what `fake.sessions` hands out. */
  all(): LazySession[] {
    if (!this.#all) {
      const all: LazySession[] = new Array(this.count);
      for (let index = 0; index < this.count; index++) all[index] = this.at(index);
      this.#all = all;
    }
    return this.#all;
  }

  /** The session with `id`: one a seed named, or the generated one whose id names its index. */
  byId(id: string): LazySession | undefined {
    if (this.#inits && !this.#givenIds) {
      this.#givenIds = new Map();
      for (const [index, init] of this.#inits.entries()) if (init.id !== undefined) this.#givenIds.set(init.id, index);
    }
    const given = this.#givenIds?.get(id) ?? this.#addedIds.get(id);
    if (given !== undefined) return this.at(given);
    const index = indexOfSessionId(this.world.seed, id, this.count);
    return index === undefined || this.#initOf(index)?.id !== undefined ? undefined : this.at(index);
  }
}

/**
 * The id of generated session `index`: a version-4 UUID whose last six digits hold the index
 * (masked), so that `indexOfSessionId` finds a session without making every id first.
 */
export function sessionIdOf(seed: number, index: number): string {
  const [a, b, c] = [mix(seed, index, 11), mix(seed, index, 12), mix(seed, index, 13)];
  const tail = (index ^ mix(seed, 0, 14)) & 0xffffff;
  return `${hex(a, 8)}-${hex(b, 4)}-4${hex(b >>> 16, 3)}-${"89ab"[c & 3]}${hex(c >>> 4, 3)}-${hex(c >>> 16, 6)}${hex(tail, 6)}`;
}

/** The index of the generated session with `id`, or undefined when no generated session has it. */
export function indexOfSessionId(seed: number, id: string, count: number): number | undefined {
  const index = (Number.parseInt(id.slice(-6), 16) ^ mix(seed, 0, 14)) & 0xffffff;
  return index < count && sessionIdOf(seed, index) === id ? index : undefined;
}

const hex = (value: number, digits: number) => (value >>> 0).toString(16).padStart(8, "0").slice(-digits);

/** The id of the app's `index`th recurring meeting (its sessions' `associated_id`): a version-4 UUID. */
function meetingIdOf(seed: number, index: number): string {
  return uuidOf(mix(seed, index, 21), mix(seed, index, 22), mix(seed, index, 23), mix(seed, index, 24));
}

/** The app's `index`th person, the same in every session they take part in. */
function personOf(seed: number, index: number): Partial<Participant> {
  return {
    user_id: uuidOf(mix(seed, index, 31), mix(seed, index, 32), mix(seed, index, 33), mix(seed, index, 34)),
    custom_participant_id: hex(mix(seed, index, 35), 6),
    display_name: personNameOf(index),
  };
}

const uuidOf = (a: number, b: number, c: number, d: number) =>
  `${hex(a, 8)}-${hex(b, 4)}-4${hex(b >>> 16, 3)}-${"89ab"[c & 3]}${hex(c >>> 4, 3)}-${hex(c >>> 16, 4)}${hex(d, 8)}`;

const joinedMs = (participant: Participant) => Date.parse(participant.joined_at ?? "");

const NO_SEED: SessionInit = {};

/** One draw in [0, 1) of a session's outline: a hash each, cheaper than a generator per session. */
const draw = (seed: number, index: number, which: number) => mix(seed, index, 100 + which) / 4294967296;
const drawInt = (seed: number, index: number, which: number, min: number, max: number) =>
  min + Math.floor(draw(seed, index, which) * (max - min + 1));

/** A 32-bit seed for one part of one session (murmur3's finalizer over the three numbers). */
function mix(seed: number, index: number, part: number): number {
  let hash = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35) ^ Math.imul(part, 0x27d4eb2f);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
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
