// The fake cannot drift from the spec: every operation, in every status the spec documents,
// answers with a body and headers spec/openapi.yaml allows, checked by Ajv. Statuses come from
// what causes them (no token, an unknown id, a bad value, a spent allowance) and, for every
// one, from fake.fail()'s default envelope too.

import { type Checked, problemsOf } from "@realtimekit-sessions/spec/tools/answers";
import { operationsOf, spec } from "@realtimekit-sessions/spec/tools/spec";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, test } from "vitest";
import {
  createFakeApi,
  createRandom,
  type FakeApi,
  makeChatMessage,
  makeParticipant,
  makePeerReport,
  makeSession,
  type OperationName,
} from "../src/index.js";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const ROUTES = operationsOf(spec);

function seeded(options: Parameters<typeof createFakeApi>[0] = {}): FakeApi {
  return createFakeApi({ sessions: [{ status: "ENDED", chat: 2, transcript: 3, summaryReady: true }], ...options });
}

/** The URL of an operation, its path parameters filled in (with the fake's ids unless replaced). */
function urlOf(fake: FakeApi, path: string, replace: Record<string, string> = {}, query = ""): string {
  const [record] = fake.sessions;
  const participant = record?.participants[0];
  const ids: Record<string, string> = {
    account_id: fake.accountId,
    app_id: fake.appId,
    session_id: record?.session.id ?? "",
    participant_id: participant?.id ?? "",
    peer_id: participant?.peer_events?.[0]?.peer_id ?? "",
    ...replace,
  };
  return `${fake.baseUrl}${path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? "")}${query}`;
}

/** Sends a request to the fake and checks its answer, returning what was checked. */
async function exchange(fake: FakeApi, method: string, url: string, token: string | null = "test-token") {
  const request = new Request(url, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const response = await fake.fetch(request);
  return { response, ...(await problemsOf(request, response)) };
}

/** The requests that cause each failure status on their own, for an operation. */
function causes(path: string, method: string) {
  const hasSession = path.includes("{session_id}");
  const uuidParam = path.includes("{peer_id}") ? "peer_id" : hasSession ? "session_id" : undefined;
  const numberQuery = /\/sessions$|\/participants$/.test(path) ? "?per_page=many" : undefined;
  const booleanQuery = /\/sessions\/\{session_id\}$|participants\/\{participant_id\}$|peer-report/.test(path)
    ? "?include_peer_events=maybe&include_breakout_rooms=maybe"
    : undefined;
  return [
    { status: 401, send: (fake: FakeApi) => exchange(fake, method, urlOf(fake, path), null) },
    { status: 403, send: (fake: FakeApi) => exchange(fake, method, urlOf(fake, path, { app_id: "a".repeat(32) })) },
    uuidParam
      ? { status: 404, send: (fake: FakeApi) => exchange(fake, method, urlOf(fake, path, { [uuidParam]: UNKNOWN })) }
      : {
          status: 404,
          send: (fake: FakeApi) => exchange(fake, method, urlOf(fake, path, { account_id: "b".repeat(32) })),
        },
    uuidParam
      ? {
          status: 422,
          send: (fake: FakeApi) => exchange(fake, method, urlOf(fake, path, { [uuidParam]: "not-a-uuid" })),
        }
      : { status: 422, send: (fake: FakeApi) => exchange(fake, method, urlOf(fake, path, {}, "?status=FINISHED")) },
    ...((numberQuery ?? booleanQuery)
      ? [
          {
            status: 400,
            send: (fake: FakeApi) => exchange(fake, method, urlOf(fake, path, {}, numberQuery ?? booleanQuery)),
          },
        ]
      : []),
  ];
}

describe.each(ROUTES.map((operation) => [operation.operationId, operation] as const))(
  "%s",
  (operationId, operation) => {
    const method = operation.method.toUpperCase();
    const documented = Object.keys(operation.definition.responses as object);

    test("answers a valid request with a 200 the spec allows", async () => {
      const { response, problems } = await exchange(seeded(), method, urlOf(seeded(), operation.path));
      expect(problems).toEqual([]);
      expect(response.status).toBe(200);
    });

    test.each(causes(operation.path, method))(
      "answers what causes a $status with a $status the spec allows",
      async ({ status, send }) => {
        const { response, problems } = await send(seeded());
        expect(problems).toEqual([]);
        expect(response.status).toBe(status);
      },
    );

    test("answers a request beyond the rate limit with a 429 the spec allows, Retry-After included", async () => {
      const fake = seeded({ rateLimit: { requests: 1, windowMs: 60_000 } });
      const first = await exchange(fake, method, urlOf(fake, operation.path));
      const second = await exchange(fake, method, urlOf(fake, operation.path));
      expect([first.problems, second.problems]).toEqual([[], []]);
      expect([first.response.status, second.response.status]).toEqual([200, 429]);
      expect(second.response.headers.get("retry-after")).toBe("60");
    });

    test("answers every documented status, injected with fake.fail(), with a body the spec allows", async () => {
      const statuses = documented.flatMap((key) => (key === "5XX" ? [500, 502, 503] : [Number(key)]));
      const checked: Checked[] = [];
      for (const status of statuses) {
        const fake = seeded();
        if (status !== 200) fake.fail(operationId as OperationName, { status });
        const result = await exchange(fake, method, urlOf(fake, operation.path));
        expect(result.problems).toEqual([]);
        if (result.checked) checked.push(result.checked);
      }
      expect(checked.map((entry) => entry.status)).toEqual(statuses);
    });
  },
);

describe("the factories", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema(spec as object, "spec");
  const schema = (name: string) => ajv.compile({ $ref: `spec#/components/schemas/${name}` });
  const random = createRandom(7);

  test.each([
    ["Session", () => makeSession({}, { random })],
    ["Session", () => makeSession({ status: "LIVE" }, { random })],
    ["Participant", () => makeParticipant({}, { random, session: makeSession({ status: "LIVE" }, { random }) })],
    ["PeerReport", () => makePeerReport({}, { random })],
  ] as const)("make a %s the spec allows", (name, make) => {
    const validate = schema(name);
    for (let index = 0; index < 50; index++) {
      const value = make();
      expect(validate(value) ? [] : validate.errors).toEqual([]);
    }
  });

  test("make chat messages with every column of the chat export", () => {
    const message = makeChatMessage({}, { random });
    expect(Object.keys(message).sort()).toEqual([
      "createdAt",
      "displayName",
      "id",
      "isEdited",
      "meetingId",
      "participantId",
      "payload",
      "payloadType",
      "pinned",
      "sessionId",
    ]);
  });
});

test("the check refuses an answer the spec does not allow", async () => {
  const fake = seeded();
  const request = new Request(urlOf(fake, "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}"));
  const [record] = fake.sessions;
  const wrong = Response.json({
    success: true,
    data: { ...record?.session, status: "OVER", live_participants: "none" },
  });

  const { problems } = await problemsOf(request, wrong);

  expect(problems).toEqual([
    "getSession 200: body/data/status must be equal to one of the allowed values",
    "getSession 200: body/data/live_participants must be number",
  ]);
});
