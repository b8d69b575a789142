// The two SQL dialects the mirror writes: Postgres (PGlite, a server, Hyperdrive) and SQLite
// (Cloudflare D1). The tables and views are the same, named `realtimekit.<table>` in Postgres
// and `realtimekit_<table>` in SQLite, which has no schemas. Here is every place where the
// mirror's statements differ: lists bound as one parameter, JSON, the time now, and NULL-safe
// comparison.

/** Which SQL a database speaks. */
export type DialectName = "postgres" | "sqlite";

export interface Dialect {
  readonly name: DialectName;
  /** A table or view of the mirror, qualified: `realtimekit.sessions`, `realtimekit_sessions`. */
  table(name: string): string;
  /** `column` is one of the texts of list parameter `$n`. */
  inList(column: string, n: number): string;
  /** A list of texts as the parameter `inList` reads. */
  list(values: readonly string[]): unknown;
  /** Text parameter `$n` as a JSON value (a string). */
  jsonText(n: number): string;
  /** The JSON string in a JSON column, as text. */
  jsonString(column: string): string;
  /** Parameter `$n`, JSON text, as the type of a JSON column. */
  json(n: number): string;
  /** The JSON object in `column` has the key `key`. */
  hasKey(column: string, key: string): string;
  /** The array at `key` of the JSON object in `column` holds an object whose `field` is parameter `$n`. */
  holds(column: string, key: string, field: string, n: number): string;
  /** The time now, as the dialect stores times. */
  readonly now: string;
  /** `a IS DISTINCT FROM b` */
  distinct(a: string, b: string): string;
  /** `a IS NOT DISTINCT FROM b` */
  same(a: string, b: string): string;
  /** A JSON column as read back: parsed from text where the driver gives text. */
  parsed<T>(value: unknown): T;
}

export const POSTGRES: Dialect = {
  name: "postgres",
  table: (name) => `realtimekit.${name}`,
  inList: (column, n) => `${column} = ANY($${n}::text[])`,
  list: (values) => [...values],
  jsonText: (n) => `to_jsonb($${n}::text)`,
  jsonString: (column) => `${column} #>> '{}'`,
  json: (n) => `$${n}::text::jsonb`,
  hasKey: (column, key) => `${column} ? '${key}'`,
  holds: (column, key, field, n) =>
    `${column} -> '${key}' @> jsonb_build_array(jsonb_build_object('${field}', $${n}::text))`,
  now: "now()",
  distinct: (a, b) => `${a} IS DISTINCT FROM ${b}`,
  same: (a, b) => `${a} IS NOT DISTINCT FROM ${b}`,
  parsed: <T>(value: unknown) => value as T,
};

export const SQLITE: Dialect = {
  name: "sqlite",
  table: (name) => `realtimekit_${name}`,
  inList: (column, n) => `${column} IN (SELECT value FROM json_each($${n}))`,
  list: (values) => JSON.stringify(values),
  jsonText: (n) => `json_quote($${n})`,
  jsonString: (column) => `json_extract(${column}, '$')`,
  json: (n) => `json($${n})`,
  hasKey: (column, key) => `json_type(${column}, '$.${key}') IS NOT NULL`,
  holds: (column, key, field, n) =>
    `EXISTS (SELECT 1 FROM json_each(${column}, '$.${key}') e WHERE json_extract(e.value, '$.${field}') = $${n})`,
  // ISO 8601 in UTC to the millisecond, as the mirror writes every time it reads from the API.
  now: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
  distinct: (a, b) => `${a} IS NOT ${b}`,
  same: (a, b) => `${a} IS ${b}`,
  parsed: <T>(value: unknown) => (typeof value === "string" ? JSON.parse(value) : value) as T,
};

/** The dialect of a database: Postgres unless it says otherwise. */
export const dialectOf = (database: { readonly dialect?: DialectName | undefined }): Dialect =>
  database.dialect === "sqlite" ? SQLITE : POSTGRES;
