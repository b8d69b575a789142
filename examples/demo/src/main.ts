// The demo: a report of the latest session of a RealtimeKit app. Against the embedded Prism
// mock by default; against the real API when CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID and
// REALTIMEKIT_APP_ID are all set.
import { createSessionsClient, RealtimeKitApiError, type SessionsClient } from "@realtimekit-sessions/client";
import { startMockServer } from "@realtimekit-sessions/mock";
import { participantsTable, sessionDetails, sessionsTable, when } from "./report.js";

const LIVE_VARIABLES = ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID", "REALTIMEKIT_APP_ID"] as const;

// Sample ids the mock accepts; any well-formed ids would do.
const MOCK_ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
const MOCK_APP = "4f1d2b9c8e7a6d5c4b3a291807f6e5d4";

// A reader that stops early (`pnpm demo | head`) closes the pipe: the demo then ends quietly,
// rather than with an unhandled EPIPE. Exiting takes the mock's process with it.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

async function main(): Promise<number> {
  const set = LIVE_VARIABLES.filter((name) => process.env[name]);
  if (set.length > 0 && set.length < LIVE_VARIABLES.length) {
    const missing = LIVE_VARIABLES.filter((name) => !process.env[name]);
    console.error(
      `To use the real API, set ${missing.join(" and ")} too (or unset ${set.join(", ")} to use the mock).`,
    );
    return 2;
  }

  if (set.length === LIVE_VARIABLES.length) {
    const baseUrl = process.env.CLOUDFLARE_BASE_URL;
    const client = createSessionsClient({
      apiToken: process.env.CLOUDFLARE_API_TOKEN ?? "",
      accountId: process.env.CLOUDFLARE_ACCOUNT_ID ?? "",
      appId: process.env.REALTIMEKIT_APP_ID ?? "",
      ...(baseUrl && { baseUrl }),
    });
    console.log(`Using the real Cloudflare API at ${baseUrl ?? "https://api.cloudflare.com/client/v4"}.`);
    return report(client);
  }

  await using mock = await startMockServer();
  const client = createSessionsClient({
    apiToken: "demo-token",
    accountId: MOCK_ACCOUNT,
    appId: MOCK_APP,
    baseUrl: mock.url,
  });
  console.log(`Using the embedded Prism mock at ${mock.url}, which answers with the spec's examples.`);
  console.log(`(Set ${LIVE_VARIABLES.join(", ")} to use the real API.)`);
  // Awaited here, not just returned: the mock must outlive the report.
  return await report(client);
}

async function report(client: SessionsClient): Promise<number> {
  const { sessions, paging } = await client.listSessions({ per_page: 10, sort_by: "createdAt", sort_order: "DESC" });
  console.log(`\nSessions (${sessions.length} shown of ${paging?.total_count ?? "?"})`);
  if (sessions.length === 0) {
    console.log("  This app has no sessions yet.");
    return 0;
  }
  for (const line of sessionsTable(sessions)) console.log(line);

  // Exports exist once a session has ended, so prefer the latest ended one.
  const chosen = sessions.find((session) => session.status === "ENDED") ?? sessions[0];
  if (!chosen) return 0;
  const session = await client.getSession(chosen.id, { include_breakout_rooms: true });
  console.log(`\nSession "${session.meeting_display_name}"`);
  for (const line of sessionDetails(session)) console.log(line);

  const { participants, paging: participantPaging } = await client.listParticipants(session.id, { per_page: 20 });
  console.log(`\nParticipants (${participants.length} shown of ${participantPaging?.total_count ?? "?"})`);
  for (const line of participantsTable(participants)) console.log(line);

  console.log("\nDownloads (short-lived links, fetched without API credentials)");
  const [chat, transcript, summary] = await Promise.allSettled([
    client.getChatDownload(session.id).then((link) => [link.chat_download_url, link.chat_download_url_expiry]),
    client
      .getTranscriptDownload(session.id)
      .then((link) => [link.transcript_download_url, link.transcript_download_url_expiry]),
    client.getSummaryDownload(session.id).then((link) => [link.summaryDownloadUrl, link.summaryDownloadUrlExpiry]),
  ]);
  printLink("chat (CSV)", chat);
  printLink("transcript (CSV)", transcript);
  printLink("summary (Markdown)", summary);
  return 0;
}

// Width of the longest link label, "summary (Markdown)".
const LINK_LABEL = 18;

function printLink(label: string, result: PromiseSettledResult<string[]>): void {
  if (result.status === "fulfilled") {
    const [url, expiry] = result.value;
    console.log(`  ${label.padEnd(LINK_LABEL)} ${url}\n  ${"".padEnd(LINK_LABEL)} expires ${when(expiry ?? "")}`);
  } else if (result.reason instanceof RealtimeKitApiError && result.reason.status === 404) {
    console.log(`  ${label.padEnd(LINK_LABEL)} not available yet (the API answered 404)`);
  } else {
    throw result.reason;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`\nThe demo stopped: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof RealtimeKitApiError && (error.status === 401 || error.status === 403)) {
      console.error("Check that the token is valid and has the Realtime or Realtime Admin permission.");
    }
    process.exitCode = 1;
  },
);
