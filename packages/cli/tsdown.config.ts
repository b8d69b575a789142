import { readFileSync } from "node:fs";
import { defineConfig } from "tsdown";

const { version } = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8"));

export default defineConfig({
  // One entry; what only some commands need is split into chunks they import when they run.
  entry: { cli: "src/bin.ts" },
  format: "esm",
  platform: "node",
  fixedExtension: false,
  dts: false,
  sourcemap: true,
  define: { __CLI_VERSION__: JSON.stringify(version) },
});
