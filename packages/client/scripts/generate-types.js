// Generates src/generated/schema.ts from the spec. `pnpm generate` writes it; the test run
// imports `generateTypes()` to check that the committed file is what the spec produces.
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const require = createRequire(import.meta.url);

export const SPEC_URL = pathToFileURL(require.resolve("@realtimekit-sessions/spec/openapi.yaml"));
export const TYPES_URL = new URL("../src/generated/schema.ts", import.meta.url);

const HEADER = `// Generated from spec/openapi.yaml by openapi-typescript: do not edit.
// Change the spec, then run \`pnpm generate\`; the test run fails while this file is stale.

`;

/** @returns {Promise<string>} the contents schema.ts must have for the current spec */
export async function generateTypes() {
  const ast = await openapiTS(SPEC_URL);
  return HEADER + astToString(ast);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await writeFile(TYPES_URL, await generateTypes());
  console.log(`wrote ${TYPES_URL.pathname}`);
}
