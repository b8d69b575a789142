// Usage: deno run --allow-net=api.cloudflare.com \
//          --allow-env=CLOUDFLARE_API_TOKEN,CLOUDFLARE_ACCOUNT_ID,REALTIMEKIT_APP_ID,CLOUDFLARE_BASE_URL main.ts
// The app's live sessions, and who is in each right now. Only the permissions above are needed.
import { createSessionsClient } from "@realtimekit-sessions/client";

const client = createSessionsClient({
  apiToken: Deno.env.get("CLOUDFLARE_API_TOKEN") ?? "",
  accountId: Deno.env.get("CLOUDFLARE_ACCOUNT_ID"),
  appId: Deno.env.get("REALTIMEKIT_APP_ID"),
  baseUrl: Deno.env.get("CLOUDFLARE_BASE_URL"),
});

const { sessions } = await client.listSessions({ status: "LIVE" });
console.log(`${sessions.length} live sessions`);
for (const session of sessions) {
  const { participants } = await client.listParticipants(session.id);
  const inCall = participants.filter((participant) => !participant.left_at);
  console.log(`${session.meeting_display_name} (${session.id}): ${inCall.map((p) => p.display_name).join(", ")}`);
}
