// The export's pacer in virtual time: every test runs thousands of requests against a limiter
// that keeps Cloudflare's headers, exactly and instantly.
import { describe, expect, test } from "vitest";
import { createPacer, FALLBACK_WAIT_MS, MAX_WAIT_MS } from "../src/export/pacer.js";
import { type VirtualClock, virtualClock } from "./io.js";

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

function setup(options: { concurrency?: number; maxShare?: number; latencyMs?: number } = {}) {
  const clock = virtualClock();
  const controller = new AbortController();
  const pacer = createPacer({
    concurrency: options.concurrency ?? 8,
    maxShare: options.maxShare ?? 1,
    apiBase: API,
    clock,
    signal: controller.signal,
    timeoutMs: 60_000,
  });
  const latency = options.latencyMs ?? 50;
  const via = (answer: () => Response) =>
    pacer.wrap(async () => {
      await clock.sleep(latency);
      return answer();
    });
  return { clock, pacer, controller, via };
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

  test("uses at most --max-share of each window, and a second client of the token is never refused", async () => {
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
  ])("Ratelimit %s with Ratelimit-Policy %s: every request goes out", async (limit, policy) => {
    const { clock, via } = setup();
    const fetch = via(() => new Response("{}", { headers: { ratelimit: limit, "ratelimit-policy": policy } }));

    const statuses = await clock.run(send(fetch, 20));

    expect(statuses).toHaveLength(20);
    // At worst one request per fallback wait.
    expect(clock.now() - Date.UTC(2026, 10, 1)).toBeLessThanOrEqual(20 * (FALLBACK_WAIT_MS + 50));
  });

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
  const fetch = pacer.wrap(async () => {
    most = Math.max(most, ++inFlight);
    await clock.sleep(10);
    inFlight--;
    return new Response("{}");
  });

  await clock.run(send(fetch, 30));

  expect(most).toBe(3);
  expect(pacer.stats).toEqual({ requests: 30, limited: 0 });
});

test("requests to the storage host are neither paced nor counted", async () => {
  const { clock, pacer } = setup({ concurrency: 1 });
  const fetch = pacer.wrap(async () => new Response("file", { headers: { ratelimit: '"default";r=0;t=600' } }));

  await clock.run(Promise.all([1, 2, 3].map(() => fetch(new Request("https://storage.example.test/file.csv")))));

  expect(pacer.stats.requests).toBe(0);
  expect(clock.now()).toBe(Date.UTC(2026, 10, 1));
});
