import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadedBudget } from "./budget.js";

const require = createRequire(import.meta.url);

/**
 * The spec the mock serves unless told otherwise: the one the client is generated from, which
 * the build copies beside this module.
 */
export const SPEC_PATH: string = fileURLToPath(new URL("./openapi.yaml", import.meta.url));

/** How `startMockServer` runs Prism. */
export interface MockServerOptions {
  /**
   * Answer 500 with the violations when a response the mock would send does not match the
   * spec, and 401/422 for requests that do not (Prism's `--errors`).
   * @default true
   */
  errors?: boolean;
  /**
   * Answer with data generated from the spec's schemas (Prism's `--dynamic`), different on
   * every call, instead of the spec's examples.
   * @default false
   */
  dynamic?: boolean;
  /**
   * Port to listen on, on 127.0.0.1.
   * @default a free port chosen by the system
   */
  port?: number;
  /**
   * OpenAPI document to serve.
   * @default the RealtimeKit Sessions spec
   */
  specPath?: string;
  /**
   * How long to wait for the mock to answer before giving up, in milliseconds.
   * @default 30000 on an idle machine, stretched by its load: times the 1-minute load average
   * per core while that is above 1, so that a busy machine is not mistaken for a broken Prism
   */
  startupTimeoutMs?: number;
}

/** A running Prism, mock or proxy; close it, or `await using` it. */
export interface MockServer {
  /** Origin of the mock, such as `http://127.0.0.1:49152`: pass it as the client's `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** Process id of the process running Prism, which ends Prism when it ends. */
  readonly pid: number | undefined;
  /** Stops the mock and waits until its process has exited. Safe to call more than once. */
  close(): Promise<void>;
  /** `close()`, for `await using mock = await startMockServer()`. */
  [Symbol.asyncDispose](): Promise<void>;
}

const GUARD_PATH = fileURLToPath(new URL("./guard.js", import.meta.url));
const HOST = "127.0.0.1";
const POLL_INTERVAL_MS = 100;
const STOP_GRACE_MS = 5_000;
const OUTPUT_LINES_KEPT = 40;

/**
 * Starts a Prism mock of the spec on a loopback port and resolves once it answers HTTP.
 * Prism serves every path at the root of `url`: it ignores the spec's server base path.
 *
 * @example
 * await using mock = await startMockServer();
 * const client = createSessionsClient({ apiToken: "any", accountId, appId, baseUrl: mock.url });
 */
export function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  return startPrism(["mock"], options);
}

/** How `startProxyServer` runs Prism in front of the real API. */
export interface ProxyServerOptions extends MockServerOptions {
  /** The real API to forward to, base path included, such as `https://api.cloudflare.com/client/v4`. */
  upstream: string;
}

/**
 * Starts Prism as a validating proxy in front of `upstream`: every request is forwarded (with
 * its credentials) and every answer checked against the spec on the way back. With `errors`
 * (the default) a request that breaks the spec is refused with 422 before it leaves, and an
 * answer that breaks it becomes a 500; either way the problems are in `sl-violations`, as are
 * warnings such as an undeclared status, which pass through unchanged.
 */
export function startProxyServer(options: ProxyServerOptions): Promise<MockServer> {
  return startPrism(["proxy"], options, [options.upstream]);
}

async function startPrism(command: string[], options: MockServerOptions, extra: string[] = []): Promise<MockServer> {
  const { errors = true, dynamic = false, specPath = SPEC_PATH, startupTimeoutMs } = options;
  const port = options.port ?? (await freePort());
  const output: string[] = [];
  // Through the guard: Prism goes with this process even when it is killed by a signal.
  const child = spawn(
    process.execPath,
    [
      GUARD_PATH,
      prismBin(),
      ...command,
      specPath,
      ...extra,
      "--host",
      HOST,
      "--port",
      String(port),
      ...(errors ? ["--errors"] : []),
      ...(dynamic ? ["--dynamic"] : []),
    ],
    { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  keepTail(child, output);

  // A parent that exits without calling close() must not leave Prism behind; one killed by a
  // signal closes the guard's standard input, which ends Prism too.
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);

  let stopping: Promise<void> | undefined;
  const close = () => {
    stopping ??= stop(child).finally(() => process.removeListener("exit", killOnExit));
    return stopping;
  };

  const url = `http://${HOST}:${port}`;
  try {
    await waitUntilAnswering(url, child, startupTimeoutMs === undefined ? loadedBudget : () => startupTimeoutMs);
  } catch (error) {
    await close();
    const detail = output.length > 0 ? `\nPrism said:\n${output.join("\n")}` : "";
    throw new Error(`${(error as Error).message}${detail}`, { cause: error });
  }
  return { url, port, pid: child.pid, close, [Symbol.asyncDispose]: close };
}

function prismBin(): string {
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: { prism: string } };
  return join(dirname(manifestPath), manifest.bin.prism);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, HOST, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("could not find a free port");
  return address.port;
}

/** Resolves once Prism answers; `budget` is re-read on every try, as the machine's load changes. */
async function waitUntilAnswering(url: string, child: ChildProcess, budget: () => number): Promise<void> {
  const start = Date.now();
  let exited: string | undefined;
  child.once("exit", (code, signal) => {
    exited = `Prism exited before answering (${signal ?? `exit code ${code}`})`;
  });
  while (Date.now() - start < budget()) {
    if (exited) throw new Error(exited);
    try {
      // Any HTTP answer will do (the root path is a 404): it means Prism is serving.
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }
  throw new Error(`Prism did not answer at ${url} within ${Date.now() - start} ms`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

function keepTail(child: ChildProcess, lines: string[]): void {
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES_KEPT));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
}
