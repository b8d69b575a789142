// The report (`realtimekit-sessions report`): a mirror of 10,000 sessions over 30 days, with
// every part mirrored (peer reports included), made beforehand; then the usage report read from
// it, rendered and written, in this process (the library's `usageReport()` and
// `renderUsageReport()`) and as the CLI's own process.
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSessionsClient } from "@realtimekit-sessions/client";
import { renderUsageReport } from "@realtimekit-sessions/report";
import { createMirror, MIRROR_PARTS, openDatabase, usageReport } from "@realtimekit-sessions/sync";
import { runProcess } from "@realtimekit-sessions/test-kit";
import { createFakeApi } from "@realtimekit-sessions/testing";
import { CLI } from "./cli.js";
import { summarize, TOKEN } from "./harness.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");
const DAY_MS = 86_400_000;

export async function benchReport(options: { sessions: number; rounds: number }) {
  const directory = await mkdtemp(join(tmpdir(), "bench-report-"));
  try {
    const database = join(directory, "mirror");
    const fake = createFakeApi({ apiToken: TOKEN, sessions: options.sessions, now: NOW, seed: 12 });
    const client = createSessionsClient({ apiToken: TOKEN, ...fake, retries: 0 });
    const mirror = await createMirror({ client, database, include: MIRROR_PARTS, concurrency: 16 });
    const synced = await mirror.sync();
    const [counts] = await mirror.database.query<{ participants: number; reports: number }>(
      `SELECT (SELECT count(*) FROM realtimekit.participants)::int AS participants,
         (SELECT count(*) FROM realtimekit.peer_reports)::int AS reports`,
    );
    await mirror.close();

    const period = { from: NOW - 30 * DAY_MS, to: NOW };
    const out = join(directory, "usage.html");
    const db = await openDatabase(database);
    const read: number[] = [];
    const render: number[] = [];
    const total: number[] = [];
    try {
      // The first round warms the database's caches and the modules; it is not counted.
      for (let round = 0; round <= options.rounds; round++) {
        const started = performance.now();
        const data = await usageReport(db, period);
        const rendered = performance.now();
        await writeFile(out, renderUsageReport(data));
        const done = performance.now();
        if (round === 0) continue;
        read.push(rendered - started);
        render.push(done - rendered);
        total.push(done - started);
      }
    } finally {
      await db.close();
    }
    const bytes = (await stat(out)).size;

    const processes: number[] = [];
    for (let round = 0; round < Math.max(3, Math.ceil(options.rounds / 2)); round++) {
      const started = performance.now();
      const { code, stderr } = await runProcess(process.execPath, [
        CLI,
        "report",
        "--database",
        database,
        "--from",
        new Date(period.from).toISOString(),
        "--to",
        new Date(period.to).toISOString(),
        "--out",
        out,
      ]);
      if (code !== 0) throw new Error(`realtimekit-sessions report failed: ${stderr}`);
      processes.push(performance.now() - started);
    }
    return {
      sessions: synced.sessions,
      participants: counts?.participants ?? 0,
      reports: counts?.reports ?? 0,
      read: summarize(read),
      render: summarize(render),
      total: summarize(total),
      process: summarize(processes),
      bytes,
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
