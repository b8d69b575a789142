// Times as the flags take them: whatever the text, a time in UTC or a UsageError that shows what
// is taken, never anything else; relative times exact against the clock.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { UsageError } from "../src/errors.js";
import { timeOf } from "../src/time.js";

const NOW = Date.parse("2026-11-30T12:34:56.789Z");
const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

describe("timeOf", () => {
  test.each([
    ["now", "2026-11-30T12:34:56.789Z"],
    ["today", "2026-11-30T00:00:00.000Z"],
    ["Yesterday", "2026-11-29T00:00:00.000Z"],
    ["12h", "2026-11-30T00:34:56.789Z"],
    ["30d", "2026-10-31T12:34:56.789Z"],
    ["2w", "2026-11-16T12:34:56.789Z"],
    ["2026-11-01", "2026-11-01T00:00:00.000Z"],
    ["2026-11-01T09:30", "2026-11-01T09:30:00.000Z"],
    ["2026-11-01 09:30:15", "2026-11-01T09:30:15.000Z"],
    ["2026-11-01T09:30:00+02:00", "2026-11-01T07:30:00.000Z"],
  ])("%s is %s (UTC)", (given, iso) => {
    expect(timeOf("--from", given, NOW).iso).toBe(iso);
  });

  test("any text is a time in UTC or a UsageError naming the flag and the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^\d{1,8}[hdwmy]?$/)), (text) => {
        try {
          const time = timeOf("--from", text, NOW);
          expect(new Date(time.iso).toISOString()).toBe(time.iso);
          expect(time.ms).toBe(Date.parse(time.iso));
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect((error as Error).message).toMatch(/^--from takes an ISO 8601 time .* not /);
        }
      }),
      { seed: 20261206, numRuns: 2_000 },
    );
  });

  test("<n>h, <n>d and <n>w are exactly n hours, days or weeks before the clock", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.constantFrom("h", "d", "w"),
        fc.integer({ min: 0, max: 4e12 }),
        (n, unit, now) => {
          const expected = now - n * UNIT_MS[unit as keyof typeof UNIT_MS];
          try {
            expect(timeOf("--to", `${n}${unit}`, now).ms).toBe(expected);
          } catch (error) {
            // Only a time before what a Date can hold is refused.
            expect(error).toBeInstanceOf(UsageError);
            expect(Math.abs(expected)).toBeGreaterThan(8.64e15);
          }
        },
      ),
      { seed: 20261206, numRuns: 1_000 },
    );
  });

  test("any ISO 8601 time written with Z reads back as itself", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1971-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        (date) => {
          expect(timeOf("--from", date.toISOString(), NOW).iso).toBe(date.toISOString());
        },
      ),
      { seed: 20261206, numRuns: 1_000 },
    );
  });
});
