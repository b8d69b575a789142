// Whole objects of the API, as the spec requires them (every field its `required` names), for
// tests that answer a client by hand: a client refuses an answer that lacks one. The values are
// those of Cloudflare's examples.
import { PARTICIPANT, SESSION } from "./ids.js";

/** A session with every field the spec requires, `overrides` over it. */
export function aSession(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: SESSION,
    associated_id: "97440c6a-140b-40a9-9499-b23fd7a3868a",
    meeting_display_name: "Test Meeting",
    type: "meeting",
    status: "ENDED",
    live_participants: 0,
    max_concurrent_participants: 2,
    minutes_consumed: 12.74,
    organization_id: "4f1d2b9c8e7a6d5c4b3a291807f6e5d4",
    started_at: "2023-02-01T10:50:36.853Z",
    ended_at: "2023-02-01T10:57:32.424Z",
    created_at: "2023-02-01T10:50:36.853Z",
    updated_at: "2023-02-01T10:57:32.431Z",
    ...overrides,
  };
}

/** A participant with every field the spec requires, `overrides` over it. */
export function aParticipant(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: PARTICIPANT,
    user_id: "85e7f0fd-7c16-45e9-9d68-f17ef007c4eb",
    custom_participant_id: "3uggr",
    display_name: "Henry",
    preset_name: "webinar_participant",
    joined_at: "2023-02-01T10:50:36.846Z",
    left_at: "2023-02-01T10:57:32.424Z",
    duration: 6.9263,
    created_at: "2023-02-01T10:50:36.853Z",
    updated_at: "2023-02-01T10:57:32.431Z",
    ...overrides,
  };
}
