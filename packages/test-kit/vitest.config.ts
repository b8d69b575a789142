import { defineConfig } from "vitest/config";
import { HANG_GUARD } from "./src/vitest.js";

export default defineConfig({ test: { ...HANG_GUARD } });
