// msw users: the fake's handlers catch the client's requests made with the global fetch and
// the default base URL, downloads from the storage host included.
import { createSessionsClient } from "@realtimekit-sessions/client";
import { createDownloads } from "@realtimekit-sessions/client/downloads";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, expectTypeOf, test } from "vitest";
import { createFakeApi, handlersFor } from "../src/msw.js";

const fake = createFakeApi({ sessions: [{ status: "ENDED", chat: 3 }, { status: "LIVE" }] });
const server = setupServer(...handlersFor(fake));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

test("a client with default options reaches the fake through msw", async () => {
  const client = createSessionsClient({ apiToken: "test", accountId: fake.accountId, appId: fake.appId });

  const { sessions } = await client.listSessions({ status: "LIVE" });
  const chat = [];
  for await (const message of createDownloads(client).downloadChat(fake.sessions[0]?.session.id ?? "")) {
    chat.push(message);
  }

  expect(sessions.map((session) => session.id)).toEqual([fake.sessions[1]?.session.id]);
  expect(chat).toEqual(fake.sessions[0]?.chat);
  expect(fake.requests.map((request) => request.operation)).toEqual(["listSessions", "getChatDownload", "download"]);
});

test("the main entry loads no msw, so users without it can import it", async () => {
  const { readFile } = await import("node:fs/promises");
  const seen = new Set<string>();
  const imports: string[] = [];
  const visit = async (file: URL) => {
    if (seen.has(file.href)) return;
    seen.add(file.href);
    const code = await readFile(file, "utf8");
    for (const [, specifier = ""] of code.matchAll(/\bfrom\s+"([^"]+)"/g)) {
      if (specifier.startsWith(".")) await visit(new URL(specifier, file));
      else imports.push(specifier);
    }
  };

  await visit(new URL("../dist/index.js", import.meta.url));

  expect(seen.size).toBeGreaterThan(1);
  expect([...new Set(imports)].sort()).toEqual(["papaparse"]);
});

test("the msw entry's createFakeApi is the main entry's: one function, one FakeApi type", async () => {
  const main = await import("../src/index.js");
  expect(createFakeApi).toBe(main.createFakeApi);
  expectTypeOf(createFakeApi).toEqualTypeOf(main.createFakeApi);
});
