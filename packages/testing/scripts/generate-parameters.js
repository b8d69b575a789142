// Generates src/generated/operations.ts from the spec: each operation's method, path and
// parameters, which the fake routes and validates requests by. Taken from the spec rather than
// from the client, so that a mistake in the client is not mirrored by the fake that tests it.
// `pnpm generate` writes the file; the test run fails while the committed one is stale.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";

const require = createRequire(import.meta.url);

export const OPERATIONS_URL = new URL("../src/generated/operations.ts", import.meta.url);

/** The schema keywords the fake's validation understands; the script refuses any other. */
const KEYWORDS = new Set(["type", "enum", "format", "minimum", "maxLength", "pattern", "default", "examples"]);
const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

const HEADER = `// Generated from spec/openapi.yaml by scripts/generate-parameters.js: do not edit.
// Change the spec, then run \`pnpm generate\`; the test run fails while this file is stale.
`;

/**
 * Follows a local `$ref` until it reaches a value.
 * @param {any} spec
 * @param {any} value
 * @returns {any}
 */
function resolve(spec, value) {
  let current = value;
  while (current?.$ref) {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((/** @type {any} */ node, /** @type {string} */ key) => node[key], spec);
  }
  return current;
}

/** @returns {Promise<string>} the contents operations.ts must have for the current spec */
export async function generateOperations() {
  const spec = parse(await readFile(require.resolve("@realtimekit-sessions/spec/openapi.yaml"), "utf8"));
  /** @type {Record<string, unknown>} */
  const operations = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((reference) => {
        const parameter = resolve(spec, reference);
        const schema = resolve(spec, parameter.schema);
        const unknown = Object.keys(schema).filter((keyword) => !KEYWORDS.has(keyword));
        if (unknown.length > 0) {
          throw new Error(
            `${operation.operationId}: parameter ${parameter.name} uses ${unknown.join(", ")}, which the fake cannot check yet`,
          );
        }
        const { default: _, examples: __, ...checked } = schema;
        return { name: parameter.name, in: parameter.in, required: parameter.required === true, schema: checked };
      });
      operations[operation.operationId] = { method: method.toUpperCase(), path, parameters };
    }
  }
  return `${HEADER}
import type { OperationName } from "@realtimekit-sessions/client/operations";
import type { OperationSpec } from "../operation-table.js";

// How the fake matches a request to an operation (the method as HTTP sends it, the path and its
// parameters), keyed by the client's operation names, whose own OPERATIONS table gives the method in
// lower case: an operation the spec and the client disagree on fails to compile.
export const ROUTES: Record<OperationName, OperationSpec> = ${JSON.stringify(operations, null, 2)};
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await writeFile(OPERATIONS_URL, await generateOperations());
  console.log(`wrote ${OPERATIONS_URL.pathname}`);
}
