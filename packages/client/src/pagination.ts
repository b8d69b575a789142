import { abortSignal } from "./arguments.js";
import { anyOf } from "./attempt.js";
import { json, RealtimeKitError } from "./errors.js";

export interface Page<T> {
  items: T[];
  /** Number of results across all pages, when the API says. */
  total: number | undefined;
}

/**
 * Yields every item of every page, from `firstPage` on, holding one page at a time while the
 * next one is already on its way. Stops at an empty page, a page shorter than `perPage`, or
 * once `total` items came; throws rather than loop when the server sends any earlier page
 * again. Breaking out of the loop (or the caller's signal) cancels the page in flight.
 */
export async function* paginate<T>(
  loadPage: (pageNo: number, signal: AbortSignal) => Promise<Page<T>>,
  firstPage: number,
  perPage: number | undefined,
  callerSignal: AbortSignal | undefined,
): AsyncGenerator<T, void, undefined> {
  const caller = abortSignal(callerSignal);
  // Ends the page in flight when the walk ends early; the caller's signal ends it too.
  const walk = new AbortController();
  const signal = anyOf([caller, walk.signal]) as AbortSignal;
  let pageNo = firstPage;
  let pending: Promise<Page<T>> | undefined = loadPage(pageNo, signal);
  // One short key per page seen, not its items: memory stays small however long the walk.
  const seen = new Map<string, number>();
  let count = 0;
  try {
    while (pending) {
      const { items, total }: Page<T> = await pending;
      const key = pageKey(items);
      const earlier = seen.get(key);
      if (earlier !== undefined)
        throw new RealtimeKitError(`page ${pageNo} repeats page ${earlier}: stopped rather than loop`);
      seen.set(key, pageNo);
      count += items.length;
      const done: boolean =
        items.length === 0 ||
        (total !== undefined && count >= total) ||
        (perPage !== undefined && items.length < perPage);
      pending = done ? undefined : loadPage(++pageNo, signal);
      // Failures of the page in flight surface when it is awaited; until then, keep them quiet.
      pending?.catch(() => {});
      yield* items;
    }
  } finally {
    walk.abort();
  }
}

/**
 * What makes a page the same page: the ids of its items, in any order (a live session's
 * counters change between two fetches of one page, so comparing whole items would miss the
 * repeat). Pages of a correct walk share no item, so the first and last id in order and the
 * count tell them apart, in a few bytes per page.
 */
function pageKey(items: readonly unknown[]): string {
  const ids = items.map((item) => json((item as { id?: unknown } | null)?.id ?? item)).sort();
  return `${ids[0]} ${ids.at(-1)} ${ids.length}`;
}
