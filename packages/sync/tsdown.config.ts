import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts"],
  format: "esm",
  // PGlite and the Node.js modules the embedded database needs are imported when a directory
  // is opened, so a Worker that passes its own driver never loads them.
  platform: "neutral",
  dts: true,
  sourcemap: true,
});
