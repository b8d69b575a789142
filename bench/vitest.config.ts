import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The smallest case of each benchmark still spawns processes and bundles the SDK.
    testTimeout: 120_000,
  },
});
