// The one small interface the mirror writes through, and the drivers behind it: PGlite (the
// embedded default), `postgres` (a server by URL), or a `pg` pool
// the application already has. Every driver speaks the same SQL, so there is one dialect and
// one set of migrations.
import { MirrorDatabaseError } from "./errors.js";

/** Statements, one at a time, with `$1`-style parameters. */
export interface Queryable {
  /** Runs one statement and resolves to its rows. */
  query<Row extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs statements separated by semicolons, without parameters (a migration). */
  exec(text: string): Promise<void>;
}

/** A database the mirror can use: statements, transactions, and closing. */
export interface MirrorDatabase extends Queryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Closes what the mirror opened; a driver you passed in is left open. */
  close(): Promise<void>;
  /** What it is, for messages: `"PGlite at ./mirror"`, `"postgres://db.example:5432/app"`. */
  readonly description: string;
}

/** A PGlite instance, as far as the mirror uses it. */
export interface PGliteLike {
  /** One statement with parameters. */
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /** Statements without parameters. */
  exec(text: string): Promise<unknown>;
  /** `work` in one transaction. */
  transaction<T>(work: (tx: { query: PGliteLike["query"]; exec: PGliteLike["exec"] }) => Promise<T>): Promise<T>;
  /** Closes the database. */
  close(): Promise<void>;
  /** Resolves once the database is open. */
  readonly waitReady: Promise<void>;
}

/** A `postgres` (postgres.js) `sql` function, as far as the mirror uses it. */
export interface PostgresSqlLike {
  /** A statement as text, with parameters; `.simple()` runs several without. */
  // biome-ignore lint/suspicious/noExplicitAny: postgres.js types its parameters as its own serializable values.
  unsafe(text: string, params?: any[]): PostgresQueryLike;
  /** `work` in one transaction, on one connection, given a `sql` of that transaction. */
  // biome-ignore lint/suspicious/noExplicitAny: postgres.js's transaction sql, itself a PostgresSqlLike.
  begin(work: (sql: any) => Promise<unknown>): PromiseLike<unknown>;
  /** Closes the connections. */
  end(options?: { timeout?: number }): Promise<void>;
}

/** A `pg` pool, as far as the mirror uses it. */
export interface PgPoolLike {
  /** A client of the pool, for a transaction. */
  connect(): Promise<PgPoolClientLike>;
  /** One statement on any client of the pool. */
  query(text: string, params?: unknown[]): Promise<{ rows: object[] }>;
  /** Closes the pool. */
  end(): Promise<void>;
}

/** A client a `pg` pool lends, as far as the mirror uses it. */
export interface PgPoolClientLike {
  /** One statement on this client. */
  query(text: string, params?: unknown[]): Promise<{ rows: object[] }>;
  /** Gives the client back to the pool; with an error, the pool discards it. */
  release(error?: Error | boolean): void;
}

/** What `unsafe()` of a postgres.js `sql` answers: rows, or with `simple()`, several statements. */
export interface PostgresQueryLike extends PromiseLike<object[]> {
  /** Runs the text as several statements, without parameters. */
  simple(): PromiseLike<unknown>;
}

/**
 * Where the mirror lives: a `postgres://` URL, a directory for the embedded PGlite database
 * (`"memory://"` for one in memory, gone when closed), a driver you already have (a PGlite instance, a `postgres` sql, a `pg` pool), or a
 * `MirrorDatabase` of your own.
 */
export type DatabaseInput = string | PGliteLike | PostgresSqlLike | PgPoolLike | MirrorDatabase;

const URL_RE = /^postgres(ql)?:\/\//i;

/** Opens the database `input` names, or wraps the driver it is. */
export async function openDatabase(input: DatabaseInput): Promise<MirrorDatabase> {
  if (input === MEMORY) return openMemory();
  if (typeof input === "string") return URL_RE.test(input) ? openUrl(input) : openDirectory(input);
  if (isMirrorDatabase(input)) return input;
  if (typeof input === "function" && "unsafe" in input && "begin" in input)
    return fromPostgres(input, "postgres.js", false);
  if ("waitReady" in input && "exec" in input) return fromPglite(input, "PGlite", false);
  if ("connect" in input && "query" in input) return fromPgPool(input);
  throw new TypeError(
    "createMirror(): database must be a postgres:// URL, a directory, a PGlite instance, a postgres sql or a pg pool",
  );
}

function isMirrorDatabase(input: object): input is MirrorDatabase {
  return "transaction" in input && "exec" in input && "description" in input;
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

/** The `database` that names an embedded database in memory, gone when it is closed. */
export const MEMORY = "memory://";

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

/** Wraps a PGlite instance. */
export function fromPglite(db: PGliteLike, description: string, owned: boolean): MirrorDatabase {
  const on = (target: { query: PGliteLike["query"]; exec: PGliteLike["exec"] }): Queryable => ({
    async query<Row extends object>(text: string, params?: readonly unknown[]) {
      return (await target.query<Row>(text, params ? [...params] : undefined)).rows;
    },
    async exec(text: string) {
      await target.exec(text);
    },
  });
  return {
    ...on(db),
    description,
    transaction: (work) => db.transaction((tx) => work(on(tx))),
    close: async () => {
      if (owned) await db.close();
    },
  };
}

/** Wraps a postgres.js `sql`. */
export function fromPostgres(sql: PostgresSqlLike, description: string, owned: boolean): MirrorDatabase {
  const on = (target: PostgresSqlLike): Queryable => ({
    async query<Row extends object>(text: string, params?: readonly unknown[]) {
      return (await target.unsafe(text, params ? [...params] : [])) as Row[];
    },
    async exec(text: string) {
      await target.unsafe(text).simple();
    },
  });
  return {
    ...on(sql),
    description,
    transaction: <T>(work: (tx: Queryable) => Promise<T>) =>
      Promise.resolve(sql.begin((tx: PostgresSqlLike) => work(on(tx)))) as Promise<T>,
    close: async () => {
      if (owned) await sql.end({ timeout: 5 });
    },
  };
}

/** Wraps a `pg` pool: a transaction holds one of its clients from BEGIN to COMMIT. */
export function fromPgPool(pool: PgPoolLike): MirrorDatabase {
  const on = (target: { query: PgPoolLike["query"] }): Queryable => ({
    async query<Row extends object>(text: string, params?: readonly unknown[]) {
      return (await target.query(text, params ? [...params] : undefined)).rows as Row[];
    },
    async exec(text: string) {
      await target.query(text);
    },
  });
  return {
    ...on(pool),
    description: "pg pool",
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(on(client));
        await client.query("COMMIT");
        client.release();
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        client.release(true);
        throw error;
      }
    },
    close: async () => {},
  };
}
