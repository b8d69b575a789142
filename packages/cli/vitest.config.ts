import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["@realtimekit-sessions/test-kit/setup"],
    // Each test runs the built CLI as a process, as a user would.
    testTimeout: 30_000,
  },
});
