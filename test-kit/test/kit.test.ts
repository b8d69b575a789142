// The kit's own promises: what the other packages' tests rely on it for.
import { afterEach, expect, test, vi } from "vitest";
import { captureTimers, rejectionOf, runProcess, send, startServer, thrownBy } from "../src/index.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

test("a test server answers as told and records what it was asked", async () => {
  await using server = await startServer((response, request) => send(response, 201, { seen: request.url }));
  const response = await fetch(`${server.url}/things?a=1`, { method: "POST", body: "x" });
  expect(response.status).toBe(201);
  expect(await response.json()).toEqual({ seen: "/things?a=1" });
  expect(server.requests).toEqual([expect.objectContaining({ method: "POST", url: "/things?a=1" })]);
});

test("a subprocess gets the test's variables but none of the developer's Cloudflare ones", async () => {
  vi.stubEnv("CLOUDFLARE_API_TOKEN", "a-developer-token");
  vi.stubEnv("REALTIMEKIT_APP_ID", "a-developer-app");
  const print =
    "console.log(JSON.stringify([process.env.CLOUDFLARE_API_TOKEN ?? null, process.env.REALTIMEKIT_APP_ID ?? null, process.env.MINE])); process.exit(3)";
  const result = await runProcess(process.execPath, ["-e", print], { env: { MINE: "yes" } });
  expect(result).toEqual({ code: 3, stdout: '[null,null,"yes"]\n', stderr: "" });
});

test("rejectionOf gives the reason, and fails a test whose call did not fail", async () => {
  const reason = new Error("no");
  expect(await rejectionOf(Promise.reject(reason))).toBe(reason);
  await expect(rejectionOf(Promise.resolve({ fine: true }))).rejects.toThrow(
    'expected a rejection, but it resolved with {"fine":true}',
  );
});

test("thrownBy gives what was thrown, and fails a test whose code did not throw", () => {
  expect(thrownBy(() => JSON.parse("{"))).toBeInstanceOf(SyntaxError);
  expect(() => thrownBy(() => 42)).toThrow("expected a throw, but it returned 42");
});

test("captured timers report the delays asked for and run them without waiting", async () => {
  using timers = captureTimers();
  const fired: number[] = [];
  setTimeout(() => fired.push(1), 30_000);
  setTimeout(() => fired.push(2), 60_000);
  expect(timers.delays()).toEqual([30_000, 60_000]);
  await timers.advance(30_000);
  expect(fired).toEqual([1]);
  await timers.advance(30_000);
  expect(fired).toEqual([1, 2]);
});
