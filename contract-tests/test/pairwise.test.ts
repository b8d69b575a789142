import { expect, test } from "vitest";
import { allPairs } from "../support/pairwise.js";

test("covers every pair of values of any two factors", () => {
  const factors = [
    ["a", "b", "c"],
    ["x", "y"],
    ["1", "2", "3", "4"],
    ["p", "q"],
  ];

  const rows = allPairs(factors);

  for (let i = 0; i < factors.length; i++) {
    for (let j = i + 1; j < factors.length; j++) {
      for (const a of factors[i] ?? []) {
        for (const b of factors[j] ?? []) {
          expect(
            rows.some((row) => row[i] === a && row[j] === b),
            `${a} with ${b}`,
          ).toBe(true);
        }
      }
    }
  }
  expect(rows.length).toBeLessThan(3 * 2 * 4 * 2);
});

test("gives one row per value for a single factor", () => {
  expect(allPairs([["a", "b"]])).toEqual([["a"], ["b"]]);
});
