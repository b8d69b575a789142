import { defineConfig } from "vitest/config";
import { HANG_GUARD } from "../vitest.shared.js";

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
