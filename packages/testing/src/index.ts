export {
  type ChatMessage,
  type ChildFactoryOptions,
  type FactoryOptions,
  GENERATED_FROM,
  makeChatMessage,
  makeParticipant,
  makePeerReport,
  makeSession,
  makeSummary,
  makeUtterance,
  type ParticipantOverrides,
  type PeerReportFactoryOptions,
  type SpokenFactoryOptions,
  type Utterance,
} from "./factories.js";
export {
  createFakeApi,
  type FakeApi,
  type FakeApiOptions,
  type FaultOptions,
  type OperationName,
  type RecordedRequest,
} from "./fake.js";
export type { TranscriptLayout } from "./files.js";
export { createRandom, type Random } from "./random.js";
export type { RateLimitOptions } from "./rate-limit.js";
export type { FakeSession, ParticipantInit, SessionInit } from "./seed.js";
export { WEBHOOK_EVENTS, type WebhookEventName } from "./webhook-events.js";
export type { FakeWebhooks, WebhookDelivery, WebhookRequestOptions, WebhookTarget } from "./webhooks.js";
