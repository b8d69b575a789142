// The client against the in-process fake (@realtimekit-sessions/testing), as against Prism:
// every operation resolves, with an answer the spec allows, and every documented failure, in
// every envelope the spec gives an example of, rejects with its status and errors. So the
// fake that users test with and the client they ship cannot drift apart either.
import { createSessionsClient, RealtimeKitApiError } from "@realtimekit-sessions/client";
import { problemsOf } from "@realtimekit-sessions/spec/tools/answers";
import { examplesOf, operationsOf, spec } from "@realtimekit-sessions/spec/tools/spec";
import { createFakeApi, type FakeApi } from "@realtimekit-sessions/testing";
import { describe, expect, test } from "vitest";
import { CALLS, concreteStatuses, DOCUMENTED_STATUSES, OPERATION_IDS } from "../support/cases.js";
import { ACCOUNT, APP, PARTICIPANT, PEER, SESSION, TOKEN } from "../support/client.js";

/** A fake holding the ids the contract cases call with, and a client whose answers are checked. */
function fakeClient() {
  const fake: FakeApi = createFakeApi({
    accountId: ACCOUNT,
    appId: APP,
    sessions: [
      {
        id: SESSION,
        status: "ENDED",
        chat: 2,
        transcript: 2,
        summaryReady: true,
        participants: [{ id: PARTICIPANT, peer_events: [{ event_name: "PEER_JOINING", peer_id: PEER }] }],
      },
    ],
  });
  const problems: string[] = [];
  const client = createSessionsClient({
    apiToken: TOKEN,
    accountId: ACCOUNT,
    appId: APP,
    baseUrl: fake.baseUrl,
    fetch: async (request) => {
      const response = await fake.fetch(request);
      problems.push(...(await problemsOf(request, response)).problems);
      return response;
    },
  });
  return { fake, client, problems };
}

describe.each(OPERATION_IDS)("%s", (operationId) => {
  test("resolves through the fake, with an answer the spec allows", async () => {
    const { fake, client, problems } = fakeClient();

    await CALLS[operationId](client);

    expect(problems).toEqual([]);
    expect(fake.requests.map((request) => [request.operation, request.status])).toEqual([[operationId, 200]]);
  });

  const operation = operationsOf(spec).find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`no operation ${operationId} in the spec`);
  const failures = DOCUMENTED_STATUSES[operationId]
    .filter((status) => status !== "200")
    .flatMap((status) =>
      examplesOf(operation, status).flatMap(({ name, value }) =>
        concreteStatuses(status).map((code) => ({ code, example: name, body: value })),
      ),
    );

  test.each(failures)("rejects HTTP $code ($example envelope) injected with fail()", async ({ code, body }) => {
    const { fake, client, problems } = fakeClient();
    fake.fail(operationId, { status: code, body });

    const error = await CALLS[operationId](client, { retries: 0 }).then(
      () => undefined,
      (reason: unknown) => reason,
    );

    expect(problems).toEqual([]);
    expect(error).toBeInstanceOf(RealtimeKitApiError);
    expect(error).toMatchObject({ status: code, errors: Array.isArray(body.errors) ? body.errors : [body.error] });
  });
});

test("a walk over the fake's pages yields each session once", async () => {
  const fake = createFakeApi({ sessions: 45, accountId: ACCOUNT, appId: APP });
  const client = createSessionsClient({
    apiToken: TOKEN,
    accountId: ACCOUNT,
    appId: APP,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
  });

  const ids: string[] = [];
  for await (const session of client.iterateSessions({ per_page: 10 })) ids.push(session.id);

  expect(ids.sort()).toEqual(fake.sessions.map(({ session }) => session.id).sort());
});
