// One line on standard error that redraws itself: what is done of what, the rate, the time left.
// Shown only when standard error is a terminal.
import type { Io } from "./io.js";

export interface Progress {
  /** `done` of `total` (when known) so far. */
  update(done: number, total?: number): void;
  /** Ends the line, so that what follows starts on a line of its own. */
  stop(): Promise<void>;
}

const REDRAW_MS = 100;
const NONE: Progress = { update() {}, stop: async () => {} };

/**
 * The line of `verb` `done`/`total` `noun`; with `rate` (the default), how many a second and
 * the time left, which mean nothing when what is counted is the time itself.
 */
export function progressOf(io: Io, verb: string, noun: string, { rate: showRate = true } = {}): Progress {
  if (!io.stderr.isTTY) return NONE;
  const started = io.clock.now();
  let drawn = Number.NEGATIVE_INFINITY;
  let line = "";
  let last = { done: 0, total: undefined as number | undefined };
  const draw = () => {
    const { done, total } = last;
    const seconds = Math.max(0.001, (io.clock.now() - started) / 1000);
    const rate = done / seconds;
    const left = total !== undefined && rate > 0 ? ` | ${Math.ceil((total - done) / rate)} s left` : "";
    const pace = showRate ? ` | ${rate.toFixed(1)}/s${left}` : "";
    line = `${verb} ${done}${total === undefined ? "" : `/${total}`} ${noun}${pace}`;
    void io.stderr.write(`\r\u001b[2K${line}`).catch(() => {});
  };
  return {
    update(done, total = last.total) {
      last = { done, total };
      const now = io.clock.now();
      if (now - drawn < REDRAW_MS && done !== total) return;
      drawn = now;
      draw();
    },
    async stop() {
      if (drawn === Number.NEGATIVE_INFINITY) return;
      draw();
      await io.stderr.write("\n").catch(() => {});
    },
  };
}
