import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts", "src/msw.ts"],
  format: ["esm", "cjs"],
  // Web standards only: the fake runs wherever the client does (Node.js, Workers, Bun, Deno).
  platform: "neutral",
  dts: true,
  sourcemap: true,
});
