// One pagination run, in its own process so its memory is its own. Prints a JSON result.
//   node --import tsx --expose-gc pagination-worker.ts <origin> <ours|sequential> <pages> <perPage> <latencyMs> <workMs>
import { setTimeout as sleep } from "node:timers/promises";
import { createSessionsClient, type ListSessionsQuery } from "@realtimekit-sessions/client";
import { ACCOUNT, APP, TOKEN } from "./harness.js";

const [origin = "", mode = "ours", pagesText = "10", perPageText = "100", latency = "10", workText = "0"] =
  process.argv.slice(2);
const pages = Number(pagesText);
const perPage = Number(perPageText);
const work = Number(workText);
const client = createSessionsClient({
  apiToken: TOKEN,
  accountId: ACCOUNT,
  appId: APP,
  baseUrl: `${origin}/client/v4`,
});
// The bench server reads its latency and total from the query; the client sends what it is given.
const query = { per_page: perPage, latency, total: pages * perPage } as ListSessionsQuery;

const heap: number[] = [];
const sample = () => {
  globalThis.gc?.();
  heap.push(process.memoryUsage().heapUsed / 1024 / 1024);
};

let sessions = 0;
const start = performance.now();
if (mode === "ours") {
  for await (const _ of client.iterateSessions(query)) {
    if (++sessions % perPage === 0) {
      if (work > 0) await sleep(work);
      if ((sessions / perPage) % Math.max(1, Math.floor(pages / 10)) === 0) sample();
    }
  }
} else {
  for (let page = 1; page <= pages; page++) {
    const { sessions: batch } = await client.listSessions({ ...query, page_no: page });
    sessions += batch.length;
    if (work > 0) await sleep(work);
    if (page % Math.max(1, Math.floor(pages / 10)) === 0) sample();
  }
}
const seconds = (performance.now() - start) / 1000;
process.stdout.write(
  JSON.stringify({
    sessions,
    seconds,
    heapFirst: heap[0],
    heapLast: heap.at(-1),
    maxRss: process.resourceUsage().maxRSS / 1024,
  }),
);
