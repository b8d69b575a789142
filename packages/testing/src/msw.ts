// For msw users: the same fake, with request handlers that hand every request for the fake's
// API and storage host to it. msw is an optional peer dependency, needed by this entry alone.
import { type HttpHandler, http } from "msw";
import { createFakeApi as createFake, type FakeApi, type FakeApiOptions } from "./fake.js";

export * from "./index.js";

export interface FakeApiWithHandlers extends FakeApi {
  /** msw handlers for the fake's API and storage host: `setupServer(...fake.handlers)`. */
  readonly handlers: readonly HttpHandler[];
}

/**
 * The fake of `@realtimekit-sessions/testing`, with msw handlers.
 *
 * @example
 * const fake = createFakeApi({ sessions: 3 });
 * const server = setupServer(...fake.handlers);
 */
export function createFakeApi(options?: FakeApiOptions): FakeApiWithHandlers {
  const fake = createFake(options);
  const resolver = ({ request }: { request: Request }) => fake.fetch(request);
  return Object.assign(fake, {
    handlers: [http.all(`${fake.baseUrl}/*`, resolver), http.all(`${fake.storageUrl}/*`, resolver)],
  });
}
