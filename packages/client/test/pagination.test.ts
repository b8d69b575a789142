import { expect, test } from "vitest";
import { RealtimeKitError } from "../src/errors.js";
import { type Page, paginate } from "../src/pagination.js";

/** A loader serving `pages` (page numbers from 1) and recording which it was asked for. */
function pagesOf(pages: Page<number>[]) {
  const asked: number[] = [];
  const load = async (pageNo: number) => {
    asked.push(pageNo);
    return pages[pageNo - 1] ?? { items: [], total: undefined };
  };
  return { asked, load };
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

test("stops at an empty page", async () => {
  const { asked, load } = pagesOf([
    { items: [1, 2], total: undefined },
    { items: [3, 4], total: undefined },
    { items: [], total: undefined },
  ]);
  expect(await collect(paginate(load, 1, undefined, undefined))).toEqual([1, 2, 3, 4]);
  expect(asked).toEqual([1, 2, 3]);
});

test("stops at a page shorter than per_page, without asking for another", async () => {
  const { asked, load } = pagesOf([
    { items: [1, 2], total: undefined },
    { items: [3], total: undefined },
  ]);
  expect(await collect(paginate(load, 1, 2, undefined))).toEqual([1, 2, 3]);
  expect(asked).toEqual([1, 2]);
});

test("stops once the total count has come, without asking for another", async () => {
  const { asked, load } = pagesOf([
    { items: [1, 2], total: 4 },
    { items: [3, 4], total: 4 },
    { items: [5, 6], total: 4 },
  ]);
  expect(await collect(paginate(load, 1, 2, undefined))).toEqual([1, 2, 3, 4]);
  expect(asked).toEqual([1, 2]);
});

test("starts from the page it is given", async () => {
  const { asked, load } = pagesOf([
    { items: [1], total: undefined },
    { items: [2], total: undefined },
  ]);
  expect(await collect(paginate(load, 2, undefined, undefined))).toEqual([2]);
  expect(asked).toEqual([2, 3]);
});

test("throws instead of looping when a page comes twice", async () => {
  const { load } = pagesOf([
    { items: [1, 2], total: 10 },
    { items: [1, 2], total: 10 },
  ]);
  await expect(collect(paginate(load, 1, undefined, undefined))).rejects.toThrow(
    new RealtimeKitError("page 2 repeats page 1: stopped rather than loop"),
  );
});

test("throws when a page repeats an earlier one whose items changed, comparing their ids", async () => {
  // A live session's counters change between two fetches of the same page.
  const session = (id: string, minutes: number) => ({ id, status: "LIVE", minutes_consumed: minutes });
  const pages = [
    [session("a", 1), session("b", 2)],
    [session("a", 1.5), session("b", 2.5)],
  ];
  const load = async (pageNo: number) => ({ items: pages[pageNo - 1] ?? [], total: 10 });
  await expect(collect(paginate(load, 1, undefined, undefined))).rejects.toThrow(
    new RealtimeKitError("page 2 repeats page 1: stopped rather than loop"),
  );
});

test("throws when the server cycles through pages it already sent", async () => {
  const cycle = [
    [{ id: "a" }, { id: "b" }],
    [{ id: "c" }, { id: "d" }],
  ];
  const asked: number[] = [];
  const load = async (pageNo: number) => {
    asked.push(pageNo);
    return { items: cycle[(pageNo - 1) % 2] ?? [], total: 100 };
  };
  await expect(collect(paginate(load, 1, undefined, undefined))).rejects.toThrow(
    new RealtimeKitError("page 3 repeats page 1: stopped rather than loop"),
  );
  expect(asked).toEqual([1, 2, 3]);
});

test("walks pages that share some items with an earlier one", async () => {
  // A session that started during the walk shifts the offsets: overlap, not a repeat.
  const pages = [[{ id: "a" }, { id: "b" }], [{ id: "b" }, { id: "c" }], [{ id: "d" }]];
  const load = async (pageNo: number) => ({ items: pages[pageNo - 1] ?? [], total: undefined });
  expect((await collect(paginate(load, 1, 2, undefined))).map((item) => item.id)).toEqual(["a", "b", "b", "c", "d"]);
});

test("passes the failure of a page to the caller", async () => {
  const failure = new Error("page 2 failed");
  const load = async (pageNo: number) => {
    if (pageNo === 2) throw failure;
    return { items: [1], total: 5 };
  };
  const seen: number[] = [];
  await expect(
    (async () => {
      for await (const item of paginate(load, 1, undefined, undefined)) seen.push(item);
    })(),
  ).rejects.toBe(failure);
  expect(seen).toEqual([1]);
});

test("aborts the page in flight when the caller's signal fires", async () => {
  const controller = new AbortController();
  let inFlight: AbortSignal | undefined;
  const load = async (pageNo: number, signal: AbortSignal) => {
    if (pageNo === 2) inFlight = signal;
    return { items: [pageNo], total: 10 };
  };
  const iterator = paginate(load, 1, undefined, controller.signal);
  await iterator.next();
  controller.abort(new Error("stop"));
  expect(inFlight?.aborted).toBe(true);
  await iterator.return();
});
