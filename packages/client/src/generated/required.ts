// Generated from spec/openapi.yaml by scripts/generate-types.js: do not edit.
// Change the spec, then run `pnpm generate`; the test run fails while this file is stale.

/** The fields each object of an answer always has, by the spec, and their JSON types: the client refuses an answer without one. */
export const REQUIRED = {
  Session: { "id": "string", "associated_id": "string", "meeting_display_name": "string", "type": "string", "status": "string", "live_participants": "number", "max_concurrent_participants": "number", "minutes_consumed": "number", "organization_id": "string", "started_at": "string", "created_at": "string", "updated_at": "string" },
  Participant: { "id": "string", "user_id": "string", "custom_participant_id": "string", "display_name": "string", "preset_name": "string", "joined_at": "string", "duration": "number", "created_at": "string", "updated_at": "string" },
  PeerEvent: { "id": "string", "peer_id": "string", "event_name": "string", "created_at": "string", "updated_at": "string" },
  PeerReportParticipant: { "id": "string", "user_id": "string", "custom_participant_id": "string", "display_name": "string", "joined_at": "string", "duration": "number", "created_at": "string", "updated_at": "string" },
} as const;
