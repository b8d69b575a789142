// The one small interface the mirror writes through, and the drivers behind it: PGlite (the
// embedded default), `postgres` (a server by URL, or Hyperdrive in a Worker), a `pg` pool the
// application already has, or a D1 binding. The Postgres drivers speak one dialect, D1 SQLite's
// (./dialect.ts); each dialect has its own migrations of the same tables and views.
import type { DialectName } from "./dialect.js";

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
  /** The SQL it speaks. @default "postgres" */
  readonly dialect?: DialectName | undefined;
  /**
   * Whether a transaction runs its statements as one batch when `work` resolves (D1), so that
   * a statement inside one answers no rows. @default false
   */
  readonly batched?: boolean | undefined;
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
 * (`"memory://"` for one in memory, gone when closed), a driver you already have (a PGlite
 * instance, a `postgres` sql, a `pg` pool, a D1 binding), or a `MirrorDatabase` of your own.
 */
export type DatabaseInput = string | PGliteLike | PostgresSqlLike | PgPoolLike | D1DatabaseLike | MirrorDatabase;

/** The `database` that names an embedded database in memory, gone when it is closed. */
export const MEMORY = "memory://";

/** Wraps the driver `input` is, or `undefined` for what is not a driver (a URL, a directory). */
export function driverDatabase(input: DatabaseInput): MirrorDatabase | undefined {
  if (typeof input === "string") return undefined;
  if (isMirrorDatabase(input)) return input;
  if (typeof input === "function" && "unsafe" in input && "begin" in input)
    return fromPostgres(input, "postgres.js", false);
  if ("waitReady" in input && "exec" in input) return fromPglite(input, "PGlite", false);
  if ("prepare" in input && "batch" in input) return fromD1(input);
  if ("connect" in input && "query" in input) return fromPgPool(input);
  throw new TypeError(
    "createMirror(): database must be a postgres:// URL, a directory, a PGlite instance, a postgres sql, a pg pool or a D1 binding",
  );
}

function isMirrorDatabase(input: object): input is MirrorDatabase {
  return "transaction" in input && "exec" in input && "description" in input;
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

/** A D1 binding (`env.DB` of a Worker), as far as the mirror uses it. */
export interface D1DatabaseLike {
  /** A statement, to bind and run. */
  prepare(query: string): D1PreparedStatementLike;
  /** Statements run in one transaction: all of them, or none. */
  batch(statements: D1PreparedStatementLike[]): Promise<unknown[]>;
}

/** A D1 prepared statement, as far as the mirror uses it. */
export interface D1PreparedStatementLike {
  /** The statement with its `?1`-style parameters bound. */
  bind(...values: unknown[]): D1PreparedStatementLike;
  /** Runs it and resolves to its rows. */
  all(): Promise<{ results: unknown[] }>;
}

/**
 * Wraps a D1 binding. D1 has no transaction a Worker holds open: a transaction here collects
 * its statements and runs them as one batch when `work` resolves, so a statement inside one
 * answers no rows (the mirror reads before it writes, never in between).
 */
export function fromD1(d1: D1DatabaseLike, description = "D1"): MirrorDatabase {
  const prepare = (text: string, params?: readonly unknown[]) => {
    // D1 binds `?1`; the mirror writes `$1`, which no string of its SQL holds.
    const statement = d1.prepare(text.replace(/\$(\d+)/g, "?$1"));
    return params && params.length > 0 ? statement.bind(...params.map(bindable)) : statement;
  };
  return {
    description,
    dialect: "sqlite",
    batched: true,
    async query<Row extends object>(text: string, params?: readonly unknown[]) {
      return (await prepare(text, params).all()).results as Row[];
    },
    async exec(text: string) {
      const statements = statementsOf(text).map((statement) => prepare(statement));
      if (statements.length > 0) await d1.batch(statements);
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const statements: D1PreparedStatementLike[] = [];
      const result = await work({
        async query<Row extends object>(text: string, params?: readonly unknown[]) {
          statements.push(prepare(text, params));
          return [] as Row[];
        },
        async exec(text: string) {
          for (const statement of statementsOf(text)) statements.push(prepare(statement));
        },
      });
      if (statements.length > 0) await d1.batch(statements);
      return result;
    },
    close: async () => {},
  };
}

/** A value as D1 binds it: no undefined, no boolean. */
const bindable = (value: unknown): unknown =>
  value === undefined ? null : typeof value === "boolean" ? (value ? 1 : 0) : value;

/**
 * The statements of a script of the mirror's own (its SQLite migrations): split where a line
 * ends in `;`, comments dropped. No statement of them has a `;` at the end of an inner line.
 */
function statementsOf(text: string): string[] {
  return text
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((statement) =>
      statement
        .split("\n")
        .filter((line) => !/^\s*--/.test(line))
        .join("\n")
        .trim(),
    )
    .filter((statement) => statement !== "");
}
