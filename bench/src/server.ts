// The loopback API the benchmarks call, run as its own process so that its work never counts
// as the client's. It answers the two session operations, pages of sessions with an added
// latency, the transcript link, and a generated CSV transcript of any size.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const PREFIX =
  "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/realtime/kit/4f1d2b9c8e7a6d5c4b3a291807f6e5d4/sessions";
const SESSION_ID = "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d";

function session(index: number) {
  return {
    id: `${SESSION_ID.slice(0, 24)}${String(index).padStart(12, "0")}`,
    associated_id: "bbbf5e93-289c-4c9b-bd44-d677a9206df7",
    meeting_display_name: `Weekly product sync #${index}`,
    type: "meeting",
    status: "ENDED",
    live_participants: 0,
    max_concurrent_participants: 4,
    minutes_consumed: 42.5,
    organization_id: "4f1d2b9c8e7a6d5c4b3a291807f6e5d4",
    started_at: "2026-11-01T10:00:00.000Z",
    ended_at: "2026-11-01T10:45:00.000Z",
    created_at: "2026-11-01T09:59:59.000Z",
    updated_at: "2026-11-01T10:45:01.000Z",
  };
}

const SESSION_BODY = JSON.stringify({ success: true, data: session(1) });
const LIST_BODY = JSON.stringify({
  success: true,
  data: { sessions: Array.from({ length: 20 }, (_, index) => session(index)) },
  paging: { start_offset: 1, end_offset: 20, total_count: 20 },
});

function json(response: ServerResponse, text: string): void {
  response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

/**
 * Streams `bytes` of transcript CSV in the documented layout with a header row (Cloudflare's
 * transcription guide), respecting backpressure, never holding the file.
 */
function transcript(response: ServerResponse, bytes: number): void {
  response.writeHead(200, { "content-type": "text/csv" });
  response.write("Timestamp,Participant ID,User ID,Custom Participant ID,Participant Name,Transcript\n");
  let sent = 0;
  let line = 0;
  const pump = () => {
    while (sent < bytes) {
      let chunk = "";
      while (chunk.length < 64 * 1024) {
        line++;
        const speaker = line % 7;
        chunk += `${new Date(1_700_000_000_000 + line * 1500).toISOString()},peer-${speaker},user-${speaker},cust-${speaker},Speaker ${speaker},"Line ${line}, with a comma and a ""quote"" in it"\n`;
      }
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once("drain", pump);
    }
    response.end();
  };
  pump();
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://bench");
  request.resume();
  if (url.pathname === `${PREFIX}/${SESSION_ID}`) return json(response, SESSION_BODY);
  if (url.pathname === PREFIX && !url.searchParams.has("latency")) return json(response, LIST_BODY);
  if (url.pathname === PREFIX) {
    // Paged list: page_no from 1, per_page sessions each, total given, after a delay.
    const page = Number(url.searchParams.get("page_no") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 100);
    const total = Number(url.searchParams.get("total") ?? 100_000);
    const from = (page - 1) * perPage;
    const sessions = Array.from({ length: Math.max(0, Math.min(perPage, total - from)) }, (_, i) => session(from + i));
    const body = JSON.stringify({ success: true, data: { sessions }, paging: { total_count: total } });
    setTimeout(() => json(response, body), Number(url.searchParams.get("latency")));
    return;
  }
  if (url.pathname === `${PREFIX}/${SESSION_ID}/transcript`) {
    const bytes = String(request.headers["x-bench-bytes"] ?? "1000000");
    return json(
      response,
      JSON.stringify({
        success: true,
        data: {
          sessionId: SESSION_ID,
          transcript_download_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/files/transcript.csv?bytes=${bytes}`,
          transcript_download_url_expiry: new Date(Date.now() + 3_600_000).toISOString(),
        },
      }),
    );
  }
  if (url.pathname === "/files/transcript.csv") return transcript(response, Number(url.searchParams.get("bytes")));
  response.writeHead(404).end();
});

server.listen(0, "127.0.0.1", () => {
  process.send?.({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on("disconnect", () => process.exit(0));
