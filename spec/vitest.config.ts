import { HANG_GUARD } from "@realtimekit-sessions/test-kit/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...HANG_GUARD,
    include: ["test/**/*.test.ts"],
    setupFiles: ["@realtimekit-sessions/test-kit/setup"],
  },
});
