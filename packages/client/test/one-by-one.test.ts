// The row iterator of the downloads: an async generator's behaviour, one promise per row.
import { expect, test } from "vitest";
import { oneByOne } from "../src/one-by-one.js";

/** A source of `batches`, recording how it was ended. */
function source(batches: number[][], failAfter = Number.POSITIVE_INFINITY) {
  const seen = { returned: false };
  async function* generate() {
    try {
      for (const [index, batch] of batches.entries()) {
        if (index >= failAfter) throw new Error("source broke");
        yield batch;
      }
    } finally {
      seen.returned = true;
    }
  }
  return { rows: oneByOne(generate()), seen };
}

test("gives every item of every batch, in order, then done", async () => {
  const { rows } = source([[1, 2], [], [3]]);
  const items = [];
  for await (const item of rows) items.push(item);
  expect(items).toEqual([1, 2, 3]);
  expect(await rows.next()).toEqual({ value: undefined, done: true });
});

test("answers calls made before earlier ones settle in the order they were made", async () => {
  const { rows } = source([[1], [2, 3], [4]]);
  const results = await Promise.all([rows.next(), rows.next(), rows.next(), rows.next(), rows.next()]);
  expect(results.map((result) => result.value)).toEqual([1, 2, 3, 4, undefined]);
  expect(results.at(-1)?.done).toBe(true);
});

test("ends its source when the caller stops early, and is done after", async () => {
  const { rows, seen } = source([[1, 2], [3]]);
  for await (const item of rows) if (item === 1) break;
  expect(seen.returned).toBe(true);
  expect(await rows.next()).toEqual({ value: undefined, done: true });
});

test("rejects once with the source's failure, then is done", async () => {
  const { rows } = source([[1], [2]], 1);
  expect(await rows.next()).toEqual({ value: 1, done: false });
  await expect(rows.next()).rejects.toThrow("source broke");
  expect(await rows.next()).toEqual({ value: undefined, done: true });
});

test("throw() ends the source and rejects with the error given", async () => {
  const { rows, seen } = source([[1, 2]]);
  await rows.next();
  await expect(rows.throw(new Error("stop"))).rejects.toThrow("stop");
  expect(seen.returned).toBe(true);
  expect(await rows.next()).toEqual({ value: undefined, done: true });
});
