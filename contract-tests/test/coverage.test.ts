// The spec and the contract tables agree: every (operation, documented status) pair of the
// spec has a contract test, and no test covers something the spec does not document.
import { OFFICIAL_OPERATION_IDS, OPERATIONS } from "@realtimekit-sessions/client/operations";
import { expect, test } from "vitest";
import { CALLS, DOCUMENTED_STATUSES } from "../support/cases.js";
import { object, official, operationsOf, spec } from "../support/spec.js";

test("the client's table of operations is the spec's: names, methods, paths and official ids", () => {
  const fromSpec = operationsOf(spec).map((operation) => ({
    name: operation.operationId,
    method: operation.method,
    path: operation.path,
    official: operation.definition["x-official-operation-id"],
  }));
  const fromTable = Object.entries(OPERATIONS).map(([name, { method, path }]) => ({
    name,
    method,
    path,
    official: OFFICIAL_OPERATION_IDS[name as keyof typeof OPERATIONS],
  }));
  expect(new Set(fromTable.map((entry) => JSON.stringify(entry)))).toEqual(
    new Set(fromSpec.map((entry) => JSON.stringify(entry))),
  );
  expect(new Set(Object.values(OFFICIAL_OPERATION_IDS))).toEqual(
    new Set(operationsOf(official).map((operation) => operation.operationId)),
  );
});

test("every operation of the spec has a contract call, and every call an operation", () => {
  const inSpec = operationsOf(spec).map((operation) => operation.operationId);
  expect(new Set(Object.keys(CALLS))).toEqual(new Set(inSpec));
});

test("every documented status of every operation has a contract test", () => {
  const inSpec = operationsOf(spec).flatMap((operation) =>
    Object.keys(object(operation.definition.responses)).map((status) => `${operation.operationId} ${status}`),
  );
  const tested = Object.entries(DOCUMENTED_STATUSES).flatMap(([operationId, statuses]) =>
    statuses.map((status) => `${operationId} ${status}`),
  );
  expect(new Set(tested)).toEqual(new Set(inSpec));
});
