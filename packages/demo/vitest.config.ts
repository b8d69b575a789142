import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each test runs the demo as its own process, which starts Prism.
    testTimeout: 60_000,
  },
});
