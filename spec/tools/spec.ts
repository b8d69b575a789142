// Reads the spec and Cloudflare's official document, so the drift check and the tests take
// their expectations from the source of truth rather than from the client.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  definition: JsonObject;
}

export const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

const specPath = new URL("../openapi.yaml", import.meta.url);

/** Our spec, spec/openapi.yaml. */
export const spec: JsonObject = parse(readFileSync(specPath, "utf8"));

/** Cloudflare's official document for the nine operations, as published (OpenAPI 3.0). */
export const official: JsonObject = JSON.parse(
  readFileSync(new URL("../upstream/cloudflare-realtimekit-sessions.json", import.meta.url), "utf8"),
);

/** Every operation of a document, with its path-level parameters merged in. */
export function operationsOf(document: JsonObject): Operation[] {
  return Object.entries(object(document.paths)).flatMap(([path, item]) =>
    Object.entries(object(item))
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => {
        const definition = object(operation);
        const shared = array(object(item).parameters ?? []);
        const own = array(definition.parameters ?? []);
        return {
          operationId: String(definition.operationId),
          method,
          path,
          definition: { ...definition, parameters: [...shared, ...own] },
        };
      }),
  );
}

/** Follows a local `$ref` (only local references are used) until it reaches a value. */
export function deref(document: JsonObject, value: Json | undefined): Json {
  let current = value ?? null;
  const seen = new Set<string>();
  while (
    current !== null &&
    typeof current === "object" &&
    !Array.isArray(current) &&
    typeof current.$ref === "string"
  ) {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<Json>((node, key) => object(node)[key] ?? null, document);
  }
  return current;
}

/** The resolved parameters of an operation. */
export function parametersOf(document: JsonObject, operation: Operation): JsonObject[] {
  return array(operation.definition.parameters ?? []).map((parameter) => object(deref(document, parameter)));
}

/** The resolved response of an operation for a status key such as "200" or "5XX". */
export function responseOf(document: JsonObject, operation: Operation, status: string): JsonObject {
  return object(deref(document, object(operation.definition.responses)[status]));
}

/** The named examples of an operation's JSON response, in the order Prism picks them. */
export function examplesOf(operation: Operation, status: string): { name: string; value: JsonObject }[] {
  const content = object(object(responseOf(spec, operation, status).content)["application/json"]);
  return Object.entries(object(content.examples)).map(([name, example]) => ({
    name,
    value: object(object(deref(spec, example)).value),
  }));
}

export function object(value: Json | undefined): JsonObject {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function array(value: Json | undefined): Json[] {
  if (!Array.isArray(value)) throw new Error(`expected an array, got ${JSON.stringify(value)}`);
  return value;
}
