// Bundles the client as a user's bundler would (esbuild, minified, browser platform), gzips
// it, prints the sizes, and fails above the budget of the main entry.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

// 6.5 KiB. It was 6 KiB until the client began refusing a session or participant without a field
// its types promise (issue 31): that check and its table of fields cost about 300 B, which the
// main entry did not have to spare (6,139 B before it).
const BUDGET = 6656;

/** @param {string} name @param {string} code */
async function measure(name, code) {
  const result = await build({
    stdin: { contents: code, resolveDir: import.meta.dirname, sourcefile: `${name}.js` },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "error",
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { name, minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

const sizes = [
  await measure("whole client (main entry)", 'export * from "@realtimekit-sessions/client";'),
  await measure(
    "one method (getSession)",
    'import { createSessionsClient } from "@realtimekit-sessions/client"; createSessionsClient().getSession("id");',
  ),
  await measure("downloads entry", 'export * from "@realtimekit-sessions/client/downloads";'),
  // The test kit is not shipped to production; its size is reported, not budgeted.
  await measure("testing (the fake)", 'export * from "@realtimekit-sessions/testing";'),
];
for (const { name, minified, gzipped } of sizes) {
  console.log(
    `${name.padEnd(28)} ${String(minified).padStart(6)} B minified, ${String(gzipped).padStart(5)} B gzipped`,
  );
}
const main = sizes[0]?.gzipped ?? Number.POSITIVE_INFINITY;
if (main > BUDGET) {
  console.error(`The main entry is ${main} B minified and gzipped, over its budget of ${BUDGET} B.`);
  process.exitCode = 1;
} else {
  console.log(`main entry within its budget: ${main} of ${BUDGET} B`);
}
