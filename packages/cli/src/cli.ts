#!/usr/bin/env node
// realtimekit-sessions: the Sessions API from the command line. Every command takes the global
// flags; `--mock` runs it against the in-process fake, so it can be tried without an account.
import type { ListSessionsQuery, PeerReportFilter, Session } from "@realtimekit-sessions/client";
import { createDownloads, type TranscriptFormat } from "@realtimekit-sessions/client/downloads";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { type Context, contextOf, type GlobalOptions } from "./context.js";
import { runExport } from "./export.js";
import { EXIT_USAGE, failureOf, UsageError } from "./fail.js";
import { duration, printJson, printTable, progressBar, sessionLength, when } from "./output.js";

declare const __CLI_VERSION__: string;

const program = new Command("realtimekit-sessions")
  .description("The Cloudflare RealtimeKit Sessions API from the command line.")
  .version(__CLI_VERSION__, "--version")
  .addOption(new Option("--token <token>", "API token (default: CLOUDFLARE_API_TOKEN)"))
  .addOption(new Option("--account <id>", "Cloudflare account id (default: CLOUDFLARE_ACCOUNT_ID)"))
  .addOption(new Option("--app <id>", "RealtimeKit app id (default: REALTIMEKIT_APP_ID)"))
  .addOption(new Option("--base-url <url>", "API root (default: CLOUDFLARE_BASE_URL, else Cloudflare's API)"))
  .option("--json", "machine output: JSON, or NDJSON for lists (the default when piped)")
  .option("--verbose", "log every request to standard error, credentials redacted")
  .option("--mock", "run against an in-process fake of the API with generated data: no account needed")
  .showHelpAfterError()
  .exitOverride();

/** The context of a command: its global flags, resolved once the command runs. */
function context(command: Command): Context {
  return contextOf(command.optsWithGlobals<GlobalOptions>());
}

const whole = (name: string) => (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(`${name} must be a whole number from 1.`);
  return number;
};

/** The list filters, shared by `sessions list` and `export`. */
function withFilters(command: Command): Command {
  return command
    .addOption(new Option("--status <status>", "LIVE or ENDED").choices(["LIVE", "ENDED"]))
    .option("--from <time>", "only sessions from this ISO 8601 time on")
    .option("--to <time>", "only sessions up to this ISO 8601 time")
    .option("--search <text>", "free text in the meeting title, meeting id or session id")
    .option("--meeting <id>", "only sessions of this meeting (associated_id)")
    .option("--participants <min:max>", "only sessions with this many participants, for example 1:10");
}

function queryOf(options: Record<string, string | undefined>): ListSessionsQuery {
  if (options.participants && !/^\d+:\d+$/.test(options.participants)) {
    throw new UsageError(
      `--participants takes a range written min:max, for example 1:10, not ${options.participants}.`,
    );
  }
  for (const flag of ["from", "to"] as const) {
    const value = options[flag];
    if (value && Number.isNaN(Date.parse(value))) {
      throw new UsageError(`--${flag} takes an ISO 8601 time, for example 2026-11-01T00:00:00Z, not ${value}.`);
    }
  }
  const query: ListSessionsQuery = {};
  if (options.status) query.status = options.status as "LIVE" | "ENDED";
  if (options.from) query.start_time = new Date(options.from).toISOString();
  if (options.to) query.end_time = new Date(options.to).toISOString();
  if (options.search) query.search = options.search;
  if (options.meeting) query.associated_id = options.meeting;
  if (options.participants) query.participants = options.participants;
  return query;
}

const sessions = program.command("sessions").description("list and read sessions");

withFilters(sessions.command("list").description("list the app's sessions, newest first"))
  .addOption(new Option("--sort <field>", "sort by minutes consumed or creation time").choices(["minutes", "created"]))
  .addOption(new Option("--order <order>", "sort order").choices(["asc", "desc"]).default("desc"))
  .option("--per-page <n>", "sessions per page", whole("--per-page"), 20)
  .option("--page <n>", "page to show", whole("--page"), 1)
  .option("--all", "walk every page")
  .action(async (options, command: Command) => {
    const { client, json } = context(command);
    const query: ListSessionsQuery = {
      ...queryOf(options),
      ...(options.sort ? { sort_by: options.sort === "minutes" ? "minutesConsumed" : "createdAt" } : {}),
      sort_order: options.order === "asc" ? "ASC" : "DESC",
      per_page: options.perPage,
    };
    const list = options.all
      ? await walkAll(client, query, json)
      : (await client.listSessions({ ...query, page_no: options.page })).sessions;
    if (json) return list.forEach(printJson);
    printTable(
      ["id", "meeting", "status", "started", "length", "peak", "minutes"],
      list.map((session) => [
        session.id,
        session.meeting_display_name,
        session.status,
        when(session.started_at),
        sessionLength(session.started_at, session.ended_at),
        session.max_concurrent_participants,
        duration(session.minutes_consumed),
      ]),
    );
  });

sessions
  .command("get")
  .description("show one session")
  .argument("<session-id>")
  .option("--breakout-rooms", "list its breakout rooms too")
  .action(async (sessionId: string, options, command: Command) => {
    const { client, json } = context(command);
    const session = await client.getSession(sessionId, { include_breakout_rooms: Boolean(options.breakoutRooms) });
    if (json) return printJson(session);
    printTable(
      ["field", "value"],
      [
        ["id", session.id],
        ["meeting", `${session.meeting_display_name} (${session.associated_id})`],
        ["type", session.type],
        ["status", session.status],
        ["started", when(session.started_at)],
        ["ended", when(session.ended_at)],
        ["length", sessionLength(session.started_at, session.ended_at)],
        ["participants now / at peak", `${session.live_participants} / ${session.max_concurrent_participants}`],
        ["participant-minutes", duration(session.minutes_consumed)],
        ...(session.breakout_rooms ? [["breakout rooms", session.breakout_rooms.length]] : []),
      ],
    );
  });

program
  .command("participants")
  .description("list everyone who joined a session")
  .argument("<session-id>")
  .action(async (sessionId: string, _, command: Command) => {
    const { client, json } = context(command);
    const list = await collect(client.iterateParticipants(sessionId, { per_page: 100 }));
    if (json) return list.forEach(printJson);
    printTable(
      ["id", "name", "preset", "joined", "left", "time in call"],
      list.map((participant) => [
        participant.id ?? "",
        participant.display_name ?? "",
        participant.preset_name ?? "",
        when(participant.joined_at),
        participant.left_at ? when(participant.left_at) : "still in the call",
        duration(participant.duration),
      ]),
    );
  });

program
  .command("participant")
  .description("show one participant of a session")
  .argument("<session-id>")
  .argument("<participant-id>")
  .action(async (sessionId: string, participantId: string, _, command: Command) => {
    const { client, json } = context(command);
    const participant = await client.getParticipant(sessionId, participantId, { include_peer_events: true });
    if (json) return printJson(participant);
    printTable(
      ["field", "value"],
      [
        ["id", participant.id ?? ""],
        ["name", participant.display_name ?? ""],
        ["custom id", participant.custom_participant_id ?? ""],
        ["preset", participant.preset_name ?? ""],
        ["joined", when(participant.joined_at)],
        ["left", participant.left_at ? when(participant.left_at) : "still in the call"],
        ["time in call", duration(participant.duration)],
        ["peers", [...new Set((participant.peer_events ?? []).map((event) => event.peer_id))].join(", ")],
      ],
    );
  });

const FILTERS = ["device_info", "ip_information", "precall_network_information", "events", "quality_stats"] as const;

program
  .command("peer-report")
  .description("show the call statistics of a peer (a participant's connection)")
  .argument("<peer-id>")
  .addOption(new Option("--section <section...>", "only these sections").choices(FILTERS))
  .action(async (peerId: string, options, command: Command) => {
    const { client, json } = context(command);
    const filters = options.section as PeerReportFilter[] | undefined;
    const participant = await client.getPeerReport(peerId, filters ? { filters } : {});
    if (json) return printJson(participant);
    const metadata = participant.peer_report?.metadata;
    const audio = participant.peer_report?.quality?.audio_producer_cumulative;
    printTable(
      ["field", "value"],
      [
        ["participant", `${participant.display_name ?? ""} (${participant.id ?? ""})`],
        ["session", participant.session_id ?? ""],
        ["device", [metadata?.device_info?.os, metadata?.device_info?.os_version].filter(Boolean).join(" ") || "-"],
        [
          "browser",
          [metadata?.browser_metadata?.browser, metadata?.browser_metadata?.browser_version]
            .filter(Boolean)
            .join(" ") || "-",
        ],
        [
          "location",
          [metadata?.ip_information?.city, metadata?.ip_information?.country].filter(Boolean).join(", ") || "-",
        ],
        ["audio quality (MOS)", audio?.quality_mos?.avg ?? "-"],
        ["audio round trip (ms)", audio?.rtt?.avg ?? "-"],
        ["audio packet loss", audio?.packet_loss?.avg ?? "-"],
      ],
    );
  });

program
  .command("chat")
  .description("print a session's chat messages")
  .argument("<session-id>")
  .action(async (sessionId: string, _, command: Command) => {
    const { client, json } = context(command);
    const rows = await collect(createDownloads(client).downloadChat(sessionId));
    if (json) return rows.forEach(printJson);
    printTable(
      ["sent", "from", "type", "message"],
      rows.map((row) => [when(row.createdAt), row.displayName, row.payloadType, row.payload]),
    );
  });

program
  .command("transcript")
  .description("print a session's transcript")
  .argument("<session-id>")
  .addOption(new Option("--format <format>", "file format").choices(["CSV", "JSON", "SRT", "VTT"]).default("CSV"))
  .action(async (sessionId: string, options, command: Command) => {
    const { client, json } = context(command);
    const downloads = createDownloads(client);
    const format = options.format as TranscriptFormat;
    if (format === "SRT" || format === "VTT") {
      process.stdout.write(await downloads.downloadTranscript(sessionId, { format }));
      return;
    }
    const rows = await collect(downloads.downloadTranscript(sessionId, { format }));
    if (json) return rows.forEach(printJson);
    printTable(
      ["at", "speaker", "text"],
      rows.map((row) => [
        row.startedAt ? when(row.startedAt) : `${((row.startMs ?? 0) / 1000).toFixed(1)} s`,
        row.participantName,
        row.text,
      ]),
    );
  });

program
  .command("summary")
  .description("print a session's AI summary")
  .argument("<session-id>")
  .option("--generate", "start generating it when there is none")
  .option("--wait", "wait until it is ready (generating it if needed)")
  .action(async (sessionId: string, options, command: Command) => {
    const { client } = context(command);
    const downloads = createDownloads(client);
    if (options.wait) {
      process.stdout.write(`${await downloads.waitForSummary(sessionId)}\n`);
      return;
    }
    if (options.generate) {
      const started = await client.generateSummary(sessionId);
      process.stderr.write(
        `Generating the summary of ${sessionId}${started.status ? ` (${started.status})` : ""}; run again with --wait to wait for it.\n`,
      );
      return;
    }
    process.stdout.write(`${await downloads.downloadSummary(sessionId)}\n`);
  });

withFilters(
  program
    .command("export")
    .description("export every matching session as NDJSON, paced to the rate limit and resumable"),
)
  .addOption(new Option("--include <what...>", "embed more in each line").choices(["participants"]))
  .option("--out <file>", "write NDJSON here (resumable) instead of to standard output")
  .option("--files <dir>", "also save each session's chat, transcript and summary in this folder")
  .option(
    "--concurrency <n>",
    "most requests in flight at once; the rate limit paces below it",
    whole("--concurrency"),
    8,
  )
  .action(async (options, command: Command) => {
    const base = context(command);
    const controller = new AbortController();
    const interrupt = () => controller.abort();
    process.once("SIGINT", interrupt);
    process.once("SIGTERM", interrupt);
    const say = (line: string) => process.stderr.write(`${line}\n`);
    try {
      const result = await runExport(
        base,
        {
          query: queryOf(options),
          participants: (options.include ?? []).includes("participants"),
          out: options.out,
          files: options.files,
          concurrency: options.concurrency,
          signal: controller.signal,
        },
        say,
      );
      const where = options.out ? ` to ${options.out}` : "";
      if (controller.signal.aborted) {
        say(`Interrupted after ${result.written} sessions${where}. Run the same command again to resume.`);
        process.exitCode = 130;
        return;
      }
      say(
        `Exported ${result.written} sessions${where}${result.skipped ? ` (${result.skipped} were there already)` : ""} in ${result.seconds.toFixed(1)} s: ${result.requests} requests, ${result.limited} rate-limited.`,
      );
    } finally {
      process.off("SIGINT", interrupt);
      process.off("SIGTERM", interrupt);
    }
  });

/** Every page; on a terminal, with a progress bar that shows the rate and the time left. */
async function walkAll(client: Context["client"], query: ListSessionsQuery, json: boolean): Promise<Session[]> {
  const bar = !json && process.stderr.isTTY ? progressBar("Listing", "sessions") : undefined;
  if (bar) {
    const { paging } = await client.listSessions({ ...query, per_page: 1 });
    bar.start(paging?.total_count ?? 0);
  }
  const list: Session[] = [];
  try {
    for await (const session of client.iterateSessions(query)) {
      list.push(session);
      bar?.update(list.length);
    }
  } finally {
    bar?.stop();
  }
  return list;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const item of items) list.push(item);
  return list;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with code 0; commander has printed what it had to.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    const { line, code } = failureOf(error);
    process.stderr.write(`error: ${line}\n`);
    process.exitCode = code;
  }
}
