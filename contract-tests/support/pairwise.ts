/**
 * Rows that together hold every pair of values of any two factors (all-pairs testing): far
 * fewer rows than the full product, yet every interaction between two parameters is tried.
 * Greedy and deterministic: each row starts from a pair not yet covered and fills the other
 * factors with the value that covers the most new pairs.
 */
export function allPairs<T>(factors: readonly (readonly T[])[]): T[][] {
  if (factors.some((values) => values.length === 0)) throw new Error("every factor needs at least one value");
  if (factors.length < 2) return (factors[0] ?? []).map((value) => [value]);

  // A pair is "factor i has value a, factor j has value b", with i < j.
  const pairKey = (i: number, a: number, j: number, b: number) =>
    i < j ? `${i}:${a}|${j}:${b}` : `${j}:${b}|${i}:${a}`;
  const uncovered = new Set<string>();
  for (let i = 0; i < factors.length; i++) {
    for (let j = i + 1; j < factors.length; j++) {
      for (let a = 0; a < (factors[i]?.length ?? 0); a++) {
        for (let b = 0; b < (factors[j]?.length ?? 0); b++) uncovered.add(pairKey(i, a, j, b));
      }
    }
  }

  const rows: number[][] = [];
  for (const seed of uncovered) {
    if (!uncovered.has(seed)) continue;
    const row: number[] = factors.map(() => -1);
    for (const part of seed.split("|")) {
      const [factor, value] = part.split(":").map(Number) as [number, number];
      row[factor] = value;
    }
    for (let k = 0; k < factors.length; k++) {
      if (row[k] !== -1) continue;
      let best = 0;
      let bestGain = -1;
      for (let v = 0; v < (factors[k]?.length ?? 0); v++) {
        const gain = row.filter((chosen, m) => chosen !== -1 && uncovered.has(pairKey(m, chosen, k, v))).length;
        if (gain > bestGain) [best, bestGain] = [v, gain];
      }
      row[k] = best;
    }
    for (let m = 0; m < row.length; m++) {
      for (let n = m + 1; n < row.length; n++) uncovered.delete(pairKey(m, row[m] as number, n, row[n] as number));
    }
    rows.push(row);
  }
  return rows.map((row) => row.map((value, k) => (factors[k] as readonly T[])[value] as T));
}
