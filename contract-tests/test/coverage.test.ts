// The spec and the contract tables agree: every (operation, documented status) pair of the
// spec has a contract test, and no test covers something the spec does not document.
import { OPERATIONS } from "@realtimekit-sessions/client/operations";
import { object, operationsOf, spec } from "@realtimekit-sessions/spec/tools/spec";
import { expect, test } from "vitest";
import { CALLS, DOCUMENTED_STATUSES } from "../support/cases.js";

test("the client's table of operations is the spec's: names, methods and paths", () => {
  const key = (name: string, method: string, path: string) => `${name} ${method.toUpperCase()} ${path}`;
  const fromSpec = operationsOf(spec).map((operation) => key(operation.operationId, operation.method, operation.path));
  const fromTable = Object.entries(OPERATIONS).map(([name, { method, path }]) => key(name, method, path));
  expect(new Set(fromTable)).toEqual(new Set(fromSpec));
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
