// What every runtime must do with the client, written once in plain JavaScript so that each
// runtime runs it as it is (workerd after bundling, as wrangler does): every operation, a full
// pagination walk, streamed transcript downloads, a typed error, a retry after a 503 and an
// abort, a signed webhook delivery verified (and a tampered one refused), against the
// in-process fake; then a walk and a download over the runtime's own
// `fetch`, against the fake served on loopback by the test. The result is plain data, which
// the test compares with the same scenario's result on the host's Node.js.
import { createSessionsClient, RealtimeKitApiError, RealtimeKitError } from "@realtimekit-sessions/client";
import { createDownloads } from "@realtimekit-sessions/client/downloads";
import { createWebhookVerifier, deliveryKey, isWebhookEvent } from "@realtimekit-sessions/client/webhooks";
import { createFakeApi } from "@realtimekit-sessions/testing";

/** The fake's data: the same on every runtime for this seed. */
export const SEED = 7;
export const SESSIONS = 45;
/** The fakes' present, fixed, so that every runtime, run at its own moment, sees the same data. */
export const NOW = "2026-11-30T12:00:00Z";

/** @param {import("@realtimekit-sessions/testing").FakeApi} fake */
function clientOf(fake, fetch = fake.fetch) {
  return createSessionsClient({
    apiToken: "runtime-test-token",
    accountId: fake.accountId,
    appId: fake.appId,
    baseUrl: fake.baseUrl,
    fetch,
    retryDelayMs: 1,
  });
}

/** @template T @param {AsyncIterable<T>} items @returns {Promise<T[]>} */
async function all(items) {
  const result = [];
  for await (const item of items) result.push(item);
  return result;
}

/** @param {unknown} error */
function described(error) {
  return {
    name: error instanceof Error ? error.name : typeof error,
    isRealtimeKitError: error instanceof RealtimeKitError,
    status: error instanceof RealtimeKitApiError ? error.status : undefined,
  };
}

/**
 * @param {{ networkUrl?: string | undefined }} [options] the origin at which the test serves
 *   the same fake over HTTP, for the steps that use the runtime's own fetch
 */
export async function runScenario(options = {}) {
  const fake = createFakeApi({ seed: SEED, sessions: SESSIONS, now: NOW });
  const client = clientOf(fake);
  const downloads = createDownloads(client);
  const ended = fake.sessions.find(
    ({ session, transcript, chat }) => session.status === "ENDED" && transcript.length > 0 && chat.length > 0,
  );
  if (!ended) throw new Error("the seed gives no ended session with a transcript and a chat");
  const sessionId = ended.session.id;
  const participant = ended.participants[0];
  const peerId = participant?.peer_events?.[0]?.peer_id ?? "";

  const list = await client.listSessions({ status: "ENDED", per_page: 5 });
  const operations = {
    listSessions: { count: list.sessions.length, total: list.paging?.total_count },
    getSession: (await client.getSession(sessionId, { include_breakout_rooms: true })).id,
    listParticipants: (await client.listParticipants(sessionId)).participants.map((item) => item.id),
    getParticipant: (await client.getParticipant(sessionId, participant?.id ?? "")).display_name,
    getPeerReport: (await client.getPeerReport(peerId, { filters: ["device_info"] })).peer_report?.metadata
      ?.device_info,
    getChatDownload: typeof (await client.getChatDownload(sessionId)).chat_download_url,
    getTranscriptDownload: (await client.getTranscriptDownload(sessionId, { format: "JSON" })).sessionId,
    generateSummary: await client.generateSummary(sessionId),
    getSummaryDownload: typeof (await client.getSummaryDownload(sessionId)).summaryDownloadUrl,
  };

  const walked = await all(client.iterateSessions({ per_page: 7 }));
  const transcript = await all(downloads.downloadTranscript(sessionId));
  const transcriptJson = await all(downloads.downloadTranscript(sessionId, { format: "JSON" }));
  const subtitles = await downloads.downloadTranscript(sessionId, { format: "VTT" });
  const chat = await all(downloads.downloadChat(sessionId));
  const summary = await downloads.downloadSummary(sessionId);

  const notFound = await client.getSession("00000000-0000-4000-8000-000000000000").catch(described);

  fake.fail("listSessions", { status: 503, retryAfter: 0 });
  const before = fake.requests.length;
  const retried = await client.listSessions({ per_page: 1 });
  const retry = {
    count: retried.sessions.length,
    statuses: fake.requests.slice(before).map((request) => request.status),
  };

  // A fetch that never answers, until the caller's signal ends it.
  /** @param {Request} request @returns {Promise<Response>} */
  const hanging = (request) =>
    new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
  const controller = new AbortController();
  const pending = clientOf(fake, hanging).listSessions({}, { signal: controller.signal }).catch(described);
  setTimeout(() => controller.abort(new Error("the caller gave up")), 10);
  const aborted = await pending;

  // A webhook delivery the fake signs, verified with WebCrypto under the key it serves.
  const verifier = createWebhookVerifier({ keyUrl: fake.webhooks.keyUrl, fetch: fake.fetch });
  const payload = { event: "meeting.transcript", meeting: { id: ended.session.associated_id, sessionId } };
  const delivery = await fake.webhooks.request(payload, { url: "https://backend.example.com/webhook" });
  const verified = await verifier.verify(delivery);
  const body = await delivery.clone().text();
  const webhooks = {
    event: verified.event,
    sessionId: isWebhookEvent(verified, "meeting.transcript") ? verified.meeting?.sessionId : undefined,
    key: await deliveryKey(delivery),
    tampered: await verifier.verify({ body: `${body} `, headers: delivery.headers }).catch(described),
  };

  let network;
  if (options.networkUrl) {
    const served = createFakeApi({
      seed: SEED,
      sessions: SESSIONS,
      now: NOW,
      baseUrl: `${options.networkUrl}/client/v4`,
      storageUrl: `${options.networkUrl}/storage`,
    });
    const remote = createSessionsClient({
      apiToken: "runtime-test-token",
      accountId: served.accountId,
      appId: served.appId,
      baseUrl: served.baseUrl,
    });
    network = {
      walked: (await all(remote.iterateSessions({ per_page: 10 }))).map((session) => session.id),
      transcript: (await all(createDownloads(remote).downloadTranscript(sessionId))).map((row) => row.text),
    };
  }

  return {
    operations,
    walk: { count: walked.length, ids: walked.map((session) => session.id) },
    transcript: transcript.map((row) => [row.startedAt, row.participantName, row.text]),
    transcriptJson: transcriptJson.map((row) => [row.startMs, row.endMs, row.text]),
    subtitles,
    chat: chat.map((row) => [row.displayName, row.payload, row.pinned]),
    summary,
    notFound,
    retry,
    aborted,
    webhooks,
    network,
  };
}
