// The two test kits side by side: how long each takes to be ready, and how many client calls a
// second go through it. The fake answers in process; Prism answers over loopback HTTP from its
// own process. Calls are sequential, as a test makes them.
import { createSessionsClient, type SessionsClient } from "@realtimekit-sessions/client";
import { startMockServer } from "@realtimekit-sessions/mock";
import { createFakeApi } from "@realtimekit-sessions/testing";
import { ACCOUNT, APP, SESSION, type Summary, summarize, TOKEN } from "./harness.js";

export interface KitResult {
  /** Milliseconds from the call to the first answer: the fake's first page, or Prism's start. */
  ready: Record<"fake, 10 sessions" | "fake, 1,000 sessions" | "fake, 10,000 sessions" | "Prism mock", Summary>;
  /** Client calls per second, getSession and listSessions alternating, 100 sessions. */
  callsPerSecond: Record<"fake" | "Prism mock", Summary>;
  /** Client calls per second against a fake of 10,000 sessions. */
  large: Record<"getSession, listSessions and listParticipants in turn" | "listSessions alone", Summary>;
}

export interface KitOptions {
  /** Creations of the fake measured per size. */
  fakeReadies: number;
  /** Prism starts measured. */
  prismStarts: number;
  /** Calls per throughput sample. */
  calls: number;
  /** Throughput samples per kit. */
  rounds: number;
}

async function callsPerSecond(client: SessionsClient, calls: number): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < calls; index++) {
    if (index % 2 === 0) await client.getSession(SESSION);
    else await client.listSessions({ per_page: 10 });
  }
  return calls / ((performance.now() - started) / 1000);
}

/** Calls per second through the client against a fake of 10,000 sessions. */
async function atTenThousand(options: KitOptions): Promise<KitResult["large"]> {
  const fake = createFakeApi({ sessions: 10_000, apiToken: TOKEN });
  const client = createSessionsClient({
    apiToken: TOKEN,
    accountId: fake.accountId,
    appId: fake.appId,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
  });
  const ids = fake.sessions.slice(0, 50).map(({ session }) => session.id);
  const calls: Record<keyof KitResult["large"], (index: number) => Promise<unknown>> = {
    "getSession, listSessions and listParticipants in turn": (index) =>
      index % 3 === 0
        ? client.getSession(ids[index % 50] ?? "")
        : index % 3 === 1
          ? client.listSessions({ per_page: 10 })
          : client.listParticipants(ids[index % 50] ?? ""),
    "listSessions alone": () => client.listSessions({ per_page: 10 }),
  };
  const rate = async (call: (index: number) => Promise<unknown>) => {
    const started = performance.now();
    for (let index = 0; index < options.calls; index++) await call(index);
    return options.calls / ((performance.now() - started) / 1000);
  };
  const samples = Object.fromEntries(Object.keys(calls).map((name) => [name, [] as number[]])) as Record<
    keyof KitResult["large"],
    number[]
  >;
  for (const call of Object.values(calls)) await rate(call);
  for (let round = 0; round < options.rounds; round++) {
    for (const [name, call] of Object.entries(calls) as [
      keyof KitResult["large"],
      (index: number) => Promise<unknown>,
    ][]) {
      samples[name].push(await rate(call));
    }
  }
  return {
    "getSession, listSessions and listParticipants in turn": summarize(
      samples["getSession, listSessions and listParticipants in turn"],
    ),
    "listSessions alone": summarize(samples["listSessions alone"]),
  };
}

export async function benchTestKits(options: KitOptions): Promise<KitResult> {
  const readyFake = async (sessions: number) => {
    const times: number[] = [];
    // The first creation pays for compiling the module's code, as a test file's first test does.
    for (let index = 0; index < options.fakeReadies + 1; index++) {
      const started = performance.now();
      const fake = createFakeApi({ sessions, seed: index, apiToken: TOKEN });
      const answer = await fake.fetch(
        `${fake.baseUrl}/accounts/${fake.accountId}/realtime/kit/${fake.appId}/sessions`,
        {
          headers: { authorization: `Bearer ${TOKEN}` },
        },
      );
      await answer.arrayBuffer();
      times.push(performance.now() - started);
    }
    return summarize(times.slice(1));
  };
  const small = await readyFake(10);
  const medium = await readyFake(1_000);
  const large = await readyFake(10_000);

  const starts: number[] = [];
  for (let index = 0; index < options.prismStarts; index++) {
    const started = performance.now();
    const mock = await startMockServer();
    starts.push(performance.now() - started);
    await mock.close();
  }

  const fake = createFakeApi({ accountId: ACCOUNT, appId: APP, sessions: [{ id: SESSION }, ...Array(99).fill({})] });
  const fakeClient = createSessionsClient({
    apiToken: TOKEN,
    accountId: ACCOUNT,
    appId: APP,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
  });
  const mock = await startMockServer();
  const prismSamples: number[] = [];
  const fakeSamples: number[] = [];
  try {
    const prismClient = createSessionsClient({ apiToken: TOKEN, accountId: ACCOUNT, appId: APP, baseUrl: mock.url });
    // Warm-up round, not counted; then the two interleaved.
    await callsPerSecond(fakeClient, options.calls);
    await callsPerSecond(prismClient, Math.min(options.calls, 100));
    for (let round = 0; round < options.rounds; round++) {
      fakeSamples.push(await callsPerSecond(fakeClient, options.calls));
      prismSamples.push(await callsPerSecond(prismClient, Math.min(options.calls, 500)));
    }
  } finally {
    await mock.close();
  }
  return {
    ready: {
      "fake, 10 sessions": small,
      "fake, 1,000 sessions": medium,
      "fake, 10,000 sessions": large,
      "Prism mock": summarize(starts),
    },
    callsPerSecond: { fake: summarize(fakeSamples), "Prism mock": summarize(prismSamples) },
    large: await atTenThousand(options),
  };
}
