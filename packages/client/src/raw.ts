// The underlying openapi-fetch client, for anything the methods do not cover: its own entry
// point (`@realtimekit-sessions/client/raw`), so that only its users pay for it.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { RealtimeKitArgumentError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { resolveSettings, type SessionsClientOptions } from "./options.js";

export interface RawClientOptions extends SessionsClientOptions {
  /** openapi-fetch middleware, run on every request and response in order. */
  middleware?: Middleware[] | undefined;
}

/**
 * An openapi-fetch client of the Sessions API with the base URL, credentials and headers a
 * `createSessionsClient()` with the same options would use. It returns `{ data, error,
 * response }` instead of throwing, and neither retries nor times out.
 *
 * @example
 * const raw = createRawClient({ apiToken, accountId, appId });
 * const { data, error } = await raw.GET("/accounts/{account_id}/realtime/kit/{app_id}/sessions", {
 *   params: { path: { account_id: accountId, app_id: appId } },
 * });
 */
export function createRawClient(options: RawClientOptions = {}): Client<paths> {
  const { baseUrl, fetch, headers } = resolveSettings(options);
  const raw = createClient<paths>({ baseUrl, fetch: fetch ?? ((request) => globalThis.fetch(request)), headers });
  if (options.middleware !== undefined) {
    if (!Array.isArray(options.middleware)) {
      throw new RealtimeKitArgumentError("middleware", "middleware must be a list of openapi-fetch middleware");
    }
    raw.use(...options.middleware);
  }
  return raw;
}

/** Reading the rate-limit state from any answer: for middleware and tools that pace themselves. */
export { type RateLimit, rateLimitOf, retryAfterMs } from "./rate-limit.js";
