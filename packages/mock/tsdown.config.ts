import { createRequire } from "node:module";
import { defineConfig } from "tsdown";

const require = createRequire(import.meta.url);

export default defineConfig({
  // guard.ts runs as its own process, between the caller and Prism.
  entry: ["src/index.ts", "src/guard.ts"],
  format: ["esm", "cjs"],
  // CommonJS on purpose, for require() and for TypeScript projects that compile to CommonJS (the
  // release checks install and run both): tsdown's advice to drop it does not apply.
  checks: { legacyCjs: false },
  platform: "node",
  // The CommonJS build finds its files (the spec, the guard) as the ES module does.
  shims: true,
  fixedExtension: false,
  dts: true,
  sourcemap: true,
  // The published mock serves the spec it was built with: dist/openapi.yaml.
  copy: [{ from: require.resolve("@realtimekit-sessions/spec/openapi.yaml"), to: "dist", flatten: true }],
});
