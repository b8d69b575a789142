import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Packing, installing from the registry, typechecking and starting Prism take seconds each.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
