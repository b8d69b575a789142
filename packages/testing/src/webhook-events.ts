// The events the fake delivers, made from its sessions. The shapes follow the public record:
// `meeting.started` and `meeting.ended` as the predecessor platform's "Webhook Events List"
// shows them (docs.dyte.io/guides/capabilities/webhooks/webhook-events); the download links of
// `meeting.chatSynced`, `meeting.transcript` and `meeting.summary` under the names RealtimeKit
// backends in public code read (`chatDownloadUrl` and `chatDownloadUrlExpiry`,
// `transcriptDownloadUrl`, `summaryDownloadUrl`; the fake adds the transcript's and the
// summary's expiries by analogy with the chat's); `recording.statusUpdate` with the
// `recording` object they read. Cloudflare has published no full payload of the others; their shapes here
// are the nearest the record allows, and every field beyond `event` may differ in the real
// service's deliveries. The links work against the fake's storage host, like the API's own.

import type { WebhookEventName } from "@realtimekit-sessions/client/webhooks";
import { chatCsv, type TranscriptLayout, transcriptFile } from "./files.js";
import type { LazySession } from "./seed.js";
import type { Storage } from "./storage.js";

/** The events the Webhooks API's `events` enum lists. */
export const WEBHOOK_EVENTS = [
  "meeting.started",
  "meeting.ended",
  "meeting.participantJoined",
  "meeting.participantLeft",
  "meeting.chatSynced",
  "meeting.transcript",
  "meeting.summary",
  "recording.statusUpdate",
  "livestreaming.statusUpdate",
] as const;

/** The name of an event the fake can deliver, one of `WEBHOOK_EVENTS`: the client's own type. */
export type { WebhookEventName };

// Every listed event is one the client names; the test suite checks the other way round.
WEBHOOK_EVENTS satisfies readonly WebhookEventName[];

export interface EventContext {
  sessionById(id: string): LazySession | undefined;
  storage: Storage;
  /** Where the links of a delivery point: the storage URL the fake is served at, when it is. */
  linkBase(): string;
  linkTtlMs: number;
  transcriptLayout: TranscriptLayout;
}

/**
 * The payload of event `name` about session `sessionId`, as the fake would deliver it. Throws a
 * TypeError for an unknown event or session, or for a file the session does not have.
 */
export function webhookEvent(context: EventContext, name: WebhookEventName, sessionId: string): object {
  if (!WEBHOOK_EVENTS.includes(name)) {
    throw new TypeError(`fake.webhooks.event(): ${JSON.stringify(name)} is not one of ${WEBHOOK_EVENTS.join(", ")}`);
  }
  const record = context.sessionById(sessionId);
  if (!record) throw new TypeError(`fake.webhooks.event(): the fake has no session ${JSON.stringify(sessionId)}`);
  const { session } = record;
  const meeting = {
    id: session.associated_id,
    sessionId: session.id,
    title: session.meeting_display_name,
    status: session.status,
    createdAt: session.created_at,
    startedAt: session.started_at,
    ...(session.ended_at ? { endedAt: session.ended_at } : {}),
    organizedBy: { id: session.organization_id, name: "Fake organization" },
  };
  const link = (path: string, body: string, contentType: string) =>
    context.storage.sign(path, context.linkTtlMs, () => ({ body, contentType }), context.linkBase());
  const need = (what: string, present: boolean) => {
    if (!present) throw new TypeError(`fake.webhooks.event(): session ${session.id} has no ${what}`);
  };
  const participant = record.participants[0];
  const participantOf = () => {
    need("participant", participant !== undefined);
    return {
      peerId: participant?.peer_events?.[0]?.peer_id ?? participant?.id,
      userDisplayName: participant?.display_name,
      customParticipantId: participant?.custom_participant_id,
      joinedAt: participant?.joined_at,
      ...(name === "meeting.participantLeft" ? { leftAt: participant?.left_at ?? session.ended_at } : {}),
    };
  };
  switch (name) {
    case "meeting.started":
      return { event: name, meeting };
    case "meeting.ended":
      return { event: name, meeting, reason: "ALL_PARTICIPANTS_LEFT" };
    case "meeting.participantJoined":
    case "meeting.participantLeft":
      return { event: name, meeting, participant: participantOf() };
    case "meeting.chatSynced": {
      need("chat", record.chat.length > 0);
      const { url, expiry } = link(`chat/${session.id}.csv`, chatCsv(record.chat), "text/csv");
      return { event: name, meeting, chatDownloadUrl: url, chatDownloadUrlExpiry: expiry };
    }
    case "meeting.transcript": {
      need("transcript", record.transcript.length > 0);
      const csv = transcriptFile(record.transcript, "CSV", context.transcriptLayout, session.started_at);
      const { url, expiry } = link(`transcripts/${session.id}.csv`, csv, "text/csv");
      return { event: name, meeting, transcriptDownloadUrl: url, transcriptDownloadUrlExpiry: expiry };
    }
    case "meeting.summary": {
      need("transcript to summarise", record.transcript.length > 0);
      const { url, expiry } = link(`summaries/${session.id}.md`, record.summary.text, "text/markdown");
      return { event: name, meeting, summaryDownloadUrl: url, summaryDownloadUrlExpiry: expiry };
    }
    case "recording.statusUpdate":
      return {
        event: name,
        recording: {
          id: session.id,
          status: "UPLOADED",
          meetingId: session.associated_id,
          outputFileName: `${session.id}.mp4`,
        },
      };
    case "livestreaming.statusUpdate":
      return { event: name, meeting, livestream: { id: session.id, status: "OFFLINE" } };
  }
}
