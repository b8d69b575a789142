import { RealtimeKitError } from "./errors.js";

export interface Page<T> {
  items: T[];
  /** Number of results across all pages, when the API says. */
  total: number | undefined;
}

/**
 * Yields every item of every page, from `firstPage` on, holding one page at a time while the
 * next one is already on its way. Stops at an empty page, a page shorter than `perPage`, or
 * once `total` items came; throws rather than loop when the server sends the same page twice.
 * Breaking out of the loop (or the caller's signal) cancels the page in flight.
 */
export async function* paginate<T>(
  loadPage: (pageNo: number, signal: AbortSignal) => Promise<Page<T>>,
  firstPage: number,
  perPage: number | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<T, void, undefined> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  signal?.addEventListener("abort", onAbort, { once: true });
  let pageNo = firstPage;
  let pending: Promise<Page<T>> | undefined = loadPage(pageNo, controller.signal);
  let previous: string | undefined;
  let seen = 0;
  try {
    while (pending) {
      const { items, total }: Page<T> = await pending;
      const fingerprint = JSON.stringify(items);
      if (items.length > 0 && fingerprint === previous) {
        throw new RealtimeKitError(`page ${pageNo} repeats page ${pageNo - 1}: stopped rather than loop forever`);
      }
      previous = fingerprint;
      seen += items.length;
      const done: boolean =
        items.length === 0 ||
        (total !== undefined && seen >= total) ||
        (perPage !== undefined && items.length < perPage);
      pending = done ? undefined : loadPage(++pageNo, controller.signal);
      // Failures of the page in flight surface when it is awaited; until then, keep them quiet.
      pending?.catch(() => {});
      yield* items;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    controller.abort();
  }
}
