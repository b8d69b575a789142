// `sessions list` and `sessions get`.
import { Option } from "@commander-js/extra-typings";
import type { ListSessionsQuery, Session, SessionsClient } from "@realtimekit-sessions/client";
import type { Context, ContextOf } from "../context.js";
import { note, participantMinutes, printJsonLines, printTable, sessionLength, when } from "../output.js";
import { progressOf } from "../progress.js";
import { echoTimes, type Filters, type Parent, queryOf, whole, withFilters } from "./options.js";

export function addSessions(program: Parent, context: ContextOf): void {
  const sessions = program.command("sessions").description("list and read sessions");

  withFilters(sessions.command("list").description("list the app's sessions, newest first"))
    .addOption(
      new Option("--sort <field>", "sort by participant-minutes or creation time").choices([
        "minutes",
        "created",
      ] as const),
    )
    .addOption(new Option("--order <order>", "sort order").choices(["asc", "desc"] as const).default("desc" as const))
    .addOption(new Option("--per-page <n>", "sessions per page").argParser(whole("--per-page", 1000)).default(20))
    .addOption(new Option("--page <n>", "page to show").argParser(whole("--page", 1_000_000)).default(1))
    .option("--all", "walk every page")
    .action((options, command) => listSessions(context(command), options));

  sessions
    .command("get")
    .description("show one session")
    .argument("<session-id>")
    .option("--breakout-rooms", "list its breakout rooms too")
    .action((sessionId, options, command) => getSession(context(command), sessionId, options));
}

export interface ListOptions extends Filters {
  sort?: "minutes" | "created" | undefined;
  order: "asc" | "desc";
  perPage: number;
  page: number;
  all?: true | undefined;
}

export async function listSessions(context: Context, options: ListOptions): Promise<void> {
  const { io, json } = context;
  const { query: filters, times } = queryOf(options, io.clock.now());
  await echoTimes(io, times);
  const query: ListSessionsQuery = {
    ...filters,
    ...(options.sort ? { sort_by: options.sort === "minutes" ? "minutesConsumed" : "createdAt" } : {}),
    sort_order: options.order === "asc" ? "ASC" : "DESC",
    per_page: options.perPage,
  };
  const client = await context.client();
  if (options.all) return listAll(context, client, query);

  const { sessions, paging } = await client.listSessions({ ...query, page_no: options.page }, { signal: io.signal });
  if (json) return printJsonLines(io, sessions);
  const total = paging?.total_count;
  const pages = total === undefined ? undefined : Math.max(1, Math.ceil(total / options.perPage));
  if (sessions.length === 0) {
    if (total === 0) return note(io, "No sessions match.");
    return note(
      io,
      `Page ${options.page} is past the end${total === undefined ? "" : `: ${total} sessions fill ${pages} pages of ${options.perPage}`}.`,
    );
  }
  await printTable(
    io,
    HEAD,
    sessions.map((session) => row(session, io.clock.now())),
  );
  const first = (options.page - 1) * options.perPage + 1;
  const shown = `Showing ${first}-${first + sessions.length - 1}${total === undefined ? "" : ` of ${total}`} sessions`;
  const next =
    pages === undefined || options.page < pages ? ` Next page: --page ${options.page + 1}; every page: --all.` : "";
  await note(io, `${shown}${pages === undefined ? "" : ` (page ${options.page} of ${pages})`}.${next}`);
}

const HEAD = ["id", "meeting", "status", "started", "length", "peak", "participant-min"];

function row(session: Session, now: number): (string | number)[] {
  return [
    session.id,
    session.meeting_display_name ?? "",
    session.status,
    when(session.started_at),
    sessionLength(session.started_at, session.ended_at, now),
    session.max_concurrent_participants,
    participantMinutes(session.minutes_consumed),
  ];
}

/** Every page: streamed as NDJSON, or gathered into one table; with progress on a terminal. */
async function listAll(context: Context, client: SessionsClient, query: ListSessionsQuery): Promise<void> {
  const { io, json } = context;
  const streaming = json;
  const progress = streaming && io.stdout.isTTY ? undefined : progressOf(io, "Listing", "sessions");
  let total: number | undefined;
  if (progress && io.stderr.isTTY) {
    total = (await client.listSessions({ ...query, per_page: 1 }, { signal: io.signal })).paging?.total_count;
  }
  const rows: (string | number)[][] = [];
  let count = 0;
  try {
    for await (const session of client.iterateSessions(query, { signal: io.signal })) {
      count++;
      if (streaming) await io.stdout.write(`${JSON.stringify(session)}\n`);
      else rows.push(row(session, io.clock.now()));
      progress?.update(count, total);
    }
  } finally {
    await progress?.stop();
  }
  if (!streaming) {
    if (rows.length === 0) return note(io, "No sessions match.");
    await printTable(io, HEAD, rows);
  }
}

export async function getSession(
  context: Context,
  sessionId: string,
  options: { breakoutRooms?: true | undefined },
): Promise<void> {
  const { io, json } = context;
  const client = await context.client();
  const session = await client.getSession(
    sessionId,
    { include_breakout_rooms: Boolean(options.breakoutRooms) },
    { signal: io.signal },
  );
  if (json) return printJsonLines(io, [session]);
  await printTable(
    io,
    ["field", "value"],
    [
      ["id", session.id],
      ["meeting", `${session.meeting_display_name ?? ""} (${session.associated_id})`],
      ["type", session.type],
      ["status", session.status],
      ["started", when(session.started_at)],
      ["ended", when(session.ended_at)],
      ["length", sessionLength(session.started_at, session.ended_at, io.clock.now())],
      ["participants now / at peak", `${session.live_participants} / ${session.max_concurrent_participants}`],
      ["participant-minutes", participantMinutes(session.minutes_consumed)],
      ...(session.breakout_rooms ? [["breakout rooms", session.breakout_rooms.length]] : []),
    ],
  );
}
