import { readFileSync } from "node:fs";
import { defineConfig } from "tsdown";

const { version } = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8"));

export default defineConfig({
  entry: ["src/index.ts", "src/downloads.ts", "src/webhooks.ts", "src/raw.ts", "src/operations.ts", "src/pacing.ts"],
  format: ["esm", "cjs"],
  // CommonJS on purpose, for require() and for TypeScript projects that compile to CommonJS (the
  // release checks install and run both): tsdown's advice to drop it does not apply.
  checks: { legacyCjs: false },
  platform: "neutral",
  dts: true,
  sourcemap: true,
  define: { __CLIENT_VERSION__: JSON.stringify(version) },
});
