// Our spec against Cloudflare's official document for the nine operations: the same
// operations, a note for every property it adds, and a mock of our spec that accepts exactly
// the requests the official document allows. Parameters and response properties are compared
// by the drift check (drift.test.ts), against the allow-list of deliberate differences.

import { propertiesOf } from "@realtimekit-sessions/spec/tools/shape";
import {
  deref,
  type JsonObject,
  type Operation,
  object,
  official,
  operationsOf,
  parametersOf,
  responseOf,
  spec,
} from "@realtimekit-sessions/spec/tools/spec";
import { describe, expect, inject, test } from "vitest";
import { violations } from "../support/client.js";
import { allPairs } from "../support/pairwise.js";

const officialOperations = operationsOf(official);

function ours(operation: Operation): Operation {
  const match = operationsOf(spec).find(
    (candidate) => candidate.method === operation.method && candidate.path === operation.path,
  );
  if (!match) throw new Error(`${operation.method.toUpperCase()} ${operation.path} is missing from our spec`);
  return match;
}

function successSchema(document: JsonObject, operation: Operation) {
  const content = object(object(responseOf(document, operation, "200").content)["application/json"]);
  return content.schema ?? null;
}

test("has exactly the official operations, each naming its official operationId", () => {
  const key = (operation: Operation) => `${operation.method.toUpperCase()} ${operation.path}`;
  expect(new Set(operationsOf(spec).map(key))).toEqual(new Set(officialOperations.map(key)));
  for (const operation of officialOperations) {
    expect(ours(operation).definition["x-official-operation-id"], key(operation)).toBe(operation.operationId);
  }
});

describe.each(officialOperations.map((operation) => ({ id: operation.operationId, operation })))(
  "$id",
  ({ operation }) => {
    test("adds no response property without saying why in x-deviation", () => {
      const theirs = new Set(
        propertiesOf(official, successSchema(official, operation)).map((property) => property.path),
      );
      const added = propertiesOf(spec, successSchema(spec, ours(operation))).filter(
        (property) => !theirs.has(property.path),
      );
      // An added property needs a note of its own, or sits inside an added property that has one.
      const notedRoots = added.filter((property) => property.noted).map((property) => property.path);
      const unexplained = added.filter(
        (property) => !notedRoots.some((root) => property.path === root || property.path.startsWith(`${root}.`)),
      );
      expect(unexplained.map((property) => property.path)).toEqual([]);
    });
  },
);

// Values within the official constraints of a parameter; undefined leaves it out.
function allowedValues(parameter: JsonObject): (string | undefined)[] {
  const schema = object(deref(official, parameter.schema));
  const values: (string | undefined)[] = [];
  if (Array.isArray(schema.enum)) values.push(...schema.enum.map(String));
  else if (schema.type === "boolean") values.push("true", "false");
  else if (schema.type === "number" || schema.type === "integer") {
    const minimum = typeof schema.minimum === "number" ? schema.minimum : 0;
    values.push(String(minimum), String(minimum + 1), "100");
    if (schema.type === "number") values.push(String(minimum + 2.5));
    if (parameter.allowEmptyValue === true) values.push("");
  } else if (schema.format === "uuid") values.push("bbbf5e93-289c-4c9b-bd44-d677a9206df7");
  else if (schema.format === "date-time") values.push("2026-11-01T00:00:00Z", "2026-11-01T10:20:30.123+05:30");
  else {
    const longest = typeof schema.maxLength === "number" ? "f".repeat(schema.maxLength) : "weekly sync";
    values.push(typeof schema.example === "string" ? schema.example : "a", longest);
  }
  if (parameter.required !== true) values.push(undefined);
  return values;
}

// Values just outside the constraints of a parameter in `document`.
function valuesOutside(document: JsonObject, parameter: JsonObject): string[] {
  const schema = object(deref(document, parameter.schema));
  if (Array.isArray(schema.enum) || typeof schema.pattern === "string") return ["NOT_ONE_OF_THEM"];
  if (schema.type === "boolean") return ["maybe"];
  if (schema.type === "number" || schema.type === "integer") {
    return ["ten", ...(typeof schema.minimum === "number" ? [String(schema.minimum - 1)] : [])];
  }
  if (schema.format === "uuid") return ["not-a-uuid"];
  if (schema.format === "date-time") return ["yesterday"];
  if (typeof schema.maxLength === "number") return ["f".repeat(schema.maxLength + 1)];
  return [];
}

// Values outside the official constraints of a parameter that our spec refuses too: where the
// spec deliberately allows more (its x-deviation says why), the mock must accept the value.
function refusedValues(operation: Operation, parameter: JsonObject): string[] {
  const mine = parametersOf(spec, ours(operation)).find(
    (candidate) => candidate.name === parameter.name && candidate.in === parameter.in,
  );
  const refusedByOurs = mine ? valuesOutside(spec, mine) : [];
  return valuesOutside(official, parameter).filter((value) => refusedByOurs.includes(value));
}

const AUTH = {
  bearer: { authorization: "Bearer contract-test-token" },
  legacy: { "x-auth-email": "dev@example.com", "x-auth-key": "0123456789abcdef" },
};
type Credential = keyof typeof AUTH;

function url(operation: Operation, values: Record<string, string | undefined>, parameters: JsonObject[]): string {
  let path = operation.path;
  const query = new URLSearchParams();
  for (const parameter of parameters) {
    const value = values[String(parameter.name)];
    if (value === undefined) continue;
    if (parameter.in === "path") path = path.replace(`{${parameter.name}}`, encodeURIComponent(value));
    else query.append(String(parameter.name), value);
  }
  const search = query.toString();
  return `${inject("mockUrl")}${path}${search ? `?${search}` : ""}`;
}

describe.each(officialOperations.map((operation) => ({ id: operation.operationId, operation })))(
  "$id on the mock",
  ({ operation }) => {
    const parameters = parametersOf(official, operation);

    test("accepts every pair of officially allowed parameter values, with either credential", async () => {
      const factors = [...parameters.map(allowedValues), Object.keys(AUTH)];
      const rows = allPairs(factors);
      const failures: string[] = [];
      for (const row of rows) {
        const values = Object.fromEntries(parameters.map((parameter, index) => [String(parameter.name), row[index]]));
        const target = url(operation, values, parameters);
        const auth = AUTH[row[parameters.length] as Credential];
        const response = await fetch(target, { method: operation.method.toUpperCase(), headers: auth });
        await response.body?.cancel();
        if (response.status !== 200 || violations(response).length > 0) {
          failures.push(`${response.status} ${target} ${JSON.stringify(violations(response))}`);
        }
      }
      expect(failures).toEqual([]);
      expect(rows.length).toBeGreaterThan(0);
    });

    const refusals = parameters.flatMap((parameter) =>
      refusedValues(operation, parameter).map((value) => ({
        name: String(parameter.name),
        where: String(parameter.in),
        value,
      })),
    );

    test.each(refusals)(
      "refuses $where parameter $name = $value with 422 naming it",
      async ({ name, where, value }) => {
        const values = Object.fromEntries(
          parameters.map((parameter) => [
            String(parameter.name),
            parameter.in === "path" ? allowedValues(parameter)[0] : undefined,
          ]),
        );
        values[name] = value;

        const response = await fetch(url(operation, values, parameters), {
          method: operation.method.toUpperCase(),
          headers: AUTH.bearer,
        });
        await response.body?.cancel();

        expect(response.status).toBe(422);
        expect(violations(response).map((violation) => violation.location)).toContainEqual(["request", where, name]);
      },
    );
  },
);
