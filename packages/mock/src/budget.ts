import { availableParallelism, loadavg } from "node:os";

/** How long Prism may take to answer on an idle machine; about 2 s is usual. */
const STARTUP_BUDGET_MS = 30_000;

/**
 * The startup budget now: {@link STARTUP_BUDGET_MS} times how many runnable processes each core
 * has (the 1-minute load average per core), when that is above 1. Windows reports no load
 * average, and gets the idle budget.
 */
export function loadedBudget(load: number = loadavg()[0] ?? 0, cores: number = availableParallelism()): number {
  return Math.round(STARTUP_BUDGET_MS * Math.max(1, load / cores));
}
