import { createSessionsClient, type SessionsClient } from "@realtimekit-sessions/client";
import { ACCOUNT, APP } from "@realtimekit-sessions/test-kit";
import { inject } from "vitest";

export { ACCOUNT, APP, PARTICIPANT, PEER, SESSION } from "@realtimekit-sessions/test-kit";
export const TOKEN = "contract-test-token";

export interface RecordingClient {
  client: SessionsClient;
  /** Every response the mock sent to this client, in order. */
  responses: Response[];
}

/** Sends a request on, to the mock or elsewhere; `send` is the real fetch. */
export type Route = (request: Request, send: (request: Request) => Promise<Response>) => Promise<Response>;

/**
 * A client of the shared Prism mock (or of the one at `baseUrl`) that records the responses it
 * gets, so a test can check what Prism said about them (`sl-violations`). `route` may rewrite
 * a request, or answer it.
 */
export function mockClient(
  route: Route = (request, send) => send(request),
  baseUrl: string = inject("mockUrl"),
): RecordingClient {
  const responses: Response[] = [];
  const client = createSessionsClient({
    apiToken: TOKEN,
    accountId: ACCOUNT,
    appId: APP,
    baseUrl,
    fetch: async (request) => {
      const response = await route(request, fetch);
      responses.push(response);
      return response;
    },
  });
  return { client, responses };
}

/** The validation problems Prism reported for a response, parsed from `sl-violations`. */
export function violations(
  response: Response | undefined,
): { location: string[]; code: string | number; message: string }[] {
  const header = response?.headers.get("sl-violations");
  return header ? JSON.parse(header) : [];
}
