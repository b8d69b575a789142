import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";
import { HANG_GUARD } from "../../vitest.shared.js";

const { version } = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8"));

export default defineConfig({
  define: { __CLIENT_VERSION__: JSON.stringify(version) },
  test: {
    ...HANG_GUARD,
    setupFiles: ["@realtimekit-sessions/test-kit/setup"],
    unstubEnvs: true,
  },
});
