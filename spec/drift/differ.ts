// Compares our spec with Cloudflare's document for the same operations: operations,
// parameters (location, required, type, enum, bounds, default) and the properties of the
// success responses with their types. Each difference has a stable `id`, which the
// allow-list matches, and a `detail` for the reader.
import { type Property, parameterFacts, propertiesOf } from "../tools/shape.js";
import {
  type Json,
  type JsonObject,
  type Operation,
  object,
  operationsOf,
  parametersOf,
  responseOf,
} from "../tools/spec.js";

export interface Difference {
  /** Stable and matchable: `<what> <operation> <where>`, such as `parameter changed GetSessions query page_no minimum`. */
  id: string;
  detail: string;
}

/** Every difference between `ours` and `theirs`; operations are named by their official operationId. */
export function diffDocuments(ours: JsonObject, theirs: JsonObject): Difference[] {
  const differences: Difference[] = [];
  const mine = new Map(operationsOf(ours).map((operation) => [key(operation), operation]));
  const official = new Map(operationsOf(theirs).map((operation) => [key(operation), operation]));

  for (const [where, operation] of official) {
    const match = mine.get(where);
    if (!match)
      differences.push({ id: `operation missing ${operation.operationId}`, detail: `${where} is not in our spec` });
    else differences.push(...diffOperation(ours, match, theirs, operation));
  }
  for (const [where, operation] of mine) {
    if (!official.has(where)) {
      differences.push({
        id: `operation added ${operation.operationId}`,
        detail: `${where} is not in the official document`,
      });
    }
  }
  return differences;
}

function key(operation: Operation): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

function diffOperation(ours: JsonObject, mine: Operation, theirs: JsonObject, official: Operation): Difference[] {
  const name = official.operationId;
  const differences: Difference[] = [];

  const facts = (document: JsonObject, operation: Operation) =>
    new Map(
      parametersOf(document, operation).map((parameter) => [
        `${parameter.in} ${parameter.name}`,
        parameterFacts(document, parameter),
      ]),
    );
  const myParameters = facts(ours, mine);
  const officialParameters = facts(theirs, official);
  for (const [parameter, expected] of officialParameters) {
    const actual = myParameters.get(parameter);
    if (!actual) {
      differences.push({ id: `parameter missing ${name} ${parameter}`, detail: `our spec lacks ${parameter}` });
      continue;
    }
    for (const fact of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      if (JSON.stringify(actual[fact]) !== JSON.stringify(expected[fact])) {
        differences.push({
          id: `parameter changed ${name} ${parameter} ${fact}`,
          detail: `ours ${show(actual[fact])}, official ${show(expected[fact])}`,
        });
      }
    }
  }
  for (const parameter of myParameters.keys()) {
    if (!officialParameters.has(parameter)) {
      differences.push({ id: `parameter added ${name} ${parameter}`, detail: "not in the official document" });
    }
  }

  const statuses = (operation: Operation) => Object.keys(object(operation.definition.responses));
  for (const status of statuses(official)) {
    if (!statuses(mine).includes(status)) {
      differences.push({
        id: `response status missing ${name} ${status}`,
        detail: `our spec lacks the ${status} answer`,
      });
    }
  }
  for (const status of statuses(mine)) {
    if (!statuses(official).includes(status)) {
      differences.push({ id: `response status added ${name} ${status}`, detail: "not in the official document" });
    }
  }

  for (const status of statuses(official).filter((candidate) => statuses(mine).includes(candidate))) {
    const properties = (document: JsonObject, operation: Operation) =>
      new Map<string, Property>(
        propertiesOf(document, schemaOf(document, operation, status)).map((property) => [property.path, property]),
      );
    const myProperties = properties(ours, mine);
    const officialProperties = properties(theirs, official);
    const where = `${name} ${status}`;
    for (const [path, expected] of officialProperties) {
      const actual = myProperties.get(path);
      if (!actual) {
        differences.push({ id: `response property missing ${where} ${path}`, detail: `our spec lacks ${path}` });
      } else if (actual.types.join() !== expected.types.join()) {
        differences.push({
          id: `response property type ${where} ${path}`,
          detail: `ours ${actual.types.join(" | ")}, official ${expected.types.join(" | ")}`,
        });
      } else if (actual.required !== expected.required) {
        differences.push({
          id: `response property required ${where} ${path}`,
          detail: actual.required ? "required in ours only" : "required in the official document only",
        });
      }
    }
    for (const path of myProperties.keys()) {
      if (!officialProperties.has(path)) {
        differences.push({ id: `response property added ${where} ${path}`, detail: "not in the official document" });
      }
    }
  }
  return differences;
}

function schemaOf(document: JsonObject, operation: Operation, status: string): Json {
  const content = responseOf(document, operation, status).content;
  if (content === undefined) return {};
  return object(object(content)["application/json"] ?? {}).schema ?? {};
}

function show(value: Json | undefined): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}

export interface AllowedDifference {
  /** A difference id, where `*` stands for any run of characters but a space. */
  match: string;
  reason: string;
}

/** Splits `differences` into those the allow-list explains and those it does not, and finds entries that match nothing. */
export function checkDifferences(differences: Difference[], allowed: AllowedDifference[]) {
  const patterns = allowed.map((entry) => ({
    entry,
    pattern: new RegExp(`^${entry.match.split("*").map(escapeRegExp).join("[^ ]*")}$`),
  }));
  const unlisted = differences.filter((difference) => !patterns.some(({ pattern }) => pattern.test(difference.id)));
  const stale = patterns
    .filter(({ pattern }) => !differences.some((difference) => pattern.test(difference.id)))
    .map(({ entry }) => entry);
  return { unlisted, stale };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The report `pnpm spec:diff` prints. */
export function formatDrift(differences: Difference[], unlisted: Difference[], stale: AllowedDifference[]): string {
  const lines = [
    `spec drift: ${differences.length} differences from the official document, ${differences.length - unlisted.length} of them allowed.`,
  ];
  if (unlisted.length > 0) {
    lines.push("", "Not in spec/upstream/allowed-differences.yaml (fix the spec, or list them with a reason):");
    for (const difference of unlisted) lines.push(`  - ${difference.id}`, `      ${difference.detail}`);
  }
  if (stale.length > 0) {
    lines.push("", "Allowed differences that no longer occur (remove them):");
    for (const entry of stale) lines.push(`  - ${entry.match}`);
  }
  return lines.join("\n");
}
