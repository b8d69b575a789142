import { defineConfig } from "tsdown";

export default defineConfig({
  // The Workers entry (the `workerd` and `worker` conditions) leaves out PGlite and the openers
  // that need a file system: a Worker passes its D1 binding or Hyperdrive's postgres sql.
  entry: ["src/index.ts", "src/worker.ts"],
  format: ["esm", "cjs"],
  // CommonJS as well, for require() and for TypeScript projects that compile to CommonJS, as the
  // client does: tsdown's advice to drop it does not apply.
  checks: { legacyCjs: false, pluginTimings: false },
  // PGlite and the Node.js modules the embedded database needs are imported when a directory
  // is opened, so a Worker that passes its own driver never loads them.
  platform: "neutral",
  deps: { neverBundle: [/^node:/] },
  dts: true,
  sourcemap: true,
});
