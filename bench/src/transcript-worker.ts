// One transcript download, in its own process so its memory is its own. Prints a JSON result.
//   node --import tsx transcript-worker.ts <origin> <raw|naive|papaparse|ours> <bytes>
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { createSessionsClient } from "@realtimekit-sessions/client";
import { createDownloads } from "@realtimekit-sessions/client/downloads";
import Papa from "papaparse";
import { ACCOUNT, APP, SESSION, TOKEN } from "./harness.js";

const [origin = "", mode = "ours", bytesText = "1000000"] = process.argv.slice(2);
const file = `${origin}/files/transcript.csv?bytes=${bytesText}`;

let bytes = 0;
let rows = 0;
const start = performance.now();
if (mode === "raw") {
  // The limit: read the bytes, parse nothing.
  const reader = (await fetch(file)).body?.getReader();
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read())
    bytes += chunk.value.length;
} else if (mode === "papaparse") {
  // The parser the client uses, streaming the same bytes on its own, as fast as it goes: its
  // Node stream input, a batch of records per chunk.
  const body = (await fetch(file)).body as WebReadableStream<Uint8Array>;
  await new Promise<void>((resolve, reject) => {
    Papa.parse(Readable.fromWeb(body) as unknown as File, {
      delimiter: ",",
      newline: "\n",
      chunk: (results: Papa.ParseResult<string[]>) => {
        for (const record of results.data) {
          rows++;
          bytes += record[5]?.length ?? 0;
        }
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });
  bytes = Number(bytesText);
} else if (mode === "naive") {
  // What a hurried user writes: the whole file as one string, split into lines and fields.
  const text = await (await fetch(file)).text();
  bytes = Buffer.byteLength(text);
  const lines = text.split("\n").filter(Boolean);
  for (const line of lines.slice(1)) if (line.split(",").length > 0) rows++;
} else {
  const client = createSessionsClient({
    apiToken: TOKEN,
    accountId: ACCOUNT,
    appId: APP,
    baseUrl: `${origin}/client/v4`,
  });
  const downloads = createDownloads(client);
  // The bench server makes the file as large as this header asks.
  const headers = { "x-bench-bytes": bytesText };
  for await (const row of downloads.downloadTranscript(SESSION, { format: "CSV", headers })) {
    rows++;
    bytes += row.text?.length ?? 0;
  }
  bytes = Number(bytesText);
}
const seconds = (performance.now() - start) / 1000;
process.stdout.write(JSON.stringify({ bytes, rows, seconds, maxRss: process.resourceUsage().maxRSS / 1024 }));
