// Extracts the nine RealtimeKit Sessions operations, and every component they reference, from
// Cloudflare's full OpenAPI document (thousands of operations), in the document's own order.
import { type Json, type JsonObject, METHODS, operationsOf, spec } from "../tools/spec.js";

/**
 * The operations this project covers, as (method, path) in Cloudflare's document: the ones of
 * our spec, which the client's table of operations is tested against.
 */
export const SESSION_OPERATIONS: readonly (readonly [string, string])[] = operationsOf(spec).map(
  ({ method, path }) => [method, path] as const,
);

export function extractSessions(full: JsonObject, source: string): JsonObject {
  const allPaths = asObject(full.paths, "paths");
  const paths: JsonObject = {};
  for (const path of Object.keys(allPaths)) {
    const wanted = SESSION_OPERATIONS.filter(([, candidate]) => candidate === path).map(([method]) => method);
    if (wanted.length === 0) continue;
    const item = asObject(allPaths[path], path);
    const kept: JsonObject = {};
    for (const [key, value] of Object.entries(item)) {
      // Keep the wanted operations and the path item\'s shared fields (parameters, summary, ...).
      if (wanted.includes(key) || !METHODS.includes(key)) {
        kept[key] = value;
      }
    }
    paths[path] = kept;
  }
  for (const [method, path] of SESSION_OPERATIONS) {
    if (!(paths[path] as JsonObject | undefined)?.[method]) {
      throw new Error(
        `${method.toUpperCase()} ${path} is not in ${source}: the API changed, update spec/openapi.yaml and the client's table of operations`,
      );
    }
  }

  // Every component reachable from the operations, followed through references.
  const components = asObject(full.components ?? {}, "components");
  const picked: Record<string, JsonObject> = {};
  const pending = [...refsIn(paths)];
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    const [, , kind, name] = ref.split("/");
    if (!kind || !name || picked[kind]?.[name] !== undefined) continue;
    const value = asObject(components[kind] ?? {}, kind)[name];
    if (value === undefined) throw new Error(`${ref} is referenced but not defined in ${source}`);
    picked[kind] = { ...picked[kind], [name]: value };
    pending.push(...refsIn(value));
  }
  // The security schemes the operations and the document name.
  const schemes = new Set(
    [...Object.values(paths).flatMap((item) => Object.values(asObject(item, "path"))), full]
      .flatMap((node) =>
        Array.isArray((node as JsonObject).security) ? ((node as JsonObject).security as Json[]) : [],
      )
      .flatMap((requirement) => Object.keys(asObject(requirement, "security"))),
  );
  const allSchemes = asObject(components.securitySchemes ?? {}, "securitySchemes");
  picked.securitySchemes = Object.fromEntries(
    [...schemes].filter((name) => allSchemes[name] !== undefined).map((name) => [name, allSchemes[name] as Json]),
  );

  const info = asObject(full.info ?? {}, "info");
  return {
    openapi: full.openapi ?? null,
    info: {
      title: "Cloudflare API: RealtimeKit sessions subset (extract)",
      version: info.version ?? null,
      description: `The ${SESSION_OPERATIONS.length} RealtimeKit sessions operations and every component they reference, extracted unchanged from ${source} by pnpm spec:update-upstream.`,
    },
    servers: full.servers ?? [],
    security: full.security ?? [],
    paths,
    components: Object.fromEntries(
      Object.keys(picked)
        .sort()
        .map((kind) => [kind, sortKeys(picked[kind] ?? {})]),
    ),
  };
}

function refsIn(value: Json | undefined): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === "$ref" && typeof child === "string" && child.startsWith("#/components/") ? [child] : refsIn(child),
  );
}

function sortKeys(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

function asObject(value: Json | undefined, what: string): JsonObject {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value;
}
