import { beforeEach, vi } from "vitest";

// The client reads these; a developer's own values must not leak into the tests.
const VARIABLES = [
  "CLOUDFLARE_API_TOKEN",
  "CLOUDFLARE_ACCOUNT_ID",
  "CLOUDFLARE_API_KEY",
  "CLOUDFLARE_EMAIL",
  "REALTIMEKIT_APP_ID",
];

beforeEach(() => {
  for (const name of VARIABLES) vi.stubEnv(name, undefined);
});
