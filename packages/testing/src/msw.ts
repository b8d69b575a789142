// For msw users: request handlers that hand every request for a fake's API and storage host to
// it. The fake is the main entry's, the same `createFakeApi` and the same `FakeApi`; msw is an
// optional peer dependency, needed by this entry alone.
import { type HttpHandler, http } from "msw";
import type { FakeApi } from "./fake.js";

export * from "./index.js";

/**
 * msw handlers that answer every request for `fake`'s API and storage host with `fake.fetch`.
 *
 * @example
 * const fake = createFakeApi({ sessions: 3 });
 * const server = setupServer(...handlersFor(fake));
 */
export function handlersFor(fake: FakeApi): HttpHandler[] {
  const resolver = ({ request }: { request: Request }) => fake.fetch(request);
  return [http.all(`${fake.baseUrl}/*`, resolver), http.all(`${fake.storageUrl}/*`, resolver)];
}
