import { HANG_GUARD } from "@realtimekit-sessions/test-kit/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...HANG_GUARD,
    globalSetup: ["./setup/mock.ts"],
    include: ["test/**/*.test.ts"],
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
  },
});
