import { defineConfig } from "vitest/config";

// Live mode (`pnpm contract:live`): see live/setup.ts. Not part of `pnpm test`, which proves
// live mode itself against local upstreams instead.
export default defineConfig({
  test: {
    globalSetup: ["./live/setup.ts"],
    include: ["live/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
