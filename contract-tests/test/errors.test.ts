// Every documented failure of every operation, in every envelope the spec gives an example
// of, rejects with a RealtimeKitApiError carrying the status and the errors of that envelope.
import { RealtimeKitApiError } from "@realtimekit-sessions/client";
import { examplesOf, type JsonObject, operationsOf, spec } from "@realtimekit-sessions/spec/tools/spec";
import { describe, expect, test } from "vitest";
import { CALLS, concreteStatuses, DOCUMENTED_STATUSES, OPERATION_IDS } from "../support/cases.js";
import { mockClient } from "../support/client.js";

/** The errors an envelope carries, as the reference README describes the two envelopes. */
function envelopeErrors(body: JsonObject): unknown[] {
  if (Array.isArray(body.errors)) return body.errors; // Cloudflare gateway: errors[]
  return [body.error]; // RealtimeKit service: error
}

const cases = OPERATION_IDS.flatMap((operationId) => {
  const operation = operationsOf(spec).find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`no operation ${operationId} in the spec`);
  return DOCUMENTED_STATUSES[operationId]
    .filter((status) => status !== "200")
    .flatMap((status) =>
      examplesOf(operation, status).flatMap(({ name, value }) =>
        concreteStatuses(status).map((code) => ({ operationId, status, code, example: name, body: value })),
      ),
    );
});

describe.each(OPERATION_IDS)("%s", (operationId) => {
  test.each(cases.filter((entry) => entry.operationId === operationId))(
    "rejects HTTP $code ($status, $example envelope) with its status and errors",
    async ({ code, example, body }) => {
      const { client, responses } = mockClient();

      // Retries off: this checks how each answer is read, not how the client recovers.
      const options = { retries: 0, headers: { Prefer: `code=${code}, example=${example}` } };
      const error = await CALLS[operationId](client, options).then(
        () => undefined,
        (reason: unknown) => reason,
      );

      expect(error).toBeInstanceOf(RealtimeKitApiError);
      expect(error).toMatchObject({ status: code, errors: envelopeErrors(body), attempts: 1 });
      expect((error as RealtimeKitApiError).response).toBe(responses[0]);
      expect((error as Error).message).toContain(`${operationId}: the API answered HTTP ${code}`);
    },
  );
});

test("covers both envelopes", () => {
  const envelopes = new Set(cases.map(({ body }) => (Array.isArray(body.errors) ? "cloudflare" : "realtimekit")));
  expect(envelopes).toEqual(new Set(["cloudflare", "realtimekit"]));
});
