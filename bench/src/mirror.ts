// The mirror (`realtimekit-sessions sync`), each run a process of the CLI against the fake served
// on loopback: a backfill paced to a rate limit against the least time its share permits; an
// unpaced backfill of 10,000 sessions into PGlite and into a PostgreSQL server against an
// `export --out` of the same fake; its peak memory as the sessions grow; and what an
// incremental sync of an unchanged mirror costs.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProcess, startPostgres } from "@realtimekit-sessions/test-kit";
import type { FakeApi } from "@realtimekit-sessions/testing";
import { CLI, environment, REPORT_RSS, served } from "./cli.js";

/** Nothing starts this late: a sync from then creates the database and reads no session. */
const FUTURE = "2100-01-01T00:00:00Z";

interface Run {
  /** Wall time of the process. */
  seconds: number;
  /** The sync's own time, from its summary line (the process less its start and opening the database). */
  own: number;
  /** Requests the sync made, by its own count. */
  requests: number;
  /** Peak RSS of the process (MB). */
  rssMb: number;
}

/** Runs the CLI with `args` against the served fake; its wall time, requests and peak RSS. */
async function cli(fake: FakeApi, baseUrl: string, args: string[]): Promise<Run & { stderr: string }> {
  const directory = await mkdtemp(join(tmpdir(), "bench-mirror-rss-"));
  try {
    const rssFile = join(directory, "rss");
    const started = performance.now();
    const { code, stderr } = await runProcess(process.execPath, ["--import", REPORT_RSS, CLI, ...args], {
      env: { ...environment(fake, baseUrl), BENCH_RSS_FILE: rssFile },
    });
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`realtimekit-sessions ${args[0]} failed: ${stderr}`);
    const requests = Number(
      /\((\d+) requests\)/.exec(stderr)?.[1] ?? /: (\d+) requests,/.exec(stderr)?.[1] ?? Number.NaN,
    );
    const own = Number(/ in ([\d.]+) s \(/.exec(stderr)?.[1] ?? Number.NaN);
    return { seconds, own, requests, rssMb: Number(await readFile(rssFile, "utf8")) / 1024, stderr };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** A backfill paced to `requests` per `windowMs`, the database made beforehand. */
export async function benchPacedSync(options: { sessions: number; requests: number; windowMs: number }) {
  const directory = await mkdtemp(join(tmpdir(), "bench-mirror-paced-"));
  try {
    return await served(
      {
        seed: 8,
        sessions: Array.from({ length: options.sessions }, () => ({ status: "ENDED" as const })),
        rateLimit: { requests: options.requests, windowMs: options.windowMs },
      },
      async (fake, baseUrl) => {
        const database = join(directory, "mirror");
        await cli(fake, baseUrl, ["sync", "--database", database, "--since", FUTURE]);
        // A new window for the backfill: the allowance the database's creation used is back.
        await new Promise((resolve) => setTimeout(resolve, options.windowMs));
        const before = fake.requests.length;
        const run = await cli(fake, baseUrl, ["sync", "--include", "participants", "--database", database]);
        const limited = fake.requests.slice(before).filter((request) => request.status === 429).length;
        return { ...run, limited };
      },
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * 10,000 sessions with their participants, unpaced: an `export --out` of them, and a backfill
 * into a PGlite database and into a PostgreSQL server, each made beforehand; then the requests
 * of a sync of the unchanged mirror.
 */
export async function benchSyncAgainstExport(sessions: number) {
  const directory = await mkdtemp(join(tmpdir(), "bench-mirror-"));
  const server = await startPostgres();
  try {
    return await served({ seed: 9, sessions }, async (fake, baseUrl) => {
      const exported = await cli(fake, baseUrl, [
        "export",
        "--include",
        "participants",
        "--out",
        join(directory, "sessions.ndjson"),
      ]);
      const pglite = join(directory, "mirror");
      await cli(fake, baseUrl, ["sync", "--database", pglite, "--since", FUTURE]);
      const intoPglite = await cli(fake, baseUrl, ["sync", "--include", "participants", "--database", pglite]);
      const url = await server.database("bench");
      await cli(fake, baseUrl, ["sync", "--database", url, "--since", FUTURE]);
      const intoServer = await cli(fake, baseUrl, ["sync", "--include", "participants", "--database", url]);
      const unchanged = await cli(fake, baseUrl, ["sync", "--include", "participants", "--database", pglite]);
      const live = fake.sessions.filter(({ session }) => session.status === "LIVE").length;
      return { exported, intoPglite, intoServer, unchanged, live };
    });
  } finally {
    await server.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

/** Peak RSS (MB) of a backfill of `sessions` sessions with their participants into PGlite. */
export async function syncPeakRss(sessions: number): Promise<Run> {
  const directory = await mkdtemp(join(tmpdir(), "bench-mirror-rss-"));
  try {
    return await served({ seed: 10, sessions }, async (fake, baseUrl) => {
      const database = join(directory, "mirror");
      await cli(fake, baseUrl, ["sync", "--database", database, "--since", FUTURE]);
      return cli(fake, baseUrl, ["sync", "--include", "participants", "--database", database]);
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
