// The webhooks section: the nine events the Webhooks API lists, each with the rtk-* headers,
// a tolerant schema and an example that validates against it.
import { expect, test } from "vitest";
import { webhookProblems } from "../tools/answers.js";
import { object, spec } from "../tools/spec.js";

// The Webhooks API's `events` enum, as the official SDKs have it.
const EVENTS = [
  "meeting.started",
  "meeting.ended",
  "meeting.participantJoined",
  "meeting.participantLeft",
  "meeting.chatSynced",
  "meeting.transcript",
  "meeting.summary",
  "recording.statusUpdate",
  "livestreaming.statusUpdate",
];

const webhooks = object(spec.webhooks);
const examples = object(object(spec.components).examples);

test("every listed event has a webhook, and nothing else does", () => {
  expect(Object.keys(webhooks).sort()).toEqual([...EVENTS].sort());
});

test.each(EVENTS)("%s: documents the signature headers, and its example validates", (event) => {
  const post = object(object(webhooks[event]).post);
  expect(JSON.stringify(post.parameters)).toContain("WebhookSignature");
  const content = object(object(object(post.requestBody).content)["application/json"]);
  const ref = String(object(object(content.examples).documented).$ref);
  const example = object(examples[ref.split("/").at(-1) ?? ""]).value;
  expect(object(example).event).toBe(event);
  expect(webhookProblems(event, example)).toEqual([]);
});

test("a payload is tolerant: unknown fields pass, a wrong event name or type does not", () => {
  expect(
    webhookProblems("meeting.ended", { event: "meeting.ended", extra: { any: 1 }, meeting: { more: true } }),
  ).toEqual([]);
  expect(webhookProblems("meeting.ended", { event: "meeting.started" })).not.toEqual([]);
  expect(webhookProblems("meeting.transcript", { event: "meeting.transcript", transcriptDownloadUrl: 5 })).not.toEqual(
    [],
  );
});
