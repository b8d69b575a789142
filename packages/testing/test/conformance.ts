// A client of the fake that checks every API answer against the spec on its way.
import { createSessionsClient, type SessionsClient } from "@realtimekit-sessions/client";
import { type Checked, problemsOf } from "@realtimekit-sessions/spec/tools/answers";
import type { FakeApi } from "../src/index.js";

/**
 * A client of the fake whose every API answer is checked against the spec on the way: the
 * problems and the operations and statuses checked are collected for the test to assert on.
 */
export function conformingClient(fake: FakeApi, options: { apiToken?: string; retries?: number } = {}) {
  const problems: string[] = [];
  const checked: Checked[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const response = await fake.fetch(request);
    if (!request.url.startsWith(`${fake.storageUrl}/`)) {
      const result = await problemsOf(request, response);
      problems.push(...result.problems);
      if (result.checked) checked.push(result.checked);
    }
    return response;
  };
  const client: SessionsClient = createSessionsClient({
    apiToken: options.apiToken ?? "test-token",
    accountId: fake.accountId,
    appId: fake.appId,
    baseUrl: fake.baseUrl,
    fetch,
    retries: options.retries ?? 0,
  });
  return { client, fetch, problems, checked };
}
