// The mirror converges, whatever the network does: any interleaving of syncs, webhook
// deliveries (duplicated, reordered, dropped, replayed much later), changes in the app
// (sessions starting and ending, summaries made) and kills at any statement or request,
// followed by one more sync, leaves every table equal, row by row, to a fresh backfill of the
// same app (`synced_at` and the bookkeeping aside). On PGlite and on a PostgreSQL server here;
// on D1 and on Hyperdrive in workerd (workerd.test.ts).
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createMirror } from "../src/index.js";
import { engines } from "./engines.js";
import { run, scenario } from "./scenario.js";

/** Runs of the property on each engine (D1 and Hyperdrive: workerd.test.ts, in workerd). */
const RUNS: Record<string, number> = { PGlite: 40, PostgreSQL: 25 };

describe.each(engines())("on $name", (engine) => {
  test("any syncs, deliveries, changes and kills, then one sync: every table equals a fresh backfill", async () => {
    const seen = { sessions: 0, participants: 0, chat: 0, summaries: 0, reports: 0, kills: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, async (value) => {
        const { tables, fromScratch, expected, kills } = await run(createMirror, engine.fresh, value);
        expect(tables).toEqual(fromScratch);
        expect([tables.sessions?.length, tables.participants?.length]).toEqual([
          expected.sessions,
          expected.participants,
        ]);
        seen.kills += kills;
        seen.sessions += tables.sessions?.length ?? 0;
        seen.participants += tables.participants?.length ?? 0;
        seen.chat += tables.chat_messages?.length ?? 0;
        seen.summaries += tables.summaries?.length ?? 0;
        seen.reports += tables.peer_reports?.length ?? 0;
      }),
      { seed: 2029, numRuns: RUNS[engine.name] ?? 10 },
    );
    // The comparison compared something: every table had rows in some run, and kills fell.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
  });
});
