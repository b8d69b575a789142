import { defineConfig } from "vitest/config";
import { HANG_GUARD } from "../vitest.shared.js";

export default defineConfig({
  test: {
    ...HANG_GUARD,
    // Pack what turbo built: a prepack rebuilding dist would empty it under the other packages'
    // tests. packages.test.ts packs an unbuilt copy with scripts on, to prove prepack.
    env: { npm_config_ignore_scripts: "true" },
  },
});
