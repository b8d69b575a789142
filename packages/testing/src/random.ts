/**
 * A seeded source of randomness, so that generated data is the same on every run for one seed.
 * Not for anything secret.
 */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  /** One of `items`. */
  pick<T>(items: readonly T[]): T;
  /** A version-4 UUID. */
  uuid(): string;
  /** `length` lowercase hex digits. */
  hex(length: number): string;
}

const HEX_DIGITS = "0123456789abcdef";

/** A `Random` for a seed (mulberry32: small, fast, and good enough for test data). */
export function createRandom(seed = 1): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const hex = (length: number): string => {
    let text = "";
    // The digit int(0, 15) would give, from one draw, without formatting a number.
    for (let at = 0; at < length; at++) text += HEX_DIGITS[Math.floor(next() * 16)];
    return text;
  };
  return {
    next,
    int,
    hex,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[int(0, 3)]}${hex(3)}-${hex(12)}`,
  };
}
