import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts", "src/msw.ts", "src/serve.ts"],
  format: ["esm", "cjs"],
  // CommonJS on purpose, for require() and for TypeScript projects that compile to CommonJS (the
  // release checks install and run both): tsdown's advice to drop it does not apply.
  checks: { legacyCjs: false },
  // Web standards only: the fake runs wherever the client does (Node.js, Workers, Bun, Deno).
  // The serve entry alone imports node:http, left external for the runtime to provide.
  platform: "neutral",
  deps: { neverBundle: [/^node:/] },
  dts: true,
  sourcemap: true,
});
