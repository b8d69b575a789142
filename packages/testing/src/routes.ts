// What each operation answers, from the seeded data: filters, sorts and pages like the API,
// download links to the fake storage host, and summaries that take a few polls to be ready.
import type { Participant } from "@realtimekit-sessions/client";
import type { OperationName } from "@realtimekit-sessions/client/operations";
import type { Body } from "./envelopes.js";
import { chatCsv, type TranscriptLayout, transcriptFile } from "./files.js";
import { createListing, listed, pageOf, pagingOf } from "./listing.js";
import type { FakeSession, LazySession, SessionTable } from "./seed.js";
import type { Storage } from "./storage.js";

export type Result = { data: unknown; extra?: Body } | { error: { status: number; message: string } };
/** Answers one operation; `storageUrl` is where its download links point. */
export type Handler = (params: Record<string, string>, query: URLSearchParams, storageUrl: string) => Result;

export interface RouteContext {
  sessions: SessionTable;
  /** The session with an id, found without making the others. */
  sessionById(id: string): LazySession | undefined;
  storage: Storage;
  linkTtlMs: number;
  summaryPolls: number;
  transcriptLayout: TranscriptLayout;
  /** Called when a summary is asked for that was not being made. */
  summaryRequested?(record: FakeSession): void;
}

const PEER_REPORT_SECTIONS = {
  device_info: ["metadata", ["device_info", "browser_metadata"]],
  ip_information: ["metadata", ["ip_information"]],
  precall_network_information: ["metadata", ["pc_metadata", "candidate_pairs"]],
  events: ["metadata", ["events"]],
  quality_stats: ["quality", undefined],
} as const;

const notFound = (message: string): Result => ({ error: { status: 404, message } });
const unprocessable = (message: string): Result => ({ error: { status: 422, message } });

export function createRoutes(context: RouteContext): Record<OperationName, Handler> {
  const { sessions, storage } = context;
  const listing = createListing(sessions);
  // A peer report is found by the peer's id or, as Cloudflare's document describes `peer_id`
  // ("Participant ID. This maps to the corresponding peerId"), by the participant's own id.
  // Peer ids are made with their sessions: the index of them is built on the first report asked for.
  let peers: Map<string, { record: FakeSession; participant: Participant }> | undefined;
  const peerOf = (id: string) => {
    if (!peers) {
      peers = new Map();
      for (const record of sessions.all()) {
        for (const participant of record.participants) {
          if (participant.id) peers.set(participant.id, { record, participant });
          for (const event of participant.peer_events ?? []) {
            if (event.peer_id) peers.set(event.peer_id, { record, participant });
          }
        }
      }
    }
    return peers.get(id);
  };

  function withSession(
    handler: (
      record: FakeSession,
      params: Record<string, string>,
      query: URLSearchParams,
      link: (path: string, file: () => { body: string; contentType: string }) => { url: string; expiry: string },
    ) => Result,
  ): Handler {
    return (params, query, storageUrl) => {
      const record = context.sessionById(String(params.session_id));
      if (!record) return notFound(`No session found with id ${params.session_id}`);
      return handler(record, params, query, (path, file) => storage.sign(path, context.linkTtlMs, file, storageUrl));
    };
  }

  return {
    listSessions(_, query) {
      const page = listing.list(query);
      if ("refused" in page) return unprocessable(page.refused);
      return { data: { sessions: page.items }, extra: { paging: page.paging } };
    },

    getSession: withSession(({ session }, _, query) => ({
      data:
        query.get("include_breakout_rooms") === "true"
          ? { ...session, breakout_rooms: session.breakout_rooms ?? [] }
          : listed(session),
    })),

    listParticipants: withSession(({ participants }, _, query) => {
      let found = participants;
      const search = query.get("search")?.toLowerCase();
      if (search) {
        found = found.filter((participant) =>
          [participant.id, participant.custom_participant_id, participant.display_name].some((text) =>
            text?.toLowerCase().includes(search),
          ),
        );
      }
      const sorted = sortBy(
        found.map((participant) => shown(participant, query)),
        (participant) =>
          query.get("sort_by") === "duration" ? (participant.duration ?? 0) : Date.parse(participant.joined_at ?? ""),
        query.get("sort_order") ?? "ASC",
      );
      const { perPage, offset } = pageOf(query);
      const items = sorted.slice(offset, offset + perPage);
      return { data: { participants: items, paging: pagingOf(offset, items.length, sorted.length) } };
    }),

    getParticipant: withSession(({ session, participants }, params, query) => {
      const participant = participants.find((candidate) => candidate.id === params.participant_id);
      return participant
        ? { data: { participant: shown(participant, query) } }
        : notFound(`No participant found with id ${params.participant_id} in session ${session.id}`);
    }),

    getPeerReport(params, query) {
      const found = peerOf(String(params.peer_id));
      if (!found) return notFound(`No peer found with id ${params.peer_id}`);
      const { record, participant } = found;
      const { preset_name, peer_events, ...rest } = participant;
      const report = record.peerReports.get(String(participant.id)) ?? {};
      const filters = query.get("filters")?.split(",");
      return {
        data: {
          participant: {
            ...rest,
            session_id: record.session.id,
            role: preset_name,
            ...(query.get("include_peer_events") === "true" ? { peer_events } : {}),
            peer_report: filters ? sections(report, filters as (keyof typeof PEER_REPORT_SECTIONS)[]) : report,
          },
        },
      };
    },

    getChatDownload: withSession((record, _, __, link) => {
      if (record.chat.length === 0) return notFound(`No chat found for session ${record.session.id}`);
      const { url, expiry } = link(`chat/${record.session.id}.csv`, () => ({
        body: chatCsv(record.chat),
        contentType: "text/csv",
      }));
      return { data: { chat_download_url: url, chat_download_url_expiry: expiry } };
    }),

    getTranscriptDownload: withSession((record, _, query, link) => {
      if (record.transcript.length === 0) return notFound(`No transcript found for session ${record.session.id}`);
      const format = (query.get("format") ?? "CSV") as "CSV" | "JSON" | "SRT" | "VTT";
      const { url, expiry } = link(`transcripts/${record.session.id}.${format.toLowerCase()}`, () => ({
        body: transcriptFile(record.transcript, format, context.transcriptLayout, record.session.started_at),
        contentType: { CSV: "text/csv", JSON: "application/json", SRT: "application/x-subrip", VTT: "text/vtt" }[
          format
        ],
      }));
      return {
        data: { sessionId: record.session.id, transcript_download_url: url, transcript_download_url_expiry: expiry },
      };
    }),

    generateSummary: withSession((record) => {
      if (record.transcript.length === 0) return notFound(`No transcript found for session ${record.session.id}`);
      if (record.summary.state === "none") {
        record.summary.state = "generating";
        record.summary.pollsLeft = context.summaryPolls;
        context.summaryRequested?.(record);
      }
      return {
        data: { session_id: record.session.id, status: record.summary.state === "ready" ? "COMPLETED" : "IN_PROGRESS" },
      };
    }),

    getSummaryDownload: withSession((record, _, __, link) => {
      const { summary } = record;
      if (summary.state === "generating") {
        if (summary.pollsLeft > 0) summary.pollsLeft--;
        else summary.state = "ready";
      }
      if (summary.state !== "ready") {
        return notFound(
          `No summary found for session ${record.session.id}${summary.state === "none" ? ": generate it first" : " yet"}`,
        );
      }
      const { url, expiry } = link(`summaries/${record.session.id}.md`, () => ({
        body: summary.text,
        contentType: "text/markdown",
      }));
      return { data: { sessionId: record.session.id, summaryDownloadUrl: url, summaryDownloadUrlExpiry: expiry } };
    }),
  };
}

/** A participant with its peer events only when they were asked for. */
function shown(participant: Participant, query: URLSearchParams): Participant {
  if (query.get("include_peer_events") === "true") return participant;
  const { peer_events: _, ...rest } = participant;
  return rest;
}

function sortBy<T>(items: T[], key: (item: T) => number, order: string): T[] {
  const direction = order === "ASC" ? 1 : -1;
  return items.sort((a, b) => (key(a) - key(b)) * direction);
}

/** Only the asked-for sections of a peer report. */
function sections(report: Record<string, unknown>, filters: (keyof typeof PEER_REPORT_SECTIONS)[]) {
  const result: Record<string, Record<string, unknown>> = {};
  for (const filter of filters) {
    const [part, keys] = PEER_REPORT_SECTIONS[filter];
    const source = (report[part] ?? {}) as Record<string, unknown>;
    const target = result[part] ?? {};
    result[part] = target;
    for (const key of keys ?? Object.keys(source)) if (source[key] !== undefined) target[key] = source[key];
  }
  return result;
}
