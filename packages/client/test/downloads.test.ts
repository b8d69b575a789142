// CSV parsing across batch boundaries: a chat file in the documented layout (see
// fixtures/SOURCES.md), far larger than one parse batch, served in small chunks, whose quoted
// fields hold line breaks, commas and quotes.

import { rejectionOf } from "@realtimekit-sessions/test-kit";
import { describe, expect, test } from "vitest";
import { type ChatRow, createDownloads, RealtimeKitFormatError } from "../src/downloads.js";
import { createSessionsClient } from "../src/index.js";

const HEADER = "id,participantId,sessionId,meetingId,displayName,pinned,isEdited,payloadType,payload,createdAt";
const ROWS = 40_000;
const message = (index: number) => `Line ${index}, said "hello"\nand then\r\nmore`;
const csv = `${HEADER}\n${Array.from(
  { length: ROWS },
  (_, index) =>
    `m${index},p1,s1,mt1,Mark,${index % 2 === 0},false,TEXT_MESSAGE,"${message(index).replaceAll('"', '""')}",2023-02-01T10:52:10.120Z`,
).join("\n")}\n`;
const row = (index: number): ChatRow => ({
  id: `m${index}`,
  participantId: "p1",
  sessionId: "s1",
  meetingId: "mt1",
  displayName: "Mark",
  pinned: index % 2 === 0,
  isEdited: false,
  payloadType: "TEXT_MESSAGE",
  payload: message(index),
  createdAt: "2023-02-01T10:52:10.120Z",
});

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
  for (const index of [0, 1, 4_999, 12_345, ROWS - 1]) expect(rows[index]).toEqual(row(index));
});

test("refuses a record with more fields than the header, naming it", async () => {
  const file = `${HEADER}\nm0,p1,s1,mt1,Mark,false,false,TEXT_MESSAGE,hello,2023-02-01T10:52:10.120Z\nm1,p1,s1,mt1,Mark,false,false,TEXT_MESSAGE,hello,2023-02-01T10:52:10.120Z,extra\n`;
  const downloads = createDownloads(clientServing(file));
  const rows: ChatRow[] = [];
  const error = await rejectionOf(
    (async () => {
      for await (const chatRow of downloads.downloadChat("session")) rows.push(chatRow);
    })(),
  );
  expect(error).toBeInstanceOf(RealtimeKitFormatError);
  expect((error as Error).message).toBe("downloadChat: CSV record 3 has 11 fields where the layout has 10");
});

test("reads a file whose records end with CRLF, without a stray carriage return", async () => {
  const file = `${HEADER}\r\nm0,p1,s1,mt1,Mark,false,false,TEXT_MESSAGE,"a\r\nb",2023-02-01T10:52:10.120Z\r\n`;
  const rows = [];
  for await (const chatRow of createDownloads(clientServing(file)).downloadChat("s")) rows.push(chatRow);
  expect(rows).toEqual([{ ...row(0), pinned: false, payload: "a\r\nb" }]);
});

test("gives the file as it is, record by record, to downloadChatRecords", async () => {
  const records = [];
  for await (const record of createDownloads(clientServing('a,b\n1,"x\ny"\n')).downloadChatRecords("s")) {
    records.push(record);
  }
  expect(records).toEqual([
    ["a", "b"],
    ["1", "x\ny"],
  ]);
});

test("reads a record far longer than a parse batch, whole", async () => {
  const long = `${"word, ".repeat(60_000)}"quoted"\nend`;
  const file = `${HEADER}\nm0,p1,s1,mt1,Mark,true,false,TEXT_MESSAGE,"${long.replaceAll('"', '""')}",2023-02-01T10:52:10.120Z\n`;
  const rows = [];
  for await (const chatRow of createDownloads(clientServing(file)).downloadChat("s")) rows.push(chatRow);
  expect(rows).toEqual([{ ...row(0), payload: long }]);
});

test("skips empty lines, and reads a last record without a line break", async () => {
  const records = [];
  for await (const record of createDownloads(clientServing("a,b\n\n1,2\n\n3,4")).downloadChatRecords("s")) {
    records.push(record);
  }
  expect(records).toEqual([
    ["a", "b"],
    ["1", "2"],
    ["3", "4"],
  ]);
});

test("refuses a file whose last quoted field never closes, naming the record", async () => {
  const error = await rejectionOf(
    (async () => {
      for await (const _ of createDownloads(clientServing('a,b\n1,2\n3,"open\n')).downloadChatRecords("s"));
    })(),
  );
  expect(error).toBeInstanceOf(RealtimeKitFormatError);
  expect((error as Error).message).toMatch(/^downloadChat: the CSV file is malformed near record 3: /);
});

describe("a link you already have, such as a webhook event's", () => {
  /** A client whose API hands out `fresh` chat links and whose storage serves only the links in `good`. */
  function serving(good: string[]) {
    const asked: string[] = [];
    const client = createSessionsClient({
      apiToken: "t",
      accountId: "a",
      appId: "b",
      baseUrl: "https://api.example.com/client/v4",
      fetch: async (request) => {
        asked.push(request.url);
        if (new URL(request.url).host === "api.example.com") {
          return Response.json({
            success: true,
            data: {
              chat_download_url: "https://files.example.com/fresh.csv",
              chat_download_url_expiry: "2999-01-01T00:00:00Z",
            },
          });
        }
        return good.includes(request.url) ? new Response("a,b\n1,2\n") : new Response("expired", { status: 403 });
      },
    });
    return { downloads: createDownloads(client), asked };
  }
  const records = async (rows: AsyncIterable<string[]>) => {
    const all = [];
    for await (const row of rows) all.push(row);
    return all;
  };

  test("is used as it is, and the API is not asked for one", async () => {
    const { downloads, asked } = serving(["https://files.example.com/event.csv"]);
    const rows = await records(
      downloads.downloadChatRecords("s", { link: { url: "https://files.example.com/event.csv" } }),
    );
    expect(rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(asked).toEqual(["https://files.example.com/event.csv"]);
  });

  test("is renewed through the API when its expiry has passed, without fetching it", async () => {
    const { downloads, asked } = serving(["https://files.example.com/fresh.csv"]);
    const link = { url: "https://files.example.com/event.csv", expiry: "2020-01-01T00:00:00Z" };
    expect(await records(downloads.downloadChatRecords("s", { link }))).toHaveLength(2);
    expect(asked.map((url) => new URL(url).pathname)).toEqual([
      "/client/v4/accounts/a/realtime/kit/b/sessions/s/chat",
      "/fresh.csv",
    ]);
  });

  test("is renewed through the API once when the storage host refuses it", async () => {
    const { downloads, asked } = serving(["https://files.example.com/fresh.csv"]);
    expect(
      await records(downloads.downloadChatRecords("s", { link: { url: "https://files.example.com/event.csv" } })),
    ).toHaveLength(2);
    expect(asked).toHaveLength(3);
  });

  test("that is not { url, expiry? } is refused before anything is fetched", async () => {
    const { downloads, asked } = serving([]);
    const error = await rejectionOf(records(downloads.downloadChatRecords("s", { link: { url: 5 } as never })));
    expect(error).toMatchObject({ name: "RealtimeKitArgumentError", argument: "link" });
    expect(asked).toEqual([]);
  });
});
