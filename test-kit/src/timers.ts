// Captured timers: a test sees the delays the code under test asked for and moves time on,
// instead of sleeping for real. Only setTimeout and clearTimeout are faked: sockets, promises
// and the clock (Date.now) stay real, so a loopback server still answers as usual.
import { type MockInstance, vi } from "vitest";

export interface CapturedTimers {
  /** Every delay passed to setTimeout since the capture began, in milliseconds, in order. */
  delays(): number[];
  /** Runs the timers due in the next `ms` milliseconds, and what they start, without waiting. */
  advance(ms: number): Promise<void>;
  /** Back to real timers. */
  restore(): void;
  [Symbol.dispose](): void;
}

/** Takes over setTimeout until `restore()` (or the end of a `using` block). */
export function captureTimers(): CapturedTimers {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  const spy: MockInstance<typeof setTimeout> = vi.spyOn(globalThis, "setTimeout");
  const restore = () => {
    spy.mockRestore();
    vi.useRealTimers();
  };
  return {
    delays: () => spy.mock.calls.map(([, ms]) => Number(ms ?? 0)),
    advance: async (ms) => {
      await vi.advanceTimersByTimeAsync(ms);
    },
    restore,
    [Symbol.dispose]: restore,
  };
}
