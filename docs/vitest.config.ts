import { HANG_GUARD } from "@realtimekit-sessions/test-kit/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { ...HANG_GUARD } });
