// Usage: CLOUDFLARE_API_TOKEN=... CLOUDFLARE_ACCOUNT_ID=... REALTIMEKIT_APP_ID=... bun index.ts [sessions]
// The participants who spent the most minutes in the app's latest ended sessions (default 20).
import { createSessionsClient } from "@realtimekit-sessions/client";

const limit = Number(Bun.argv[2] ?? 20);
const client = createSessionsClient();

const minutesByName = new Map<string, number>();
let seen = 0;
for await (const session of client.iterateSessions({ status: "ENDED", per_page: Math.min(limit, 100) })) {
  for await (const participant of client.iterateParticipants(session.id)) {
    const name = participant.display_name ?? participant.custom_participant_id ?? "unknown";
    minutesByName.set(name, (minutesByName.get(name) ?? 0) + (participant.duration ?? 0));
  }
  if (++seen >= limit) break;
}

console.log(`Top participants over ${seen} ended sessions:`);
for (const [name, minutes] of [...minutesByName].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
  console.log(`  ${name.padEnd(12)} ${minutes.toFixed(1)} min`);
}
