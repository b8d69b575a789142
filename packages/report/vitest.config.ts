import { defineConfig } from "vitest/config";
import { HANG_GUARD } from "../../vitest.shared.js";

export default defineConfig({
  test: {
    ...HANG_GUARD,
    globalSetup: ["test/chromium-setup.ts"],
    setupFiles: ["@realtimekit-sessions/test-kit/setup"],
  },
});
