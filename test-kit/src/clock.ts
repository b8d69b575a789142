// A clock whose time moves only when everything else is waiting for it: what a pacer, a command
// or a sync does over minutes of waits runs exact and instant, however busy the machine is.
export interface VirtualClock {
  /** Milliseconds since the epoch, as far as this clock has moved. */
  now(): number;
  /** Resolves once the clock reaches `ms` from now; rejects with the signal's reason as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Runs `work` to its end, moving time to the next timer whenever nothing else can happen. */
  run<T>(work: Promise<T>): Promise<T>;
}

const IDLE_POLL_MS = 5;
const IDLE_POLLS = 2_000;

/** Time that passes only when every promise is waiting for it: exact, and instant. */
export function virtualClock(start = Date.UTC(2026, 10, 1)): VirtualClock {
  let now = start;
  let sequence = 0;
  const timers = new Set<{ at: number; order: number; resolve: () => void }>();
  const settle = async () => {
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const stop = () => {
          timers.delete(timer);
          reject(signal?.reason);
        };
        const timer = {
          at: now + Math.max(0, ms),
          order: sequence++,
          resolve: () => {
            signal?.removeEventListener("abort", stop);
            resolve();
          },
        };
        timers.add(timer);
        signal?.addEventListener("abort", stop, { once: true });
      });
    },
    async run(work) {
      let done = false;
      let idle = 0;
      work.then(
        () => {
          done = true;
        },
        () => {
          done = true;
        },
      );
      for (;;) {
        await settle();
        if (done) return work;
        const [next] = [...timers].sort((a, b) => a.at - b.at || a.order - b.order);
        if (!next) {
          // Nothing is due on this clock, but real I/O (a module loading, a file being written)
          // may still be under way: give it time before calling the wait a deadlock. Only a
          // failing run ever spends all of it.
          if (idle++ < IDLE_POLLS) {
            await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
            continue;
          }
          throw new Error("deadlock: the work waits, and no timer will ever wake it");
        }
        idle = 0;
        timers.delete(next);
        now = next.at;
        next.resolve();
      }
    },
  };
}
