import { createSessionsClient, type SessionsClient } from "@realtimekit-sessions/client";
import { inject } from "vitest";

export const ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
export const APP = "4f1d2b9c8e7a6d5c4b3a291807f6e5d4";
export const SESSION = "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d";
export const PARTICIPANT = "51fdf95f-d893-471a-922b-7db7adb14453";
export const PEER = "51fdf95f-d893-471a-922b-7db7adb14453";
export const TOKEN = "contract-test-token";

export interface RecordingClient {
  client: SessionsClient;
  /** Every response the mock sent to this client, in order. */
  responses: Response[];
}

/** Sends a request on, to the mock or elsewhere; `send` is the real fetch. */
export type Route = (request: Request, send: (request: Request) => Promise<Response>) => Promise<Response>;

/**
 * A client of the shared Prism mock that records the responses it gets, so a test can check
 * what Prism said about them (`sl-violations`). `route` may rewrite a request, or answer it.
 */
export function mockClient(route: Route = (request, send) => send(request)): RecordingClient {
  const responses: Response[] = [];
  const client = createSessionsClient({
    apiToken: TOKEN,
    accountId: ACCOUNT,
    appId: APP,
    baseUrl: inject("mockUrl"),
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
