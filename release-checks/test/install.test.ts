// The published packages, installed like a user would: packed into tarballs, installed with
// npm into a project outside this workspace, then imported, required, typechecked and run.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";

const run = promisify(execFile);
const packageDirectory = (name: string) => new URL(`../../packages/${name}/`, import.meta.url).pathname;
let project: string;
const TYPESCRIPT_OLDEST = "5.0.4";
const TYPESCRIPT_NEWEST = "7.0.2";

/** Runs `node` in the user's project with `args`; resolves to what it printed. */
async function node(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, args, { cwd: project });
  return stdout.trim();
}

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "realtimekit-user-"));
  const tarballs: string[] = [];
  for (const name of ["client", "mock", "testing", "sync", "report", "cli"]) {
    const { stdout } = await run("pnpm", ["pack", "--pack-destination", project], { cwd: packageDirectory(name) });
    tarballs.push(stdout.trim().split("\n").at(-1) ?? "");
  }
  await writeFile(
    join(project, "package.json"),
    JSON.stringify({ name: "user-project", private: true, type: "module" }),
  );
  await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      ...tarballs,
      "msw@2.15.0",
      "@types/node@20.19.43",
      // The TypeScript this repository builds with, the oldest the README promises, the newest.
      "typescript@5.9.3",
      `typescript-oldest@npm:typescript@${TYPESCRIPT_OLDEST}`,
      `typescript-newest@npm:typescript@${TYPESCRIPT_NEWEST}`,
    ],
    // The mock's Prism pulls in an install-time telemetry script; a test run sends no analytics.
    { cwd: project, env: { ...process.env, SCARF_ANALYTICS: "false", DO_NOT_TRACK: "1" } },
  );
});

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

test("imports both entry points as ES modules", async () => {
  const output = await node(
    "--input-type=module",
    "-e",
    `import { createSessionsClient, RealtimeKitApiError } from "@realtimekit-sessions/client";
     import { createDownloads } from "@realtimekit-sessions/client/downloads";
     import { startMockServer } from "@realtimekit-sessions/mock";
     console.log([createSessionsClient, RealtimeKitApiError, createDownloads, startMockServer].map((f) => typeof f).join());`,
  );
  expect(output).toBe("function,function,function,function");
});

test("require()s the client from CommonJS", async () => {
  await writeFile(
    join(project, "consumer.cjs"),
    `const { createSessionsClient, RealtimeKitArgumentError } = require("@realtimekit-sessions/client");
     try { createSessionsClient({ apiToken: "" }); } catch (error) { console.log(error instanceof RealtimeKitArgumentError, error.argument); }`,
  );
  expect(await node("--no-warnings", "consumer.cjs")).toBe("true apiToken");
});

test.each(
  ["typescript", "typescript-oldest", "typescript-newest"].flatMap((compiler) =>
    ["node16", "bundler"].map((resolution) => ({ compiler, resolution })),
  ),
)(
  "typechecks a strict TypeScript consumer with $compiler under moduleResolution $resolution",
  async ({ compiler, resolution }) => {
    // msw's own types (through type-fest) need a newer TypeScript than ours: the msw entry is
    // typechecked with the project's TypeScript, everything else with every version.
    const msw = compiler === "typescript";
    const file = `consumer.${compiler}.${resolution}.ts`;
    await writeFile(
      join(project, file),
      `import { createSessionsClient, RealtimeKitApiError, type Session } from "@realtimekit-sessions/client";
import { type ChatRow, createDownloads, RealtimeKitFormatError, type TranscriptRow } from "@realtimekit-sessions/client/downloads";
import { startMockServer } from "@realtimekit-sessions/mock";
import { createFakeApi, type FakeSession, makeSession, type RecordedRequest } from "@realtimekit-sessions/testing";
${msw ? 'import { createFakeApi as createFakeOfMsw, handlersFor } from "@realtimekit-sessions/testing/msw";\nimport { setupServer } from "msw/node";' : ""}

const fake = createFakeApi({ sessions: [makeSession({ status: "LIVE" }), { status: "ENDED", participants: 2 }] });
const seeded: readonly FakeSession[] = fake.sessions;
const fakeClient = createSessionsClient({ apiToken: "t", accountId: fake.accountId, appId: fake.appId, baseUrl: fake.baseUrl, fetch: fake.fetch });
fake.fail("listSessions", { status: 503, retryAfter: 1 });
const log: readonly RecordedRequest[] = fake.requests;
console.log(await fakeClient.listSessions({ status: "LIVE" }).catch(() => undefined), seeded.length, log.length);
${msw ? "setupServer(...handlersFor(createFakeOfMsw())).close();" : ""}

const mock = await startMockServer({ errors: true });
const client = createSessionsClient({ apiToken: "t", accountId: "a", appId: "b", baseUrl: mock.url });
const session: Session = await client.getSession("id", { include_breakout_rooms: true });
const status: "LIVE" | "ENDED" = session.status;
for await (const row of createDownloads(client).downloadChat(session.id)) {
  const message: ChatRow = row;
  const pinned: boolean = message.pinned;
  console.log(message, pinned, status);
}
export async function spoken(sessionId: string): Promise<string[]> {
  const lines: string[] = [];
  try {
    for await (const line of createDownloads(client).downloadTranscript(sessionId)) {
      const row: TranscriptRow = line;
      lines.push(row.participantName + ": " + row.text + " at " + (row.startedAt ?? row.startMs));
    }
  } catch (error) {
    if (!(error instanceof RealtimeKitFormatError)) throw error;
  }
  return lines;
}
try {
  // @ts-expect-error -- sort_order is "ASC" or "DESC"
  await client.listSessions({ sort_order: "asc" });
} catch (error) {
  if (error instanceof RealtimeKitApiError) console.log(error.status, error.errors[0]?.message);
}
await mock.close();
`,
    );
    const module = resolution === "node16" ? "node16" : "esnext";
    await writeFile(
      join(project, `tsconfig.${compiler}.${resolution}.json`),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
          target: "ES2022",
          lib: ["ES2022", "DOM"],
          types: ["node"],
          module,
          moduleResolution: resolution,
        },
        files: [file],
      }),
    );
    const outcome = await run(
      process.execPath,
      [`node_modules/${compiler}/bin/tsc`, "-p", `tsconfig.${compiler}.${resolution}.json`],
      {
        cwd: project,
      },
    ).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );
    expect(outcome).toBe("");
  },
);

const CJS_CONSUMER = `import { createSessionsClient, RealtimeKitApiError, type Session } from "@realtimekit-sessions/client";
import { type ChatRow, createDownloads } from "@realtimekit-sessions/client/downloads";
import { createFakeApi } from "@realtimekit-sessions/testing";

async function main(): Promise<void> {
  const fake = createFakeApi({ sessions: [{ status: "ENDED", chat: 2 }] });
  const client = createSessionsClient({ apiToken: "t", accountId: fake.accountId, appId: fake.appId, baseUrl: fake.baseUrl, fetch: fake.fetch });
  const { sessions } = await client.listSessions();
  const session: Session | undefined = sessions[0];
  const rows: ChatRow[] = [];
  for await (const row of createDownloads(client).downloadChat(session?.id ?? "")) rows.push(row);
  fake.fail("getSession", { status: 404 });
  const error = await client.getSession(session?.id ?? "").catch((reason: unknown) => reason);
  console.log(JSON.stringify({ sessions: sessions.length, rows: rows.length, notFound: error instanceof RealtimeKitApiError && error.status }));
}
void main();
`;

// TypeScript projects that compile to CommonJS, as NestJS-style back ends do: compiled with the
// project's TypeScript, then run, so the CommonJS builds of the client and the fake load.
test.each([
  {
    variant: 'module node16 in a "type": "commonjs" package',
    folder: "cjs-node16",
    file: "consumer.ts",
    type: "commonjs",
    module: "node16",
    resolution: "node16",
  },
  {
    variant: "a .cts file under module node18",
    folder: "cjs-cts",
    file: "consumer.cts",
    type: "module",
    module: "node18",
    resolution: "node16",
  },
  {
    variant: "legacy module commonjs with moduleResolution node10",
    folder: "cjs-legacy",
    file: "consumer.ts",
    type: "commonjs",
    module: "commonjs",
    resolution: "node10",
  },
])("compiles and runs a CommonJS TypeScript consumer: $variant", async ({ folder, file, type, module, resolution }) => {
  const directory = join(project, folder);
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, "package.json"), JSON.stringify({ type }));
  await writeFile(join(directory, file), CJS_CONSUMER);
  await writeFile(
    join(directory, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        types: ["node"],
        module,
        moduleResolution: resolution,
        outDir: "out",
      },
      files: [file],
    }),
  );
  const compiled = await run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", folder], {
    cwd: project,
  }).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );
  expect(compiled).toBe("");
  const output = file.endsWith(".cts") ? "consumer.cjs" : "consumer.js";
  expect(JSON.parse(await node(join(folder, "out", output)))).toEqual({ sessions: 1, rows: 2, notFound: 404 });
});

test("instanceof holds between errors of the ES module and of the CommonJS build in one process", async () => {
  const output = await node(
    "--input-type=module",
    "-e",
    `import { createRequire } from "node:module";
     import * as esm from "@realtimekit-sessions/client";
     import * as esmDownloads from "@realtimekit-sessions/client/downloads";
     const require = createRequire(import.meta.url);
     const cjs = require("@realtimekit-sessions/client");
     const cjsDownloads = require("@realtimekit-sessions/client/downloads");
     const fetch = async () => Response.json({ success: false, error: { code: 404, message: "No session" } }, { status: 404 });
     const fromCjs = await cjs.createSessionsClient({ apiToken: "t", accountId: "a", appId: "b", fetch }).getSession("s").catch((e) => e);
     const notReady = new cjsDownloads.RealtimeKitSummaryNotReadyError("not yet", new Response(null, { status: 404 }), []);
     class Mine extends esm.RealtimeKitApiError {}
     console.log(JSON.stringify({
       twoCopies: esm.RealtimeKitApiError !== cjs.RealtimeKitApiError,
       apiError: fromCjs instanceof esm.RealtimeKitApiError,
       base: fromCjs instanceof esm.RealtimeKitError,
       otherClass: fromCjs instanceof esm.RealtimeKitArgumentError,
       userSubclass: fromCjs instanceof Mine,
       subclassAcross: notReady instanceof esm.RealtimeKitApiError && notReady instanceof esmDownloads.RealtimeKitSummaryNotReadyError,
       backwards: new esm.RealtimeKitTimeoutError("slow") instanceof cjs.RealtimeKitTimeoutError,
       name: fromCjs.name,
     }));`,
  );
  expect(JSON.parse(output)).toEqual({
    twoCopies: true,
    apiError: true,
    base: true,
    otherClass: false,
    userSubclass: false,
    subclassAcross: true,
    backwards: true,
    name: "RealtimeKitApiError",
  });
});

test("runs the published fake through the published client, and through msw", async () => {
  const output = await node(
    "--input-type=module",
    "-e",
    `import { createSessionsClient } from "@realtimekit-sessions/client";
     import { createDownloads } from "@realtimekit-sessions/client/downloads";
     import { createFakeApi } from "@realtimekit-sessions/testing";
     import { createFakeApi as createFakeOfMsw, handlersFor } from "@realtimekit-sessions/testing/msw";
     import { setupServer } from "msw/node";
     const fake = createFakeApi({ sessions: [{ status: "ENDED", chat: 2 }, { status: "LIVE" }] });
     const client = createSessionsClient({ apiToken: "t", accountId: fake.accountId, appId: fake.appId, baseUrl: fake.baseUrl, fetch: fake.fetch });
     const { sessions } = await client.listSessions({ status: "ENDED" });
     let messages = 0;
     for await (const message of createDownloads(client).downloadChat(sessions[0].id)) messages += message.payload ? 1 : 0;
     const mocked = createFakeOfMsw({ sessions: 3 });
     const server = setupServer(...handlersFor(mocked));
     server.listen({ onUnhandledRequest: "error" });
     const viaMsw = await createSessionsClient({ apiToken: "t", accountId: mocked.accountId, appId: mocked.appId }).listSessions();
     server.close();
     console.log(JSON.stringify({ ended: sessions.length, messages, viaMsw: viaMsw.paging.total_count }));`,
  );
  expect(JSON.parse(output)).toEqual({ ended: 1, messages: 2, viaMsw: 3 });
});

test("mirrors the published fake into memory and renders its usage report and a session's page", async () => {
  const output = await node(
    "--input-type=module",
    "-e",
    `import { createSessionsClient } from "@realtimekit-sessions/client";
     import { createFakeApi } from "@realtimekit-sessions/testing";
     import { createMirror, MEMORY, MIRROR_PARTS, sessionReport, usageReport } from "@realtimekit-sessions/sync";
     import { renderSessionReport, renderUsageReport } from "@realtimekit-sessions/report";
     const now = Date.parse("2026-11-30T12:00:00Z");
     const fake = createFakeApi({ sessions: 40, now });
     const client = createSessionsClient({ apiToken: "t", accountId: fake.accountId, appId: fake.appId, baseUrl: fake.baseUrl, fetch: fake.fetch });
     const mirror = await createMirror({ client, database: MEMORY, include: MIRROR_PARTS });
     await mirror.sync();
     const data = await usageReport(mirror, { from: now - 30 * 86400000, to: now });
     const page = renderUsageReport(data);
     const session = renderSessionReport(await sessionReport(mirror, data.live[0].id));
     await mirror.close();
     console.log(JSON.stringify({ sessions: data.headline.sessions.value, page: page.startsWith("<!doctype html>"), charts: page.match(/role="img"/g).length, session: session.includes(data.live[0].id) }));`,
  );
  expect(JSON.parse(output)).toEqual({ sessions: 40, page: true, charts: 5, session: true });
});

test("runs the CLI from its tarball as npx would, without an account", async () => {
  const { stdout } = await run(
    "npx",
    ["--no-install", "realtimekit-sessions", "--fake", "sessions", "list", "--status", "LIVE", "--json"],
    {
      cwd: project,
    },
  );
  const sessions = stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(sessions.length).toBeGreaterThan(0);
  expect(sessions.every((session) => session.status === "LIVE")).toBe(true);
});

test("starts the published mock and makes a real call through the published client", async () => {
  const output = await node(
    "--input-type=module",
    "-e",
    `import { startMockServer } from "@realtimekit-sessions/mock";
     import { createSessionsClient } from "@realtimekit-sessions/client";
     const mock = await startMockServer();
     try {
       const client = createSessionsClient({
         apiToken: "user-token",
         accountId: "023e105f4ecef8ad9ca31a8372d0c353",
         appId: "4f1d2b9c8e7a6d5c4b3a291807f6e5d4",
         baseUrl: mock.url,
       });
       const { sessions, paging } = await client.listSessions({ per_page: 10 });
       console.log(JSON.stringify({ ids: sessions.map((session) => session.id), total: paging.total_count }));
     } finally {
       await mock.close();
     }`,
  );
  expect(JSON.parse(output)).toEqual({
    ids: ["8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d", "3f6e2a1b-7c9d-4e8f-a0b1-c2d3e4f5a6b7"],
    total: 2,
  });
});
