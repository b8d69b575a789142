import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  // CommonJS as well, for require() and for TypeScript projects that compile to CommonJS.
  checks: { legacyCjs: false, pluginTimings: false },
  // The page is rendered without a browser: Plot draws into linkedom's DOM, in any runtime.
  platform: "neutral",
  dts: true,
  sourcemap: true,
});
