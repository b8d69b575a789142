// Requests the spec does not allow are caught by the mock, and the client surfaces them as
// typed errors that say which part of the request was wrong.
import { RealtimeKitApiError, RealtimeKitArgumentError, type SessionsClient } from "@realtimekit-sessions/client";
import { createRawClient } from "@realtimekit-sessions/client/raw";
import { ACCOUNT, rejectionOf } from "@realtimekit-sessions/test-kit";
import { expect, inject, test } from "vitest";
import { mockClient, PEER, SESSION, TOKEN, violations } from "../support/client.js";

async function apiError(promise: Promise<unknown>): Promise<RealtimeKitApiError> {
  const reason = await rejectionOf(promise);
  expect(reason).toBeInstanceOf(RealtimeKitApiError);
  return reason as RealtimeKitApiError;
}

test("a request without a token is refused with 401 in the gateway's envelope", async () => {
  const { client } = mockClient((request, send) => {
    const stripped = new Request(request);
    stripped.headers.delete("authorization");
    return send(stripped);
  });

  const error = await apiError(client.listSessions());

  expect(error.status).toBe(401);
  expect(error.errors).toEqual([{ code: 10000, message: "Authentication error" }]);
  expect(violations(error.response)).toEqual([expect.objectContaining({ code: 401, location: ["request"] })]);
});

test.each([
  {
    what: "a value outside an enum",
    call: (client: SessionsClient) => client.listSessions({ sort_order: "UP" as "ASC" }),
    location: ["request", "query", "sort_order"],
  },
  {
    what: "a session id that is not a UUID",
    call: (client: SessionsClient) => client.getSession("not-a-uuid"),
    location: ["request", "path", "session_id"],
  },
  {
    what: "a participant id that is not a UUID",
    call: (client: SessionsClient) => client.getParticipant(SESSION, "participant-1"),
    location: ["request", "path", "participant_id"],
  },
  {
    what: "a time that is not ISO 8601",
    call: (client: SessionsClient) => client.listSessions({ start_time: "yesterday" }),
    location: ["request", "query", "start_time"],
  },
])("$what is refused with 422 naming the field", async ({ call, location }) => {
  const error = await apiError(call(mockClient().client));

  expect(error.status).toBe(422);
  expect(error.errors).toEqual([{ code: 422, message: expect.any(String) }]);
  expect(violations(error.response)).toEqual([expect.objectContaining({ location })]);
});

const SESSIONS = "/accounts/{account_id}/realtime/kit/{app_id}/sessions" as const;
// The raw client sends what it is given: the mock is the one to refuse it.
const RAW = { apiToken: TOKEN, baseUrl: inject("mockUrl") };

test.each([
  {
    what: "a number below its minimum",
    call: (client: SessionsClient) => client.listSessions({ per_page: -1 }),
    argument: "per_page",
    raw: () =>
      createRawClient(RAW).GET(SESSIONS, {
        params: { path: { account_id: ACCOUNT, app_id: "app" }, query: { per_page: -1 } },
      }),
    location: ["request", "query", "per_page"],
  },
  {
    what: "an app id longer than 32 characters",
    call: (client: SessionsClient) => client.getChatDownload(SESSION, { appId: "a".repeat(33) }),
    argument: "appId",
    raw: () =>
      createRawClient(RAW).GET(`${SESSIONS}/{session_id}/chat`, {
        params: {
          path: { account_id: ACCOUNT, app_id: "a".repeat(33), session_id: SESSION },
        },
      }),
    location: ["request", "path", "app_id"],
  },
])("$what is refused by the client before sending, and with 422 by the mock when sent anyway", async (case_) => {
  const { client } = mockClient();
  const error = await rejectionOf(case_.call(client));
  expect(error).toBeInstanceOf(RealtimeKitArgumentError);
  expect(error).toMatchObject({ argument: case_.argument });

  const { response } = await case_.raw();
  expect(response.status).toBe(422);
  expect(violations(response)).toEqual([expect.objectContaining({ location: case_.location })]);
});

test.each([
  {
    what: "a V1 meeting's room name as associated_id",
    call: (client: SessionsClient) => client.listSessions({ associated_id: "abcdef-ghijkl" }),
  },
  {
    what: "a comma-separated list of peer-report filters",
    call: (client: SessionsClient) =>
      client.getPeerReport(PEER, { filters: ["device_info", "ip_information", "events"] }),
  },
])("the mock accepts $what, which the spec allows on purpose", async ({ call }) => {
  const { client, responses } = mockClient();
  await call(client);
  expect(responses.map((response) => response.status)).toEqual([200]);
  expect(violations(responses[0])).toEqual([]);
});
