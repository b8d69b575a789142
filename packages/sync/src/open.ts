// The databases the mirror opens itself, in Node.js (and Bun, Deno): a server by URL through
// postgres.js, or the embedded PGlite in a directory or in memory. Its own module, which the
// Workers entry leaves out: a Worker passes a driver (a D1 binding, a postgres sql on Hyperdrive).
import {
  type DatabaseInput,
  driverDatabase,
  fromPglite,
  fromPostgres,
  MEMORY,
  type MirrorDatabase,
  type PGliteLike,
  type PostgresSqlLike,
} from "./database.js";
import { MirrorDatabaseError } from "./errors.js";

const URL_RE = /^postgres(ql)?:\/\//i;

/** Opens the database `input` names, or wraps the driver it is. */
export async function openDatabase(input: DatabaseInput): Promise<MirrorDatabase> {
  if (input === MEMORY) return openMemory();
  if (typeof input === "string") return URL_RE.test(input) ? openUrl(input) : openDirectory(input);
  return driverDatabase(input) as MirrorDatabase;
}

/** A server by URL, through postgres.js; the password is never part of `description`. */
async function openUrl(url: string): Promise<MirrorDatabase> {
  let shown: string;
  try {
    const parsed = new URL(url);
    parsed.password = "";
    parsed.username = "";
    shown = parsed.toString();
  } catch {
    throw new MirrorDatabaseError("the database URL is not a valid URL", "postgres URL");
  }
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, {
    max: 4,
    onnotice: () => {},
    connect_timeout: 10,
    // Answers read alike from every engine (PGlite's own defaults): numbers as numbers, a date
    // as its text; postgres.js would give counts and numerics as strings and a date as a Date.
    types: {
      int8: { to: 20, from: [20], serialize: String, parse: Number },
      numeric: { to: 1700, from: [1700], serialize: String, parse: Number },
      date: { to: 1082, from: [1082], serialize: String, parse: (value: string) => value },
    },
  });
  const database = fromPostgres(sql as unknown as PostgresSqlLike, shown, true);
  await database.query("SELECT 1").catch(async (error: unknown) => {
    await sql.end({ timeout: 0 }).catch(() => {});
    throw MirrorDatabaseError.from(error, shown);
  });
  return database;
}

/** Numbers as numbers and a date as its text, as the server's connections answer them too. */
const PGLITE_PARSERS = { 1700: Number, 1082: (value: string) => value };

/** An embedded database in memory: for a mirror made to be read once (a report of the fake, a test). */
async function openMemory(): Promise<MirrorDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const shown = "PGlite in memory";
  try {
    return fromPglite((await PGlite.create({ parsers: PGLITE_PARSERS })) as unknown as PGliteLike, shown, true);
  } catch (error) {
    throw MirrorDatabaseError.from(error, shown);
  }
}

/** The embedded database in `directory`, made on first use. */
async function openDirectory(directory: string): Promise<MirrorDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { stat, mkdir, access, constants } = await import("node:fs/promises");
  const shown = `PGlite at ${directory}`;
  const info = await stat(directory).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new MirrorDatabaseError(`${directory} is a file, not a directory for the mirror`, shown, "not-a-directory");
  }
  if (!info) {
    await mkdir(directory, { recursive: true }).catch((error: unknown) => {
      throw MirrorDatabaseError.from(error, shown);
    });
  }
  try {
    await access(directory, constants.W_OK);
  } catch {
    throw new MirrorDatabaseError(`${directory} is read-only: the mirror needs to write there`, shown, "read-only");
  }
  let db: PGliteLike;
  try {
    db = (await PGlite.create(directory, { parsers: PGLITE_PARSERS })) as unknown as PGliteLike;
  } catch (error) {
    throw MirrorDatabaseError.from(error, shown);
  }
  return fromPglite(db, shown, true);
}
