// The pacer in virtual time: every test runs thousands of requests against a limiter that keeps
// Cloudflare's headers, exactly and instantly. A request takes its turn, waits for its answer,
// and hands the answer back, as the client does around each attempt.
import { getEventListeners } from "node:events";
import { ACCOUNT, APP, rejectionOf, SESSION, type VirtualClock, virtualClock } from "@realtimekit-sessions/test-kit";
import fc from "fast-check";
import { describe, expect, test, vi } from "vitest";
import { createDownloads } from "../src/downloads.js";
import { createSessionsClient, RealtimeKitTimeoutError, type SessionsClientOptions } from "../src/index.js";
import { createPacer, MAX_WAIT_MS, type Pacer, type PacerOptions, type PacerWait } from "../src/pacing.js";

const API = "https://api.example.test/client/v4";

interface Limiter {
  answer(): Response;
  /** When each window began, and how many requests each client sent in it. */
  windows: { start: number; counts: Record<string, number> }[];
  refused: Record<string, number>;
}

/**
 * An allowance of `quota` requests per `windowMs`, counted from the first request after the
 * last window ended, answered as the fake and Cloudflare's API do: `t` rounded up to whole seconds.
 */
function limiter(clock: VirtualClock, quota: number, windowMs: number): Limiter & { take(client: string): Response } {
  const windows: Limiter["windows"] = [];
  const refused: Record<string, number> = {};
  let used = 0;
  const take = (client: string) => {
    const now = clock.now();
    let current = windows.at(-1);
    if (!current || now >= current.start + windowMs) {
      current = { start: now, counts: {} };
      windows.push(current);
      used = 0;
    }
    const allowed = used < quota;
    if (allowed) {
      used++;
      current.counts[client] = (current.counts[client] ?? 0) + 1;
    } else refused[client] = (refused[client] ?? 0) + 1;
    const reset = Math.max(1, Math.ceil((current.start + windowMs - now) / 1000));
    const headers = {
      ratelimit: `"default";r=${quota - used};t=${reset}`,
      "ratelimit-policy": `"default";q=${quota};w=${windowMs / 1000}`,
      ...(allowed ? {} : { "retry-after": String(reset) }),
    };
    return new Response(allowed ? "{}" : null, { status: allowed ? 200 : 429, headers });
  };
  return { take, answer: () => take("export"), windows, refused };
}

function setup(options: { concurrency?: number; maxShare?: number; latencyMs?: number } & PacerOptions = {}) {
  const clock = virtualClock();
  const controller = new AbortController();
  const waits: PacerWait[] = [];
  const pacer = createPacer({
    concurrency: 8,
    maxShare: 1,
    clock,
    signal: controller.signal,
    onWait: (wait) => waits.push(wait),
    ...options,
  });
  const latency = options.latencyMs ?? 50;
  /** A fetch whose every request takes its turn from the pacer, as the client's attempts do. */
  const via =
    (answer: () => Response) =>
    async (request: Request): Promise<Response> => {
      const heard = await pacer.turn(request.signal);
      await clock.sleep(latency);
      const response = answer();
      heard(response);
      return response;
    };
  return { clock, pacer, controller, via, waits };
}

/** `count` requests through `fetch`, `concurrency` workers at a time, as the export sends them. */
async function send(fetch: (request: Request) => Promise<Response>, count: number, workers = 64) {
  let next = 0;
  const statuses: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count) {
        next++;
        statuses.push((await fetch(new Request(`${API}/sessions`))).status);
      }
    }),
  );
  return statuses;
}

describe("under a rate limit", () => {
  test("sends 1,000 requests at 250 per 10 s within 5% of the least time the allowance permits, with no 429", async () => {
    const { clock, via } = setup();
    const api = limiter(clock, 250, 10_000);
    const started = clock.now();

    const statuses = await clock.run(send(via(api.answer), 1000));

    const minimum = (1000 / 250) * 10_000;
    expect(statuses.filter((status) => status === 429)).toHaveLength(0);
    expect(clock.now() - started).toBeLessThanOrEqual(1.05 * minimum);
  });

  test("starts each window at the earliest reset any answer reported, not a rounded-up second later", async () => {
    const { clock, via } = setup();
    const api = limiter(clock, 100, 5_000);

    await clock.run(send(via(api.answer), 600));

    const gaps = api.windows.slice(1).map((window, index) => window.start - ((api.windows[index]?.start ?? 0) + 5_000));
    expect(gaps).toHaveLength(5);
    // One answer's latency at most: the old pacer trusted the latest answer's whole seconds.
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(50);
  });

  test("uses at most maxShare of each window, and a second client of the token is never refused", async () => {
    const { clock, via } = setup({ maxShare: 0.8 });
    const api = limiter(clock, 250, 10_000);
    const other = async () => {
      // The production app: 40 requests a window, one every 250 ms, for the whole export.
      const statuses: number[] = [];
      for (let sent = 0; sent < 200; sent++) {
        await clock.sleep(250);
        statuses.push(api.take("production").status);
      }
      return statuses;
    };

    const [, production] = await clock.run(Promise.all([send(via(api.answer), 900), other()]));

    expect(production.filter((status) => status === 429)).toHaveLength(0);
    for (const window of api.windows) expect(window.counts.export ?? 0).toBeLessThanOrEqual(200);
    expect(api.refused.export ?? 0).toBe(0);
  });

  test("waits for Retry-After after a 429", async () => {
    const { clock, via } = setup({ concurrency: 1 });
    const sent: number[] = [];
    const answers = [
      () => new Response(null, { status: 429, headers: { "retry-after": "3" } }),
      () => new Response("{}", { status: 200 }),
    ];
    const fetch = via(() => {
      sent.push(clock.now());
      return (answers[sent.length - 1] ?? (() => new Response("{}")))();
    });

    await clock.run(send(fetch, 2, 1));

    expect((sent[1] ?? 0) - (sent[0] ?? 0)).toBeGreaterThanOrEqual(3_050);
  });
});

describe("headers that make no sense never stop progress", () => {
  test.each([
    ['"default";r=0;t=0', '"default";q=0;w=0'],
    ['"default";r=0;t=-5', '"default";q=-1;w=10'],
    ['"default";r=0;t=NaN', '"default";q=1e300;w=1e300'],
    ['"default";r=1e300;t=1', ""],
  ])(
    "Ratelimit %s with Ratelimit-Policy %s on every 200: every request goes out, and none waits",
    async (limit, policy) => {
      const { clock, via, waits } = setup();
      const fetch = via(() => new Response("{}", { headers: { ratelimit: limit, "ratelimit-policy": policy } }));

      const statuses = await clock.run(send(fetch, 20));

      expect(statuses).toHaveLength(20);
      expect(waits).toEqual([]);
      // The first request finds out alone; then eight at a time, 50 ms each.
      expect(clock.now() - Date.UTC(2026, 10, 1)).toBeLessThanOrEqual(4 * 50);
    },
  );

  test("a reset days away waits at most MAX_WAIT_MS before asking again", async () => {
    const { clock, via } = setup({ concurrency: 1 });
    const fetch = via(() => new Response("{}", { headers: { ratelimit: '"default";r=0;t=86400' } }));

    await clock.run(send(fetch, 3, 1));

    expect(clock.now() - Date.UTC(2026, 10, 1)).toBeLessThanOrEqual(2 * MAX_WAIT_MS + 1_000);
  });

  test("an interrupt ends every wait at once", async () => {
    const { clock, controller, via } = setup();
    const fetch = via(() => new Response("{}", { headers: { ratelimit: '"default";r=0;t=600' } }));
    const first = await clock.run(fetch(new Request(`${API}/sessions`)));
    const waiting = Promise.allSettled([fetch(new Request(`${API}/a`)), fetch(new Request(`${API}/b`))]);

    controller.abort(new Error("Interrupted"));
    const settled = await clock.run(waiting);

    expect(first.status).toBe(200);
    expect(settled.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(clock.now() - Date.UTC(2026, 10, 1)).toBeLessThan(1_000);
  });
});

test("an API that reports no limit is paced only by the concurrency ceiling", async () => {
  const { clock, pacer } = setup({ concurrency: 3 });
  let inFlight = 0;
  let most = 0;
  const fetch = async () => {
    const heard = await pacer.turn(undefined);
    most = Math.max(most, ++inFlight);
    await clock.sleep(10);
    inFlight--;
    const response = new Response("{}");
    heard(response);
    return response;
  };

  await clock.run(send(fetch, 30));

  expect(most).toBe(3);
  expect(pacer.stats).toEqual({ requests: 30, limited: 0 });
});

test("a wait for a window is announced once, with its length and reason, not once per waiting request", async () => {
  const { clock, via, waits } = setup();
  const api = limiter(clock, 10, 60_000);

  await clock.run(send(via(api.answer), 25));

  expect(waits.map((wait) => wait.reason)).toEqual(["spent", "spent"]);
  for (const wait of waits) expect(wait.ms).toBeGreaterThan(59_000);
});

test("a turn given up by its own signal leaves no listener on it, and frees no one else's place", async () => {
  const { clock, pacer, via } = setup({ concurrency: 1 });
  const fetch = via(() => new Response("{}", { headers: { ratelimit: '"default";r=0;t=60' } }));
  await clock.run(fetch(new Request(`${API}/first`)));
  const caller = new AbortController();

  const waiting = pacer.turn(caller.signal);
  caller.abort(new Error("the caller gave up"));
  const outcome = await clock.run(
    waiting.then(
      () => "granted",
      (error: Error) => error.message,
    ),
  );

  expect(outcome).toBe("the caller gave up");
  expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  expect(pacer.stats.requests).toBe(1);
});

describe("options a pacer cannot work with are refused", () => {
  test.each([
    [{ concurrency: 0 }, "concurrency"],
    [{ concurrency: 1.5 }, "concurrency"],
    [{ maxShare: 0 }, "maxShare"],
    [{ maxShare: 1.2 }, "maxShare"],
    [{ maxShare: Number.NaN }, "maxShare"],
  ])("%o", (options, argument) => {
    expect(() => createPacer(options)).toThrow(expect.objectContaining({ name: "RealtimeKitArgumentError", argument }));
  });
});

describe("in the client: waiting for a turn is no part of an attempt", () => {
  const SESSIONS = JSON.stringify({ success: true, data: { sessions: [] } });
  const clientOf = (fetch: (request: Request) => Promise<Response>, options: SessionsClientOptions) =>
    createSessionsClient({ apiToken: "pacing-token", accountId: ACCOUNT, appId: APP, fetch, ...options });

  test("a request slow after it was sent ends in RealtimeKitTimeoutError, and frees its place", async () => {
    const pacer = createPacer({ concurrency: 1 });
    let sent = 0;
    const hanging = (request: Request) => {
      sent++;
      return new Promise<Response>((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      );
    };
    const client = clientOf(hanging, { pacer, timeoutMs: 20, retries: 1, retryDelayMs: 0 });

    const error = await rejectionOf(client.listSessions(), RealtimeKitTimeoutError);

    expect(error.message).toBe("listSessions: no complete answer within 20 ms (after 2 attempts)");
    expect([sent, pacer.stats.requests]).toEqual([2, 2]);
  });

  test("a request that waited its turn longer than timeoutMs is sent, and answered", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: Date.UTC(2026, 10, 1) });
    try {
      const sentAt: number[] = [];
      const fetch = async () => {
        sentAt.push(Date.now());
        // The window is spent for the next 5 s: the second call waits five times its timeout.
        return new Response(SESSIONS, { headers: { ratelimit: '"default";r=0;t=5' } });
      };
      const client = clientOf(fetch, { pacer: createPacer(), timeoutMs: 1_000, retries: 0 });

      await client.listSessions();
      const second = client.listSessions();
      await vi.advanceTimersByTimeAsync(5_000);

      await expect(second).resolves.toEqual({ sessions: [], paging: undefined });
      expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBe(5_000);
    } finally {
      vi.useRealTimers();
    }
  });

  test("a library bulk job: two clients share one pacer, and together are never refused", async () => {
    const clock = virtualClock();
    const api = limiter(clock, 20, 10_000);
    const pacer = createPacer({ clock, maxShare: 1 });
    const fetch = async () => {
      const answer = api.take("job");
      return answer.ok ? new Response(SESSIONS, { headers: answer.headers }) : answer;
    };
    const clients = [clientOf(fetch, { pacer }), clientOf(fetch, { pacer })];

    const pages = await clock.run(
      Promise.all(Array.from({ length: 100 }, (_, index) => clients[index % 2]?.listSessions())),
    );

    expect(pages).toHaveLength(100);
    expect(api.refused).toEqual({});
    expect(pacer.stats).toEqual({ requests: 100, limited: 0 });
    // Five windows of 20: the least time the allowance permits.
    expect(api.windows).toHaveLength(5);
  });

  test("a download takes a turn for its link from the API, none for the file from the storage host", async () => {
    const pacer = createPacer();
    const fetch = async (request: Request) =>
      request.url.startsWith("https://storage.example.test/")
        ? new Response("a,b\n1,2\n", { headers: { ratelimit: '"default";r=0;t=600' } })
        : new Response(
            JSON.stringify({
              success: true,
              data: {
                chat_download_url: "https://storage.example.test/chat.csv",
                chat_download_url_expiry: "2999-01-01T00:00:00Z",
              },
            }),
          );
    const downloads = createDownloads(clientOf(fetch, { pacer }));

    const chunks: Uint8Array[] = [];
    for await (const chunk of downloads.downloadFile(SESSION, "chat")) chunks.push(chunk);

    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe("a,b\n1,2\n");
    expect(pacer.stats.requests).toBe(1);
  });

  test("a pacer without turn() is refused when the client is made", () => {
    const pacer = { stats: {} } as unknown as Pacer;
    expect(() => clientOf(fetch, { pacer })).toThrow("pacer must be a Pacer");
  });
});

describe("any answers, any headers: the pacer never stalls and never overfills", () => {
  const header = fc.oneof(
    fc.constant(""),
    fc.string({ maxLength: 20 }),
    fc
      .tuple(
        fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constantFrom(1e300, Number.NaN, -1e9)),
        fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.constantFrom(1e300, Number.NaN)),
      )
      .map(([a, b]) => `"default";r=${a};t=${b}`),
  );
  const answer = fc.record({
    status: fc.constantFrom(200, 200, 200, 429, 503),
    ratelimit: header,
    policy: fc.oneof(
      fc.constant(""),
      fc
        .tuple(fc.integer({ min: -5, max: 2_000_000 }), fc.integer({ min: -5, max: 100_000 }))
        .map(([q, w]) => `"default";q=${q};w=${w}`),
    ),
    retryAfter: fc.oneof(fc.constant(undefined), fc.constantFrom("0", "3", "-1", "x", "99999999")),
  });

  test("every request goes out, at most `concurrency` at once, and no wait exceeds MAX_WAIT_MS", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.array(answer, { minLength: 1, maxLength: 40 }),
        async (concurrency, maxShare, answers) => {
          const clock = virtualClock();
          const waits: PacerWait[] = [];
          const pacer = createPacer({ concurrency, maxShare, clock, onWait: (wait) => waits.push(wait) });
          let inFlight = 0;
          let most = 0;
          let next = 0;
          const request = async () => {
            const heard = await pacer.turn(undefined);
            most = Math.max(most, ++inFlight);
            const given = answers[next++ % answers.length] as (typeof answers)[number];
            await clock.sleep(10);
            inFlight--;
            const headers = new Headers();
            if (given.ratelimit) headers.set("ratelimit", given.ratelimit);
            if (given.policy) headers.set("ratelimit-policy", given.policy);
            if (given.retryAfter !== undefined) headers.set("retry-after", given.retryAfter);
            heard(new Response(null, { status: given.status, headers }));
          };
          const count = answers.length;
          const started = clock.now();

          // A deadlock (no turn ever granted) makes run() throw.
          await clock.run(Promise.all(Array.from({ length: count }, request)));

          expect(pacer.stats.requests).toBe(count);
          expect(most).toBeLessThanOrEqual(concurrency);
          for (const wait of waits) expect(wait.ms).toBeGreaterThan(0);
          for (const wait of waits) expect(wait.ms).toBeLessThanOrEqual(MAX_WAIT_MS);
          // However contradictory the headers, no request waits more than one longest wait.
          expect(clock.now() - started).toBeLessThanOrEqual(count * (MAX_WAIT_MS + 10));
        },
      ),
      { seed: 20261206, numRuns: 200 },
    );
  });
});
