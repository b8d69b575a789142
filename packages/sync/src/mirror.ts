// The mirror: a backfill, then incremental syncs, and webhook deliveries, all writing through
// upserts keyed by the API's ids, each batch in one transaction with its checkpoint. A webhook
// is a hint to re-read the API, never the last word; so any order of syncs, deliveries and
// kills ends, after one more sync, where a fresh backfill of the same app would.
import {
  type Participant,
  RealtimeKitApiError,
  RealtimeKitError,
  type Session,
  type SessionsClient,
} from "@realtimekit-sessions/client";
import {
  type ChatRow,
  createDownloads,
  type DownloadOptions,
  RealtimeKitSummaryNotReadyError,
  type TranscriptRow,
} from "@realtimekit-sessions/client/downloads";
import {
  createWebhookVerifier,
  deliveryKey,
  RealtimeKitWebhookError,
  type WebhookEvent,
  type WebhookInput,
  type WebhookVerifierOptions,
} from "@realtimekit-sessions/client/webhooks";
import type { DatabaseInput, MirrorDatabase, Queryable } from "./database.js";
import { dialectOf } from "./dialect.js";
import { MirrorDatabaseError } from "./errors.js";
import { migrate } from "./migrate.js";
import {
  CHAT_MESSAGES,
  PARTICIPANT_GUARD,
  PARTICIPANTS,
  PEER_REPORTS,
  type PeerReportOf,
  type Placed,
  SESSIONS,
  type SessionParticipant,
  SUMMARIES,
  sessionGuard,
  TRANSCRIPT_UTTERANCES,
  timeOf,
  upsert,
} from "./rows.js";

/** What of each session the mirror reads besides the session itself. */
export type MirrorPart = "participants" | "chat" | "transcript" | "summary" | "peer_reports";

/** Every part, and the ones mirrored by default (peer reports cost a request per peer). */
export const MIRROR_PARTS: readonly MirrorPart[] = ["participants", "chat", "transcript", "summary", "peer_reports"];
const DEFAULT_INCLUDE: readonly MirrorPart[] = ["participants", "chat", "transcript", "summary"];
type FilePart = "chat" | "transcript" | "summary" | "peer_reports";
const FILE_PARTS: readonly FilePart[] = ["chat", "transcript", "summary", "peer_reports"];

/** What `createMirror` takes. */
export interface MirrorOptions {
  /** The client to read the API with; give it a pacer (`createPacer()`) to stay under the rate limit. */
  client: SessionsClient;
  /**
   * Where the mirror lives: a `postgres://` URL, a directory for the embedded PGlite database
   * (made on first use; `"memory://"` for one in memory), or a driver you already have (a PGlite instance, a `postgres` sql, a
   * `pg` pool), which `close()` leaves open.
   */
  database: DatabaseInput;
  /** What to mirror of each session. @default ["participants", "chat", "transcript", "summary"] */
  include?: readonly MirrorPart[] | undefined;
  /** How `handleWebhook` verifies deliveries: the webhook verifier's options. @default RealtimeKit's key, fetched */
  webhooks?: WebhookVerifierOptions | undefined;
  /**
   * How long after a session ended a sync still asks for a file (chat, transcript, summary, peer
   * report) that was not ready. Later, `sync({ since })` or the file's webhook reads it.
   * @default 86400000 (a day)
   */
  filesWaitMs?: number | undefined;
  /** Sessions per list page, and so per batch of writes. @default 100 */
  pageSize?: number | undefined;
  /**
   * Sessions of a page read at once (each its participants, then its files, one request at a
   * time). The client's pacer, when it has one, bounds the requests in flight as well.
   * @default 8
   */
  concurrency?: number | undefined;
  /** The clock that dates the files' wait. @default Date.now */
  now?: (() => number) | undefined;
}

/** What `mirror.sync()` takes. */
export interface SyncOptions {
  /**
   * Re-read every session started from this time on (ISO 8601 or a Date), whatever the mirror
   * holds: the first run's backfill starts there, and a later run revalidates from there.
   */
  since?: Date | string | undefined;
  /** Stops the sync between requests; what was committed stays, and the next run continues. */
  signal?: AbortSignal | undefined;
  /** Called after each committed batch. */
  onProgress?: ((progress: SyncProgress) => void) | undefined;
}

/** Where a sync is, after a batch. */
export interface SyncProgress {
  /** `sessions`: listing new sessions; `live`: re-reading live ones; `pending`: asking again for what was not ready. */
  phase: "sessions" | "live" | "pending";
  /** Items of the phase done. */
  done: number;
  /** Items of the phase in all, when known. */
  total: number | undefined;
}

/** What one sync did. */
export interface SyncSummary {
  /** Sessions written (new or changed). */
  sessions: number;
  /** Participants written. */
  participants: number;
  /** Files read: chats, transcripts, summaries and peer reports. */
  files: number;
  /** Sessions still live after it. */
  live: number;
  /** Files and sessions it will ask for again. */
  pending: number;
}

/** A mirror of one app's sessions in a database; see `createMirror`. */
export interface Mirror {
  /** The database it writes, for your own queries. */
  readonly database: MirrorDatabase;
  /**
   * Brings the mirror up to date: a backfill the first time, then new sessions since the last
   * run, live sessions until they end, and files until they are ready. Each batch commits with
   * its checkpoint: stopped or killed anywhere, the next run continues.
   */
  sync(options?: SyncOptions): Promise<SyncSummary>;
  /**
   * Takes a webhook delivery: verifies it, then writes what it says in one transaction with its
   * `deliveryKey`, so that a retried delivery changes nothing. Answers 200 once committed (or
   * when it was a duplicate), 400 to a delivery that fails verification, and 503 when the
   * database or the API failed, so that RealtimeKit retries.
   */
  handleWebhook(input: WebhookInput): Promise<Response>;
  /** Closes the database, if the mirror opened it. */
  close(): Promise<void>;
}

/** One session read from the API, with what was asked of it. */
interface SessionRead {
  session: Session;
  participants: readonly Participant[] | undefined;
  files: FileRead[];
}

type FileRead =
  | { part: "chat"; rows: ChatRow[] | undefined }
  | { part: "transcript"; rows: TranscriptRow[] | undefined }
  | { part: "summary"; text: string | undefined }
  | { part: "peer_reports"; reports: PeerReportOf[] | undefined };

/**
 * A mirror of the client's app in the database `open` makes of `options.database`: each entry
 * point (Node.js, Workers) gives the opener of the databases it can reach.
 */
export async function createMirrorWith(
  open: (input: DatabaseInput) => Promise<MirrorDatabase>,
  options: MirrorOptions,
): Promise<Mirror> {
  const { client } = options;
  if (typeof client?.listSessions !== "function")
    throw new TypeError("createMirror(): client must be a sessions client");
  const include = new Set(options.include ?? DEFAULT_INCLUDE);
  for (const part of include) {
    if (!MIRROR_PARTS.includes(part)) {
      throw new TypeError(`createMirror(): include takes ${MIRROR_PARTS.join(", ")}, not ${JSON.stringify(part)}`);
    }
  }
  const filesWaitMs = options.filesWaitMs ?? 86_400_000;
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw new TypeError(`createMirror(): pageSize must be a whole number from 1 to 100, not ${pageSize}`);
  }
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new TypeError(`createMirror(): concurrency must be a whole number from 1, not ${concurrency}`);
  }
  const now = options.now ?? Date.now;
  const webhookOptions = options.webhooks;
  const database = await open(options.database);
  const d = dialectOf(database);
  const T = {
    sessions: d.table("sessions"),
    participants: d.table("participants"),
    chat: d.table("chat_messages"),
    transcript: d.table("transcript_utterances"),
    peerReports: d.table("peer_reports"),
    state: d.table("sync_state"),
    work: d.table("sync_work"),
    deliveries: d.table("webhook_deliveries"),
  };
  try {
    await migrate(database);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  const downloads = createDownloads(client);
  let verifier: ReturnType<typeof createWebhookVerifier> | undefined;
  const failed = (error: unknown) => MirrorDatabaseError.from(error, database.description);
  const write = async <T>(work: (tx: Queryable) => Promise<T>): Promise<T> => {
    try {
      return await database.transaction(work);
    } catch (error) {
      throw error instanceof RealtimeKitError && !(error instanceof MirrorDatabaseError) ? error : failed(error);
    }
  };
  const read = async <Row extends object>(text: string, params?: readonly unknown[]) => {
    try {
      return await database.query<Row>(text, params);
    } catch (error) {
      throw failed(error);
    }
  };

  // ---- reading the API ----

  /** A file's rows, or undefined while the API says it is not there (yet). */
  async function file<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof RealtimeKitSummaryNotReadyError) return undefined;
      if (error instanceof RealtimeKitApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  async function readFile(
    session: Session,
    part: FilePart,
    participants: readonly Participant[] | undefined,
    signal: AbortSignal | undefined,
    link?: DownloadOptions["link"],
  ): Promise<FileRead> {
    const id = session.id;
    const with_ = { signal, ...(link ? { link } : {}) };
    switch (part) {
      case "chat":
        return { part, rows: await file(() => collect(downloads.downloadChat(id, with_))) };
      case "transcript":
        return { part, rows: await file(() => collect(downloads.downloadTranscript(id, with_))) };
      case "summary":
        return { part, text: await file(() => downloads.downloadSummary(id, with_)) };
      case "peer_reports": {
        const known = participants ?? (await collect(client.iterateParticipants(id, LISTED, { signal })));
        const reports: PeerReportOf[] = [];
        for (const participant of known) {
          const peers = new Set((participant.peer_events ?? []).map((event) => event.peer_id).filter(isText));
          for (const peerId of peers) {
            const found = await file(() => client.getPeerReport(peerId, undefined, { signal }));
            if (!found) return { part, reports: undefined };
            reports.push({ peerId, sessionId: id, participantId: String(participant.id), participant: found });
          }
        }
        return { part, reports };
      }
    }
  }

  /** A session as the API tells it now, with its participants and, once ended, the files asked for. */
  async function readSession(
    session: Session,
    files: readonly FilePart[],
    signal: AbortSignal | undefined,
  ): Promise<SessionRead> {
    const participants = include.has("participants")
      ? await collect(client.iterateParticipants(session.id, LISTED, { signal }))
      : undefined;
    const read: FileRead[] = [];
    if (session.status === "ENDED") {
      for (const part of files) if (include.has(part)) read.push(await readFile(session, part, participants, signal));
    }
    return { session, participants, files: read };
  }

  // ---- writing ----

  /** Writes what was read in `tx`; the files not there yet become work for the next sync. */
  async function writeReads(tx: Queryable, reads: readonly SessionRead[]): Promise<Counts> {
    const counts = { sessions: reads.length, participants: 0, files: 0 };
    await upsert(tx, d, SESSIONS, ["id"], dedupe(reads.map((r) => r.session)), (s) => s, { guard: sessionGuard(d) });
    const listed = reads.filter((r) => r.participants !== undefined);
    if (listed.length > 0) {
      const participants: SessionParticipant[] = listed.flatMap((r) =>
        (r.participants ?? []).filter((p) => isText(p.id)).map((p) => ({ ...p, sessionId: r.session.id })),
      );
      // Whoever the API no longer lists under the session (a row a webhook wrote ahead of it) goes.
      await tx.query(
        `DELETE FROM ${T.participants} WHERE ${d.inList("session_id", 1)} AND NOT (${d.inList("id", 2)})`,
        [d.list(listed.map((r) => r.session.id)), d.list(participants.map((p) => String(p.id)))],
      );
      await upsert(tx, d, PARTICIPANTS, ["id"], participants, ({ sessionId: _, ...p }) => p, {
        guard: PARTICIPANT_GUARD,
      });
      counts.participants = participants.length;
    }
    for (const { session, files } of reads) {
      const waiting = now() - Date.parse(timeOf(session.ended_at) ?? "") <= filesWaitMs;
      for (const read of files) counts.files += (await writeFile(tx, session.id, read, waiting)) ? 1 : 0;
    }
    // Read again: no longer to be re-read (one statement for the batch).
    await tx.query(`DELETE FROM ${T.work} WHERE ${d.inList("session_id", 1)} AND part = 'session'`, [
      d.list(reads.map((r) => r.session.id)),
    ]);
    return counts;
  }

  /**
   * Replaces a session's rows of one file. A file that was not there is recorded as work for the
   * next sync while `waiting` (its session ended recently), and forgotten otherwise.
   */
  async function writeFile(tx: Queryable, sessionId: string, read: FileRead, waiting: boolean): Promise<boolean> {
    const ready =
      read.part === "summary" ? read.text !== undefined : read.part === "peer_reports" ? !!read.reports : !!read.rows;
    if (!ready && !waiting) {
      await tx.query(`DELETE FROM ${T.work} WHERE session_id = $1 AND part = $2`, [sessionId, read.part]);
      return false;
    }
    if (!ready) {
      await tx.query(
        `INSERT INTO ${T.work} (session_id, part) VALUES ($1, $2)
         ON CONFLICT (session_id, part) DO UPDATE SET attempts = ${T.work}.attempts + 1`,
        [sessionId, read.part],
      );
      return false;
    }
    const placed = <T>(rows: readonly T[]): Placed<T>[] => rows.map((row, position) => ({ sessionId, position, row }));
    switch (read.part) {
      case "chat":
        await tx.query(`DELETE FROM ${T.chat} WHERE session_id = $1`, [sessionId]);
        await upsert(tx, d, CHAT_MESSAGES, ["session_id", "position"], placed(read.rows ?? []), (m) => m.row);
        break;
      case "transcript":
        await tx.query(`DELETE FROM ${T.transcript} WHERE session_id = $1`, [sessionId]);
        await upsert(tx, d, TRANSCRIPT_UTTERANCES, ["session_id", "position"], placed(read.rows ?? []), (u) => u.row);
        break;
      case "summary":
        await upsert(tx, d, SUMMARIES, ["session_id"], [{ sessionId, summary: read.text ?? "" }], (s) => ({
          summary: s.summary,
        }));
        break;
      case "peer_reports":
        await tx.query(`DELETE FROM ${T.peerReports} WHERE session_id = $1`, [sessionId]);
        await upsert(tx, d, PEER_REPORTS, ["peer_id"], read.reports ?? [], (r) => r.participant);
        break;
    }
    await tx.query(`DELETE FROM ${T.work} WHERE session_id = $1 AND part = $2`, [sessionId, read.part]);
    return true;
  }

  // ---- the sync ----

  /** The sessions of `ids` the mirror holds, with what says whether they changed. */
  async function known(ids: readonly string[]): Promise<Map<string, Known>> {
    const rows = await read<{ id: string; status: string | null; updated_at: unknown; stale: unknown }>(
      `SELECT s.id, s.status, s.updated_at,
         EXISTS (SELECT 1 FROM ${T.work} w WHERE w.session_id = s.id AND w.part = 'session') AS stale
       FROM ${T.sessions} s WHERE ${d.inList("s.id", 1)}`,
      [d.list(ids)],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        // SQLite answers a boolean as 1 or 0.
        { status: row.status, updated: timeOf(dateText(row.updated_at)), stale: Boolean(row.stale) },
      ]),
    );
  }

  async function sync(syncOptions: SyncOptions = {}): Promise<SyncSummary> {
    const { signal, onProgress } = syncOptions;
    const since = syncOptions.since === undefined ? undefined : timeOf(asTime(syncOptions.since));
    if (syncOptions.since !== undefined && since === null) {
      throw new TypeError(`sync(): since must be an ISO 8601 time or a Date, not ${JSON.stringify(syncOptions.since)}`);
    }
    const summary: SyncSummary = { sessions: 0, participants: 0, files: 0, live: 0, pending: 0 };
    const add = (counts: Counts) => {
      summary.sessions += counts.sessions;
      summary.participants += counts.participants;
      summary.files += counts.files;
    };
    const touched = new Set<string>();

    // 1. Sessions started since the cursor (or `since`), oldest first: new ones append at the
    // end of this order, so paging never skips one; each page commits with the cursor after it.
    const [state] = await read<{ value: unknown }>(`SELECT value FROM ${T.state} WHERE name = 'cursor'`);
    const value = state ? d.parsed<unknown>(state.value) : undefined;
    const cursor = typeof value === "string" ? value : undefined;
    const from = since ?? cursor;
    let done = 0;
    const list = (page: number) => {
      const query = { sort_by: "createdAt", sort_order: "ASC", per_page: pageSize, page_no: page } as const;
      const listing = client.listSessions(from ? { ...query, start_time: from } : query, { signal });
      // Awaited in the next round; until then, a failure is not an unhandled rejection.
      listing.catch(() => {});
      return listing;
    };
    // Pipelined as the export is: the next page is listed while this page's sessions are read,
    // and a page commits while the next one is read. Pages commit in order, so the cursor only
    // moves forward, and a failure waits for the commit in flight before it is thrown.
    let listing = list(1);
    let writing: Promise<void> = Promise.resolve();
    try {
      for (let page = 1; ; page++) {
        signal?.throwIfAborted();
        const { sessions, paging } = await listing;
        done += sessions.length;
        const more = !(sessions.length < pageSize || (paging?.total_count !== undefined && done >= paging.total_count));
        if (more) listing = list(page + 1);
        const mirrored = await known(sessions.map((s) => s.id));
        const changed = sessions.filter((session) => {
          const before = mirrored.get(session.id);
          touched.add(session.id);
          const unchanged =
            before &&
            !before.stale &&
            before.status === session.status &&
            before.updated === timeOf(session.updated_at);
          return since !== undefined || !unchanged;
        });
        // Files are read once a session has ended, the first time it is seen ended (or every
        // time when revalidating from `since`).
        const reads = await inParallel(changed, concurrency, (session) =>
          readSession(
            session,
            since !== undefined || mirrored.get(session.id)?.status !== "ENDED" ? FILE_PARTS : [],
            signal,
          ),
        );
        const last = sessions.at(-1)?.started_at;
        const progress = { phase: "sessions" as const, done, total: paging?.total_count };
        await writing;
        writing = write(async (tx) => {
          const counts = await writeReads(tx, reads);
          if (last) {
            await tx.query(
              `INSERT INTO ${T.state} (name, value) VALUES ('cursor', ${d.jsonText(1)})
               ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = ${d.now}
               WHERE ${d.jsonString(`${T.state}.value`)} < ${d.jsonString("excluded.value")}`,
              [timeOf(last)],
            );
          }
          return counts;
        }).then((counts) => {
          add(counts);
          onProgress?.(progress);
        });
        writing.catch(() => {});
        if (!more) break;
      }
      await writing;
    } catch (error) {
      await writing.catch(() => {});
      throw error;
    }

    // 2. Sessions the mirror holds as live, and those a webhook asked to re-read: each read
    // again; its participants and files too when it changed.
    const stale = await read<{ id: string; status: string | null; updated_at: unknown }>(
      `SELECT s.id, s.status, s.updated_at FROM ${T.sessions} s
       WHERE s.status = 'LIVE' OR s.status IS NULL
          OR EXISTS (SELECT 1 FROM ${T.work} w WHERE w.session_id = s.id AND w.part = 'session')
       ORDER BY s.started_at, s.id`,
    );
    const again = stale.filter((row) => !touched.has(row.id));
    for (const [index, row] of again.entries()) {
      signal?.throwIfAborted();
      touched.add(row.id);
      const session = await file(() => client.getSession(row.id, undefined, { signal }));
      const reread = await read<{ part: string }>(
        `SELECT part FROM ${T.work} WHERE session_id = $1 AND part = 'session'`,
        [row.id],
      );
      const changed =
        session !== undefined &&
        (reread.length > 0 ||
          session.status !== row.status ||
          timeOf(session.updated_at) !== timeOf(dateText(row.updated_at)));
      if (changed) {
        const files = row.status !== "ENDED" ? FILE_PARTS : [];
        const sessionRead = await readSession(session, files, signal);
        add(await write((tx) => writeReads(tx, [sessionRead])));
      }
      onProgress?.({ phase: "live", done: index + 1, total: again.length });
    }

    // 3. Files that were not ready: asked for again while their session ended recently enough.
    const work = await read<{ session_id: string; part: FilePart; ended_at: unknown; record: unknown }>(
      `SELECT w.session_id, w.part, s.ended_at, s.record FROM ${T.work} w
       JOIN ${T.sessions} s ON s.id = w.session_id
       WHERE w.part <> 'session' ORDER BY w.session_id, w.part`,
    );
    for (const [index, item] of work.entries()) {
      signal?.throwIfAborted();
      const endedMs = Date.parse(timeOf(dateText(item.ended_at)) ?? "");
      if (!include.has(item.part) || !(now() - endedMs <= filesWaitMs)) {
        // Given up on: no longer asked for, or too long after the session ended.
        await write((tx) =>
          tx.query(`DELETE FROM ${T.work} WHERE session_id = $1 AND part = $2`, [item.session_id, item.part]),
        );
        continue;
      }
      const fileRead = await readFile(d.parsed<Session>(item.record), item.part, undefined, signal);
      summary.files += (await write((tx) => writeFile(tx, item.session_id, fileRead, true))) ? 1 : 0;
      onProgress?.({ phase: "pending", done: index + 1, total: work.length });
    }

    const [after] = await read<{ live: unknown; pending: unknown }>(
      `SELECT (SELECT count(*) FROM ${T.sessions} WHERE status = 'LIVE') AS live,
              (SELECT count(*) FROM ${T.work}) AS pending`,
    );
    summary.live = Number(after?.live ?? 0);
    summary.pending = Number(after?.pending ?? 0);
    return summary;
  }

  // ---- webhooks ----

  async function handleWebhook(input: WebhookInput): Promise<Response> {
    let event: WebhookEvent;
    let key: string;
    try {
      verifier ??= createWebhookVerifier(webhookOptions);
      key = await deliveryKey(input);
      event = await verifier.verify(input);
    } catch (error) {
      if (error instanceof RealtimeKitWebhookError && error.reason === "key-unavailable") {
        return answer(503, "the key to verify the delivery could not be fetched; retry later");
      }
      return answer(400, error instanceof Error ? error.message : "the delivery could not be verified");
    }
    try {
      const seen = await read(`SELECT 1 FROM ${T.deliveries} WHERE delivery_key = $1`, [key]);
      if (seen.length > 0) return answer(200, "duplicate");
      const effect = await effectOf(event);
      const written = await write(async (tx) => {
        const [inserted] = await tx.query(
          `INSERT INTO ${T.deliveries} (delivery_key, event, session_id, payload)
           VALUES ($1, $2, $3, ${d.json(4)}) ON CONFLICT (delivery_key) DO NOTHING RETURNING delivery_key`,
          [key, event.event, sessionIdOf(event) ?? null, JSON.stringify(event)],
        );
        // A batch (D1) tells nothing until it commits: the check above is its de-duplication,
        // and a copy delivered at the same instant writes what the first wrote, once more.
        if (!inserted && !database.batched) return false;
        await effect(tx);
        return true;
      });
      return answer(200, written ? "ok" : "duplicate");
    } catch (error) {
      const message = error instanceof Error ? error.message.split("\n")[0] : "failed";
      return answer(503, `not stored, retry: ${message}`);
    }
  }

  /**
   * What a verified event does to the mirror: the API's reads made first, then a function that
   * writes them in the delivery's transaction.
   */
  async function effectOf(event: WebhookEvent): Promise<(tx: Queryable) => Promise<unknown>> {
    const sessionId = sessionIdOf(event);
    if (!sessionId) return async () => {};
    const meeting = (event as { meeting?: Record<string, unknown> }).meeting ?? {};
    switch (event.event) {
      case "meeting.started":
        return (tx) => writeMeeting(tx, sessionId, meeting, "LIVE");
      case "meeting.participantJoined":
      case "meeting.participantLeft": {
        const participant = (event as { participant?: Record<string, unknown> }).participant ?? {};
        return async (tx) => {
          await writeMeeting(tx, sessionId, meeting, "LIVE");
          await writeParticipantEvent(tx, sessionId, participant, event.event === "meeting.participantLeft");
        };
      }
      case "meeting.ended": {
        // A payload never outranks the API: the session and its participants are read again.
        const session = await client.getSession(sessionId);
        const reads = [await readSession(session, FILE_PARTS, undefined)];
        return (tx) => writeReads(tx, reads);
      }
      case "meeting.chatSynced":
      case "meeting.transcript":
      case "meeting.summary": {
        const part =
          event.event === "meeting.chatSynced"
            ? "chat"
            : event.event === "meeting.transcript"
              ? "transcript"
              : "summary";
        if (!include.has(part)) return async () => {};
        const links = event as Record<string, unknown>;
        const url = links[`${part}DownloadUrl`];
        const expiry = links[`${part}DownloadUrlExpiry`];
        const link = typeof url === "string" ? { url, ...(typeof expiry === "string" ? { expiry } : {}) } : undefined;
        const [mirrored] = await read<{ record: Session }>(
          `SELECT record FROM ${T.sessions} WHERE id = $1 AND ${d.hasKey("record", "status")}`,
          [sessionId],
        );
        // A session the mirror does not hold yet is read whole: its other files too.
        const others = FILE_PARTS.filter((other) => other !== part);
        const reads = mirrored ? [] : [await readSession(await client.getSession(sessionId), others, undefined)];
        const session = mirrored ? d.parsed<Session>(mirrored.record) : (reads[0] as SessionRead).session;
        const fileRead = await readFile(session, part, undefined, undefined, link);
        return async (tx) => {
          await writeReads(tx, reads);
          await writeFile(tx, sessionId, fileRead, true);
        };
      }
      default:
        // Kept raw in webhook_deliveries, as every delivery is.
        return async () => {};
    }
  }

  /**
   * The session a delivery is about, as its payload tells it: written only when the mirror does
   * not hold it yet, and marked to be read again from the API by the next sync.
   */
  async function writeMeeting(tx: Queryable, sessionId: string, meeting: Record<string, unknown>, status: string) {
    const session = {
      id: sessionId,
      associated_id: meeting.id,
      meeting_display_name: meeting.title,
      status,
      started_at: meeting.startedAt,
      created_at: meeting.createdAt,
      organization_id: (meeting.organizedBy as { id?: unknown } | undefined)?.id,
    } as unknown as Session;
    await upsert(tx, d, SESSIONS, ["id"], [session], () => ({ ...meeting, sessionId }), { guard: "false" });
    await tx.query(
      `INSERT INTO ${T.work} (session_id, part) VALUES ($1, 'session') ON CONFLICT (session_id, part) DO NOTHING`,
      [sessionId],
    );
  }

  /** A participant joining or leaving, as its delivery tells it, until the next sync reads the API. */
  async function writeParticipantEvent(
    tx: Queryable,
    sessionId: string,
    participant: Record<string, unknown>,
    left: boolean,
  ) {
    const peerId = typeof participant.peerId === "string" ? participant.peerId : undefined;
    if (!peerId) return;
    // Statements only, nothing read in between: on D1 the transaction is one batch.
    const known = (at: number, p: string) =>
      `${p}session_id = $${at} AND (${p}id = $${at + 1} OR ${d.holds(`${p}record`, "peer_events", "peer_id", at + 1)})`;
    if (left) {
      await tx.query(
        `UPDATE ${T.participants} SET left_at = $3, synced_at = ${d.now} WHERE ${known(1, "")} AND left_at IS NULL`,
        [sessionId, peerId, timeOf(participant.leftAt) ?? new Date(now()).toISOString()],
      );
    }
    const row = {
      id: peerId,
      sessionId,
      custom_participant_id: participant.customParticipantId,
      display_name: participant.userDisplayName,
      joined_at: participant.joinedAt,
      left_at: left ? participant.leftAt : null,
    } as unknown as SessionParticipant;
    await upsert(tx, d, PARTICIPANTS, ["id"], [row], () => participant, {
      guard: "false",
      only: `NOT EXISTS (SELECT 1 FROM ${T.participants} k WHERE ${known(2, "k.")})`,
      params: [sessionId, peerId],
    });
  }

  return {
    database,
    sync,
    handleWebhook,
    close: () => database.close(),
  };
}

/** What the mirror holds of a session: enough to tell whether the API's has changed. */
interface Known {
  status: string | null;
  updated: string | null;
  /** A webhook asked for it to be read again. */
  stale: boolean;
}

interface Counts {
  sessions: number;
  participants: number;
  files: number;
}

/** How participants are listed: with their peers' events, whose ids the peer reports are read by. */
const LISTED = { include_peer_events: true, per_page: 100 } as const;

function sessionIdOf(event: WebhookEvent): string | undefined {
  const id = (event as { meeting?: { sessionId?: unknown } }).meeting?.sessionId;
  return typeof id === "string" && id !== "" ? id : undefined;
}

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";

/** A driver's time (a Date, or text) as text `timeOf` reads. */
const dateText = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);
const asTime = (value: Date | string): unknown => (value instanceof Date ? value.getTime() : value);

/** `work` over `items`, at most `limit` at once, the results in the order of the items; the first failure rejects. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    // After a failure the other workers take no new item: the batch is lost anyway.
    while (next < items.length && !failed) {
      const at = next++;
      try {
        results[at] = await work(items[at] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Every item of an async iterable (`Array.fromAsync`, which Node.js 20 lacks). */
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The last of each id: one statement cannot update a row twice. */
function dedupe(sessions: readonly Session[]): Session[] {
  return [...new Map(sessions.map((session) => [session.id, session])).values()];
}

function answer(status: number, message: string): Response {
  return new Response(`${JSON.stringify({ status: status < 300 ? "stored" : "refused", message })}\n`, {
    status,
    headers: { "content-type": "application/json" },
  });
}
