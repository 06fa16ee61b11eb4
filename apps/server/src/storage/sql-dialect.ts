/**
 * What differs between the SQL of the two stores where their statements otherwise agree: how a
 * parameter is written, how JSON and time columns come back, and how "now" and bytewise order are
 * said. The statements that differ in substance (claims, batch receive, interrupted runs) stay in
 * each store's own module.
 */

/** How a dialect writes the shared statements and decodes their columns. */
export interface SqlDialect<Time, Json> {
  /**
   * The text of the `i`-th parameter (1-based). SQLite binds `?` in order of appearance, so a shared
   * statement uses each parameter once, in ascending order.
   */
  param(i: number): string;
  /** A parameter that carries JSON text into a JSON column. */
  jsonParam(i: number): string;
  /** The current time as the database writes it into a timestamp column. */
  readonly now: string;
  /** Appended to `ORDER BY` on a text key, so both stores list in the same (byte) order. */
  readonly bytewise: string;
  /** A timestamp column's value as an ISO 8601 string. */
  time(value: Time): string;
  /** A (non-null) JSON column's value, parsed. */
  json(value: Json): unknown;
}

/** SQLite (better-sqlite3): timestamps and JSON are stored as text. */
export const SQLITE_DIALECT: SqlDialect<string, string> = {
  param: () => '?',
  jsonParam: () => '?',
  // The same ISO 8601 form (milliseconds, `Z`) that `Date#toISOString` writes into the other rows.
  now: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
  // Text compares bytewise by default (BINARY collation).
  bytewise: '',
  time: (value) => value,
  json: (value) => JSON.parse(value) as unknown,
};

/** PostgreSQL (pg): the driver returns `timestamptz` as `Date` and `json` already parsed. */
export const POSTGRES_DIALECT: SqlDialect<Date, unknown> = {
  param: (i) => `$${i}`,
  jsonParam: (i) => `$${i}::json`,
  now: 'now()',
  // The same byte order as SQLite, whatever the database's locale.
  bytewise: ' COLLATE "C"',
  time: (value) => value.toISOString(),
  json: (value) => value,
};

/** The parameters `first`, `first + 1`, … for `columns`, JSON columns (named in `json`) as JSON parameters. */
export function paramList<T, J>(dialect: SqlDialect<T, J>, columns: readonly string[], json: ReadonlySet<string>, first = 1): string {
  return columns.map((column, i) => (json.has(column) ? dialect.jsonParam(first + i) : dialect.param(first + i))).join(', ');
}
