// Usage: CLOUDFLARE_API_TOKEN=... CLOUDFLARE_ACCOUNT_ID=... REALTIMEKIT_APP_ID=... node index.mjs [from] [to]
// Adds up the minutes of every ended session between two dates (default: the last 30 days),
// then prints the transcript of the longest one as it downloads.
import { createSessionsClient, RealtimeKitApiError } from "@realtimekit-sessions/client";
import { createDownloads } from "@realtimekit-sessions/client/downloads";

const DAY_MS = 86_400_000;
const [from = new Date(Date.now() - 30 * DAY_MS).toISOString(), to = new Date().toISOString()] = process.argv.slice(2);

// Credentials, account and app come from the environment variables above.
const client = createSessionsClient();

let sessions = 0;
let minutes = 0;
let longest;
for await (const session of client.iterateSessions({ status: "ENDED", start_time: from, end_time: to, per_page: 50 })) {
  sessions += 1;
  minutes += session.minutes_consumed;
  if (!longest || session.minutes_consumed > longest.minutes_consumed) longest = session;
}
console.log(`${sessions} ended sessions from ${from} to ${to}: ${minutes.toFixed(1)} participant-minutes`);

if (longest) {
  console.log(`Transcript of "${longest.meeting_display_name}" (${longest.id}):`);
  try {
    for await (const row of createDownloads(client).downloadTranscript(longest.id)) {
      console.log(`  ${row.participantName}: ${row.text}`);
    }
  } catch (error) {
    if (!(error instanceof RealtimeKitApiError && error.status === 404)) throw error;
    console.log("  (no transcript)");
  }
}
