// CSV parsing across batch boundaries: a file far larger than one parse batch, served in small
// chunks, whose quoted fields hold line breaks, commas and quotes.
import { expect, test } from "vitest";
import { createDownloads } from "../src/downloads.js";
import { createSessionsClient } from "../src/index.js";

const ROWS = 40_000;
const message = (index: number) => `Line ${index}, said "hello"\nand then\r\nmore`;
const csv = `id,message\n${Array.from({ length: ROWS }, (_, index) => `${index},"${message(index).replaceAll('"', '""')}"`).join("\n")}\n`;

/** A client whose API hands out a chat link and whose storage serves `csv` in small chunks. */
function clientServing(body: string) {
  const bytes = new TextEncoder().encode(body);
  return createSessionsClient({
    apiToken: "t",
    accountId: "a",
    appId: "b",
    baseUrl: "https://api.example.com/client/v4",
    fetch: async (request) => {
      if (new URL(request.url).host === "api.example.com") {
        return Response.json({
          success: true,
          data: {
            chat_download_url: "https://files.example.com/chat.csv",
            chat_download_url_expiry: "2999-01-01T00:00:00Z",
          },
        });
      }
      let offset = 0;
      return new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (offset >= bytes.length) return controller.close();
            controller.enqueue(bytes.slice(offset, offset + 7_919));
            offset += 7_919;
          },
        }),
      );
    },
  });
}

test("parses records whose quoted fields hold line breaks, across many batches", async () => {
  expect(csv.length).toBeGreaterThan(4 * 256 * 1024);
  const rows = [];
  for await (const row of createDownloads(clientServing(csv)).downloadChat("session")) rows.push(row);

  expect(rows).toHaveLength(ROWS);
  for (const index of [0, 1, 4_999, 12_345, ROWS - 1])
    expect(rows[index]).toEqual({ id: String(index), message: message(index) });
});

test("refuses a record with more fields than the header", async () => {
  const downloads = createDownloads(clientServing("id,message\n1,hello\n2,hello,extra\n"));
  await expect(
    (async () => {
      for await (const _ of downloads.downloadChat("session")) {
        // drain
      }
    })(),
  ).rejects.toThrow("downloadChat: CSV record 3 has 3 fields where the header has 2");
});

test("reads a file whose records end with CRLF, without a stray carriage return", async () => {
  const rows = [];
  for await (const row of createDownloads(clientServing('id,message\r\n1,"a\r\nb"\r\n2,c\r\n')).downloadChat("s")) {
    rows.push(row);
  }
  expect(rows).toEqual([
    { id: "1", message: "a\r\nb" },
    { id: "2", message: "c" },
  ]);
});
