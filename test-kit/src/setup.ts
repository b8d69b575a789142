// A vitest setup file (`setupFiles: ["@realtimekit-sessions/test-kit/setup"]`): the variables
// the client reads are unset in every test, so a developer's own values cannot leak into one,
// and a test that sets one with vi.stubEnv has it undone after.
import { beforeEach, vi } from "vitest";

const VARIABLES = [
  "CLOUDFLARE_API_TOKEN",
  "CLOUDFLARE_ACCOUNT_ID",
  "CLOUDFLARE_API_KEY",
  "CLOUDFLARE_EMAIL",
  "CLOUDFLARE_BASE_URL",
  "CLOUDFLARE_LOG",
  "REALTIMEKIT_APP_ID",
];

beforeEach(() => {
  for (const name of VARIABLES) vi.stubEnv(name, undefined);
});
