// Generates src/generated/schema.ts from the spec. `pnpm generate` writes it; the test run
// imports `generateTypes()` to check that the committed file is what the spec produces.
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { parse } from "yaml";

const require = createRequire(import.meta.url);

export const SPEC_URL = pathToFileURL(require.resolve("@realtimekit-sessions/spec/openapi.yaml"));
export const TYPES_URL = new URL("../src/generated/schema.ts", import.meta.url);
export const REQUIRED_URL = new URL("../src/generated/required.ts", import.meta.url);

/** The objects whose required fields the client checks in every answer, as the types promise them. */
const CHECKED = ["Session", "Participant", "PeerEvent", "PeerReportParticipant"];

const HEADER = `// Generated from spec/openapi.yaml by openapi-typescript: do not edit.
// Change the spec, then run \`pnpm generate\`; the test run fails while this file is stale.

`;

/** @type {Record<string, string>} What each top-level type is, for the API reference: openapi-typescript writes them bare. */
const DOCS = {
  paths:
    "Every path of the spec, with its operations' parameters and answers: what openapi-fetch's `createClient` takes.",
  webhooks: "The webhook deliveries the spec describes, by event name.",
  components: "The spec's schemas, responses and parameters, by name.",
  operations: "Every operation of the spec by its `operationId`: its parameters and answers.",
};

/** @returns {Promise<string>} the contents schema.ts must have for the current spec */
export async function generateTypes() {
  const ast = await openapiTS(SPEC_URL);
  const types = astToString(ast).replace(/^export interface (\w+) \{$/gm, (line, name) =>
    name in DOCS ? `/** ${DOCS[name]} */\n${line}` : line,
  );
  return HEADER + types;
}

/** @returns {Promise<string>} the contents required.ts must have for the current spec */
export async function generateRequired() {
  const { readFile } = await import("node:fs/promises");
  /** @type {{ components: { schemas: Record<string, { required?: string[] }> } }} */
  const spec = parse(await readFile(SPEC_URL, "utf8"));
  const entries = CHECKED.map((name) => {
    const schema = spec.components.schemas[name];
    if (!schema) throw new Error(`spec/openapi.yaml has no schema ${name}`);
    return `  ${name}: ${JSON.stringify((schema.required ?? []).join(" "))},`;
  });
  return `${HEADER.replace("openapi-typescript", "scripts/generate-types.js")}/**
 * The fields each object of an answer always has, by the spec's \`required\`, space-separated
 * (the fewest bytes in the bundle): the client refuses an answer without one.
 */
export const REQUIRED = {
${entries.join("\n")}
} as const;
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await writeFile(TYPES_URL, await generateTypes());
  await writeFile(REQUIRED_URL, await generateRequired());
  console.log(`wrote ${TYPES_URL.pathname} and ${REQUIRED_URL.pathname}`);
}
