/**
 * Rows that together hold every pair of values of any two factors (all-pairs testing): far
 * fewer rows than the full product, yet every interaction between two parameters is tried.
 * Greedy and deterministic: each row starts from a pair not yet covered and fills the other
 * factors with the value that covers the most new pairs.
 */
export function allPairs<T>(factors: readonly (readonly T[])[]): T[][] {
  if (factors.some((values) => values.length === 0)) throw new Error("every factor needs at least one value");
  if (factors.length < 2) return (factors[0] ?? []).map((value) => [value]);

  const key = (i: number, a: number, j: number, b: number) => `${i}:${a}|${j}:${b}`;
  const uncovered = new Set<string>();
  factors.forEach((left, i) => {
    factors.slice(i + 1).forEach((right, offset) => {
      left.forEach((_, a) => right.forEach((_, b) => uncovered.add(key(i, a, i + 1 + offset, b))));
    });
  });

  const rows: number[][] = [];
  while (uncovered.size > 0) {
    const [first] = uncovered;
    const [[i, a], [j, b]] = (first as string).split("|").map((part) => part.split(":").map(Number)) as [
      [number, number],
      [number, number],
    ];
    const row: number[] = factors.map(() => -1);
    row[i] = a;
    row[j] = b;
    factors.forEach((values, k) => {
      if (row[k] !== -1) return;
      let best = 0;
      let bestGain = -1;
      values.forEach((_, v) => {
        const gain = row.filter(
          (chosen, m) => chosen !== -1 && uncovered.has(m < k ? key(m, chosen, k, v) : key(k, v, m, chosen)),
        ).length;
        if (gain > bestGain) [best, bestGain] = [v, gain];
      });
      row[k] = best;
    });
    row.forEach((a2, m) => {
      row.forEach((b2, n) => {
        if (m < n) uncovered.delete(key(m, a2, n, b2));
      });
    });
    rows.push(row);
  }
  return rows.map((row) => row.map((v, k) => (factors[k] as readonly T[])[v] as T));
}
