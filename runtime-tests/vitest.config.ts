import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["@realtimekit-sessions/test-kit/setup"],
  },
});
