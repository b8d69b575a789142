import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each test starts Prism, which takes about two seconds.
    testTimeout: 30_000,
  },
});
