// The mock in dynamic mode: answers generated from the spec's schemas, different on every
// call. Prism checks each answer it makes against the spec (--errors turns a violation into a
// 500), and the client must take each one: a dynamic mock is only useful if both hold.
import { startMockServer } from "@realtimekit-sessions/mock";
import { afterAll, beforeAll, expect, test } from "vitest";
import { CALLS, OPERATION_IDS } from "../support/cases.js";
import { mockClient, violations } from "../support/client.js";

const ROUNDS = 10;
let mock: Awaited<ReturnType<typeof startMockServer>>;

beforeAll(async () => {
  mock = await startMockServer({ dynamic: true, errors: true });
});

afterAll(async () => {
  await mock?.close();
});

test.each(OPERATION_IDS)(
  "%s takes every answer a dynamic mock makes, and the mock finds none invalid",
  async (operation) => {
    const { client, responses } = mockClient(undefined, mock.url);
    const bodies = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const data = await CALLS[operation](client);
      bodies.add(JSON.stringify(data));
    }
    expect(responses.map((response) => response.status)).toEqual(Array(ROUNDS).fill(200));
    expect(responses.flatMap((response) => violations(response))).toEqual([]);
    // Dynamic, not the examples: the answers differ from one call to the next.
    expect(bodies.size).toBeGreaterThan(1);
  },
);
