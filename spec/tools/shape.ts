// Flattens schemas into comparable facts, so two OpenAPI documents (ours in 3.1, Cloudflare's
// in 3.0) can be compared property by property.
import { array, deref, type Json, type JsonObject, object } from "./spec.js";

export interface Property {
  /** Where the property sits, such as `data.sessions[].status`; `*` stands for any key. */
  path: string;
  /** The JSON types it may have, sorted, `null` included where allowed. */
  types: string[];
  required: boolean;
  /** The schema that lists the property as required carries an `x-deviation` note. */
  requiredNoted: boolean;
  /** The property itself carries an `x-deviation` note. */
  noted: boolean;
}

/** Every property reachable from `schema`, stopping where a `$ref` recurses. */
export function propertiesOf(document: JsonObject, schema: Json, prefix = "", seen: string[] = []): Property[] {
  const ref = isObject(schema) && typeof schema.$ref === "string" ? schema.$ref : undefined;
  if (ref && seen.includes(ref)) return [];
  const resolved = object(deref(document, schema));
  const nextSeen = ref ? [...seen, ref] : seen;
  const requiredNoted = "x-deviation" in resolved;
  const required = new Set(Array.isArray(resolved.required) ? resolved.required.map(String) : []);

  const children = Object.entries(isObject(resolved.properties) ? resolved.properties : {}).flatMap(([name, child]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const childSchema = object(deref(document, child));
    const entry: Property = {
      path,
      types: typesOf(document, childSchema),
      required: required.has(name),
      requiredNoted,
      noted: "x-deviation" in childSchema || (isObject(child) && "x-deviation" in child),
    };
    return [entry, ...nested(document, child, path, nextSeen)];
  });
  const additional = isObject(resolved.additionalProperties)
    ? [
        {
          path: `${prefix}.*`,
          types: typesOf(document, object(deref(document, resolved.additionalProperties))),
          required: false,
          requiredNoted,
          noted: false,
        },
      ]
    : [];
  return [...children, ...additional];
}

function nested(document: JsonObject, schema: Json, path: string, seen: string[]): Property[] {
  const resolved = object(deref(document, schema));
  if (resolved.items !== undefined) return propertiesOf(document, resolved.items, `${path}[]`, seen);
  return propertiesOf(document, schema, path, seen);
}

/** The JSON types a schema allows, in either dialect: 3.0 `nullable`, 3.1 type arrays, anyOf. */
function typesOf(document: JsonObject, schema: JsonObject): string[] {
  const types = new Set<string>();
  if (typeof schema.type === "string") types.add(schema.type);
  if (Array.isArray(schema.type)) for (const type of schema.type) types.add(String(type));
  if (schema.type === undefined && (schema.properties !== undefined || schema.additionalProperties !== undefined)) {
    types.add("object");
  }
  if (schema.nullable === true) types.add("null");
  if (schema.const !== undefined) types.add(schema.const === null ? "null" : typeof schema.const);
  for (const branch of [
    ...(Array.isArray(schema.anyOf) ? schema.anyOf : []),
    ...(Array.isArray(schema.oneOf) ? schema.oneOf : []),
  ]) {
    for (const type of typesOf(document, object(deref(document, branch)))) types.add(type);
  }
  return [...types].sort();
}

/** The facts about a parameter that decide which requests it allows. */
export function parameterFacts(document: JsonObject, parameter: JsonObject): Record<string, Json> {
  const schema = object(deref(document, parameter.schema));
  const facts: Record<string, Json> = {
    in: parameter.in ?? null,
    required: parameter.required === true,
    allowEmptyValue: parameter.allowEmptyValue === true,
    types: typesOf(document, schema),
  };
  for (const key of [
    "enum",
    "default",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
  ]) {
    if (schema[key] !== undefined) facts[key] = key === "enum" ? [...array(schema[key])].sort() : (schema[key] ?? null);
  }
  return facts;
}

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
