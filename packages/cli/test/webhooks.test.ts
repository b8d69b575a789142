// `webhooks key` and `webhooks trigger`: a signed delivery to the endpoint given, verifiable
// with the key printed, and every failure one line.
import { createWebhookVerifier } from "@realtimekit-sessions/client/webhooks";
import { WEBHOOK_EVENTS } from "@realtimekit-sessions/testing";
import { describe, expect, test } from "vitest";
import { EVENTS } from "../src/commands/webhooks.js";
import { run } from "./io.js";

/** An endpoint that records the deliveries it gets and answers `status`. */
function endpoint(status = 200) {
  const received: Request[] = [];
  return {
    received,
    fetch: async (request: Request) => {
      received.push(request);
      return new Response(status === 200 ? "ok" : "nope", { status });
    },
  };
}

test("the command lists the same events as the fake", () => {
  expect([...EVENTS]).toEqual([...WEBHOOK_EVENTS]);
});

describe("webhooks trigger", () => {
  test.each(EVENTS)("sends a %s delivery that verifies under the key `webhooks key` prints", async (event) => {
    const key = await run(["webhooks", "key"]);
    const target = endpoint();
    const sent = await run(["webhooks", "trigger", event, "--to", "http://localhost:8787/webhook"], {
      fetch: target.fetch,
    });

    expect([key.code, sent.code, sent.stderr]).toEqual([0, 0, ""]);
    expect(key.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
    const [delivery] = target.received;
    expect(delivery?.url).toBe("http://localhost:8787/webhook");
    const verified = await createWebhookVerifier({ publicKey: key.stdout }).verify(delivery as Request);
    expect(verified.event).toBe(event);
    const line = JSON.parse(sent.stdout);
    expect(line).toMatchObject({ event, to: "http://localhost:8787/webhook", status: 200 });
  });

  test("about the session given", async () => {
    const target = endpoint();
    const list = await run(["--fake", "sessions", "list", "--status", "ENDED", "--per-page", "1"]);
    const sessionId = JSON.parse(list.stdout.split("\n")[0] ?? "{}").id as string;
    const sent = await run(
      ["webhooks", "trigger", "meeting.ended", "--to", "http://localhost:1/hook", "--session", sessionId],
      {
        fetch: target.fetch,
      },
    );
    expect(sent.code).toBe(0);
    expect(await target.received[0]?.json()).toMatchObject({ event: "meeting.ended", meeting: { sessionId } });
  });

  test.each([
    [["webhooks", "trigger", "meeting.nope", "--to", "http://localhost:1/hook"], /<event> is one of meeting\.started/],
    [["webhooks", "trigger", "meeting.ended", "--to", "ftp://example.com"], /--to takes an http\(s\) URL/],
    [["webhooks", "trigger", "meeting.ended"], /--to/],
  ])("refuses %j in one line, exit 2, nothing sent", async (argv, message) => {
    const target = endpoint();
    const result = await run(argv, { fetch: target.fetch });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(target.received).toEqual([]);
  });

  test("an unknown session, an endpoint that refuses, and one that is down are one line each", async () => {
    const unknown = await run(
      ["webhooks", "trigger", "meeting.ended", "--to", "http://localhost:1/h", "--session", "nope"],
      {
        fetch: endpoint().fetch,
      },
    );
    const refused = await run(["webhooks", "trigger", "meeting.ended", "--to", "http://localhost:1/h"], {
      fetch: endpoint(401).fetch,
    });
    const down = await run(["webhooks", "trigger", "meeting.ended", "--to", "http://localhost:1/h"], {
      fetch: () => Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })),
    });
    for (const result of [unknown, refused, down]) {
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(unknown.stderr).toMatch(/no session "nope"/);
    expect(refused.stderr).toMatch(/answered HTTP 401/);
    expect(down.stderr).toMatch(/Could not deliver to http:\/\/localhost:1\/h: ECONNREFUSED/);
  });
});
