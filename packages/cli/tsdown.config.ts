import { readFileSync } from "node:fs";
import { defineConfig } from "tsdown";

const { version } = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8"));

export default defineConfig({
  entry: ["src/cli.ts"],
  format: "esm",
  platform: "node",
  fixedExtension: false,
  dts: false,
  sourcemap: true,
  define: { __CLI_VERSION__: JSON.stringify(version) },
});
