// A client of a fresh loopback server, for the tests of this package: the server answers
// with `reply`, records what it was sent, and closes when the test ends.
import { ACCOUNT, APP, startServer, type TestServer } from "@realtimekit-sessions/test-kit";
import { onTestFinished } from "vitest";
import { createSessionsClient, type SessionsClient, type SessionsClientOptions } from "../src/index.js";

export async function loopbackClient(
  reply: Parameters<typeof startServer>[0],
  options: SessionsClientOptions = {},
): Promise<{ client: SessionsClient; server: TestServer; requests: TestServer["requests"] }> {
  const server = await startServer(reply);
  onTestFinished(() => server.close());
  const client = createSessionsClient({
    apiToken: "loopback-token",
    accountId: ACCOUNT,
    appId: APP,
    baseUrl: server.url,
    retries: 0,
    ...options,
  });
  return { client, server, requests: server.requests };
}
