// Generated from spec/openapi.yaml by scripts/generate-types.js: do not edit.
// Change the spec, then run `pnpm generate`; the test run fails while this file is stale.

/**
 * The fields each object of an answer always has, by the spec's `required`, space-separated
 * (the fewest bytes in the bundle): the client refuses an answer without one.
 */
export const REQUIRED = {
  Session: "id associated_id meeting_display_name type status live_participants max_concurrent_participants minutes_consumed organization_id started_at created_at updated_at",
  Participant: "id user_id custom_participant_id display_name preset_name joined_at duration created_at updated_at",
  PeerEvent: "id peer_id event_name created_at updated_at",
  PeerReportParticipant: "id user_id custom_participant_id display_name joined_at duration created_at updated_at",
} as const;
