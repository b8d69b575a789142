// Generated requests against fake.fetch: any method, path, query, header and body. The fake
// never throws (but for a host it does not serve), never answers 5xx unless told to, and every
// answer to a documented path validates against the spec.
import { problemsOf } from "@realtimekit-sessions/spec/tools/answers";
import fc from "fast-check";
import { expect, test } from "vitest";
import { createFakeApi } from "../src/index.js";

const TOKEN = "property-token";
const fake = createFakeApi({ sessions: 12, apiToken: TOKEN, summaryPolls: 1 });
const first = fake.sessions[0];
const ids = [
  ...fake.sessions.slice(0, 3).map(({ session }) => session.id),
  first?.participants[0]?.id ?? "",
  first?.participants[0]?.peer_events?.[0]?.peer_id ?? "",
  "00000000-0000-4000-8000-000000000000",
];

const segment = fc.oneof(
  fc.constantFrom(
    ...ids,
    "peer-report",
    "participants",
    "chat",
    "transcript",
    "summary",
    "sessions",
    "",
    "..",
    "%",
    "%E0%A4%A",
  ),
  fc.string({ maxLength: 8 }).map(encodeURIComponent),
);
const paths = fc.oneof(
  fc.array(segment, { maxLength: 4 }).map((parts) => ["sessions", ...parts].join("/")),
  fc.constantFrom(
    "sessions",
    `sessions/${ids[0]}`,
    `sessions/${ids[0]}/participants`,
    `sessions/${ids[0]}/participants/${ids[3]}`,
    `sessions/${ids[0]}/chat`,
    `sessions/${ids[0]}/transcript`,
    `sessions/${ids[0]}/summary`,
    `sessions/peer-report/${ids[4]}`,
  ),
);
const queryValues = fc.oneof(
  fc.constantFrom(
    "",
    "0",
    "-1",
    "1e308",
    "NaN",
    "1.5",
    "true",
    "ENDED",
    "LIVE",
    "CSV",
    "json",
    "events",
    "events,",
    "1:10",
    "10:1",
    "2026-11-01T00:00:00Z",
  ),
  fc.string({ maxLength: 10 }),
);
const queries = fc.dictionary(
  fc.constantFrom(
    "page_no",
    "per_page",
    "status",
    "sort_by",
    "sort_order",
    "start_time",
    "end_time",
    "search",
    "associated_id",
    "participants",
    "include_breakout_rooms",
    "include_peer_events",
    "filters",
    "format",
    "view",
    "x",
  ),
  queryValues,
  { maxKeys: 4 },
);
/** Mostly `usual`, so that generated requests get past the gateway to the operations. */
const mostly = <T>(usual: T, ...others: T[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...others) });

const requests = fc.record({
  method: mostly("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"),
  account: mostly(fake.accountId, "0".repeat(32), "a".repeat(40)),
  app: mostly(fake.appId, "other-app"),
  path: paths,
  query: queries,
  token: mostly(`Bearer ${TOKEN}`, "Bearer other", "", "Basic x"),
  body: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  header: fc.tuple(
    fc.constantFrom("x-custom", "content-type", "accept"),
    fc.string({ maxLength: 10 }).filter((value) => /^[\x20-\x7e]*$/.test(value)),
  ),
});

test("any request: fake.fetch answers (never throws), never a 5xx, and documented paths answer as the spec says", async () => {
  await fc.assert(
    fc.asyncProperty(requests, async ({ method, account, app, path, query, token, body, header }) => {
      const url = `${fake.baseUrl}/accounts/${account}/realtime/kit/${app}/${path}?${new URLSearchParams(query)}`;
      const hasBody = body !== undefined && method !== "GET" && method !== "HEAD";
      const request = new Request(url, {
        method,
        headers: { ...(token ? { authorization: token } : {}), [header[0]]: header[1] },
        ...(hasBody ? { body } : {}),
      });
      const response = await fake.fetch(request.clone());
      expect(response.status, `${method} ${url}`).toBeLessThan(500);
      if (response.status !== 404 || !/Could not route/.test(await response.clone().text())) {
        const { problems, checked } = await problemsOf(request, response);
        if (checked) expect(problems, `${method} ${url}`).toEqual([]);
      }
    }),
    { seed: 20261130, numRuns: 600 },
  );
});
