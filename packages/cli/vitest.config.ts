import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

const { version } = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8"));

export default defineConfig({
  define: { __CLI_VERSION__: JSON.stringify(version) },
  test: {
    setupFiles: ["@realtimekit-sessions/test-kit/setup"],
    // The subprocess tests run the built CLI as a user would; a loaded machine makes them slow.
    testTimeout: 60_000,
  },
});
