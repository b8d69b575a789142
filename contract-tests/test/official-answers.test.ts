// Property: any answer Cloudflare's official document allows, with every optional field absent
// or present and any value its schemas allow, makes each method either resolve with a value
// its declared type describes, or reject with a RealtimeKitError. Never a TypeError, never a
// value that breaks the type.
//
// Answers are generated from the official document's schemas (json-schema-faker, seeded by
// fast-check); the declared types are generated from spec/openapi.yaml, so each result is
// checked against the spec schema its type comes from (Ajv, JSON Schema 2020-12).

import { createSessionsClient, RealtimeKitError, type SessionsClient } from "@realtimekit-sessions/client";
import {
  type Json,
  type JsonObject,
  object,
  official,
  operationsOf,
  responseOf,
  spec,
} from "@realtimekit-sessions/spec/tools/spec";
import { ACCOUNT, APP } from "@realtimekit-sessions/test-kit";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { JSONSchemaFaker } from "json-schema-faker";
import { describe, expect, test } from "vitest";

const SESSION = "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d";
const RUNS = 150;
// A success now and then a failure status, with the same body: the client must read both.
const STATUSES = [200, 200, 200, 200, 201, 400, 404, 429, 500, 503];

/** The official document's schemas in JSON Schema terms: OpenAPI 3.0's `nullable` as a type list. */
function jsonSchema(value: Json): Json {
  if (Array.isArray(value)) return value.map(jsonSchema);
  if (value === null || typeof value !== "object") return value;
  const { nullable, ...rest } = value;
  const converted: JsonObject = Object.fromEntries(
    Object.entries(rest).map(([key, child]) => [key, jsonSchema(child)]),
  );
  if (nullable === true) {
    if (typeof converted.type === "string") converted.type = [converted.type, "null"];
    if (Array.isArray(converted.enum)) converted.enum = [...converted.enum, null];
  }
  return converted;
}

const officialComponents = jsonSchema(object(official.components));

/** The official 200 schema of an operation, self-contained for the generator. */
function officialAnswerSchema(operationId: string): JsonObject {
  const operation = operationsOf(official).find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`no official operation ${operationId}`);
  const content = object(object(responseOf(official, operation, "200").content)["application/json"]);
  return { ...object(jsonSchema(content.schema ?? {})), components: officialComponents };
}

const ajv = new Ajv2020({ strict: false, validateFormats: false, validateSchema: false, allErrors: true });
ajv.addSchema(spec as object, "spec");
const ref = (name: string) => ({ $ref: `spec#/components/schemas/${name}` });
/** What each method's declared result type says, as the spec schema it is generated from. */
const declared = (schema: object) => ajv.compile(schema);

interface Method {
  operationId: string;
  call: (client: SessionsClient) => Promise<unknown>;
  result: ReturnType<typeof declared>;
}

/** Up to 20 items of a walk, each checked on its own. */
async function walk(iterator: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of iterator) {
    items.push(item);
    if (items.length >= 20) break;
  }
  return items;
}

const METHODS: Method[] = [
  {
    operationId: "GetSessions",
    call: (client) => client.listSessions(),
    result: declared({
      type: "object",
      required: ["sessions"],
      properties: { sessions: { type: "array", items: ref("Session") }, paging: ref("Paging") },
    }),
  },
  {
    operationId: "GetSessions",
    call: (client) => walk(client.iterateSessions()),
    result: declared({ type: "array", items: ref("Session") }),
  },
  { operationId: "GetSessionDetails", call: (client) => client.getSession(SESSION), result: declared(ref("Session")) },
  {
    operationId: "GetSessionParticipants",
    call: (client) => client.listParticipants(SESSION),
    result: declared({
      type: "object",
      required: ["participants"],
      properties: { participants: { type: "array", items: ref("Participant") }, paging: ref("Paging") },
    }),
  },
  {
    operationId: "GetSessionParticipants",
    call: (client) => walk(client.iterateParticipants(SESSION)),
    result: declared({ type: "array", items: ref("Participant") }),
  },
  {
    operationId: "GetParticipantDetails",
    call: (client) => client.getParticipant(SESSION, SESSION),
    result: declared(ref("Participant")),
  },
  {
    operationId: "GetParticipantDataFromPeerId",
    call: (client) => client.getPeerReport(SESSION),
    result: declared(ref("PeerReportParticipant")),
  },
  {
    operationId: "GetSessionChat",
    call: (client) => client.getChatDownload(SESSION),
    result: declared(ref("ChatDownload")),
  },
  {
    operationId: "GetSessionTranscript",
    call: (client) => client.getTranscriptDownload(SESSION),
    result: declared(ref("TranscriptDownload")),
  },
  {
    operationId: "GetSessionSummary",
    call: (client) => client.getSummaryDownload(SESSION),
    result: declared(ref("SummaryDownload")),
  },
  {
    operationId: "post-sessions-session_id-summary",
    call: (client) => client.generateSummary(SESSION),
    result: declared(ref("SummaryGeneration")),
  },
];

/** A seeded random source for the generator, so that fast-check can replay a failure. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(schema: JsonObject, seed: number): unknown {
  JSONSchemaFaker.option({
    random: mulberry32(seed),
    alwaysFakeOptionals: false,
    optionalsProbability: 0.5,
    maxItems: 3,
    // Sessions nest in their breakout rooms: one level of nesting is enough to cover it.
    refDepthMax: 2,
    useExamplesValue: false,
    useDefaultValue: false,
    // Otherwise the generator fills objects up to every property, and never leaves one out.
    fillProperties: false,
  });
  return JSONSchemaFaker.generate(schema as Parameters<typeof JSONSchemaFaker.generate>[0]);
}

describe("answers generated from the official document's schemas", () => {
  test.each(METHODS.map((method) => ({ ...method, name: method.call.toString().match(/client\.(\w+)/)?.[1] })))(
    "$name resolves to its declared type or rejects with a RealtimeKitError",
    async ({ operationId, call, result }) => {
      const schema = officialAnswerSchema(operationId);
      await fc.assert(
        fc.asyncProperty(fc.integer(), fc.constantFrom(...STATUSES), async (seed, status) => {
          const body = generate(schema, seed);
          const client = createSessionsClient({
            apiToken: "property-token",
            accountId: ACCOUNT,
            appId: APP,
            retries: 0,
            fetch: async () => Response.json(body, { status }),
          });
          const outcome = await call(client).then(
            (value) => ({ value }),
            (error: unknown) => ({ error }),
          );
          if ("error" in outcome) {
            expect(outcome.error, `body ${JSON.stringify(body)}`).toBeInstanceOf(RealtimeKitError);
          } else {
            expect(status, "resolved on a failure status").toBeLessThan(300);
            const valid = result(outcome.value);
            expect(valid, `${JSON.stringify(result.errors)} for ${JSON.stringify(outcome.value)}`).toBe(true);
          }
        }),
        { numRuns: RUNS },
      );
    },
  );

  test("the generator makes answers of every kind: some the methods take, some they refuse", async () => {
    // Guards the property above against a generator that only ever makes one kind of answer.
    const schema = officialAnswerSchema("GetSessions");
    const kinds = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const body = generate(schema, seed) as { data?: { sessions?: unknown[] } };
      kinds.add(body.data === undefined ? "no data" : body.data.sessions === undefined ? "no list" : "list");
    }
    expect(kinds).toEqual(new Set(["no data", "no list", "list"]));
  });
});
