import { defineConfig } from "vitest/config";
import { HANG_GUARD } from "../vitest.shared.js";

// Live mode (`pnpm contract:live`): see live/setup.ts. Not part of `pnpm test`, which proves
// live mode itself against local upstreams instead.
export default defineConfig({
  test: {
    globalSetup: ["./live/setup.ts"],
    include: ["live/**/*.test.ts"],
    // A real API over the internet can be slow; only a hang ends a test.
    ...HANG_GUARD,
  },
});
