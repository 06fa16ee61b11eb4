/**
 * The SQL both stores run, written once: the statements where SQLite and PostgreSQL agree but for
 * what `SqlDialect` spells (parameters, JSON casts, `now`, bytewise order).
 */
import { JSON_COLUMNS, RUN_INSERT_COLUMNS, RUN_SUMMARY_COLUMNS, RUN_UPDATE_COLUMNS } from './row-mappers.js';
import { paramList, type SqlDialect } from './sql-dialect.js';

/** The statement texts of one dialect (built once per store module). */
export type SharedStatements = ReturnType<typeof sharedStatements>;

/** Every shared statement in `d`'s spelling. */
export function sharedStatements<T, J>(d: SqlDialect<T, J>) {
  const p = d.param;
  /** Stores `value` under `key`, replacing what was there; `updated_at` says when. */
  const upsert = (table: string, key: string, value: string) =>
    `INSERT INTO ${table} (${key}, ${value}, updated_at) VALUES (${paramList(d, [key, value], JSON_COLUMNS)}, ${d.now})
     ON CONFLICT (${key}) DO UPDATE SET ${value} = excluded.${value}, updated_at = excluded.updated_at`;
  return {
    ping: 'SELECT 1',
    runInsert: `INSERT INTO runs (${RUN_INSERT_COLUMNS.join(', ')}) VALUES (${paramList(d, RUN_INSERT_COLUMNS, JSON_COLUMNS)})`,
    runUpdate: `UPDATE runs SET ${RUN_UPDATE_COLUMNS.map((column, i) => `${column} = ${JSON_COLUMNS.has(column) ? d.jsonParam(i + 1) : p(i + 1)}`).join(', ')}
                WHERE id = ${p(RUN_UPDATE_COLUMNS.length + 1)}`,
    runGet: `SELECT * FROM runs WHERE id = ${p(1)}`,
    runCursor: `SELECT seq FROM runs WHERE id = ${p(1)}`,
    runPruneEnded: `DELETE FROM runs WHERE status <> 'running' AND ended_at < ${p(1)}`,
    runPruneBeyond: `DELETE FROM runs WHERE status <> 'running' AND seq <= (SELECT seq FROM runs ORDER BY seq DESC LIMIT 1 OFFSET ${p(1)})`,
    runsForEvent: `SELECT ${RUN_SUMMARY_COLUMNS} FROM runs WHERE event_id = ${p(1)} ORDER BY seq DESC`,
    runSucceededForEvent: `SELECT id FROM runs WHERE event_id = ${p(1)} AND status = 'succeeded' ORDER BY seq ASC LIMIT 1`,
    inboxGet: `SELECT * FROM inbox WHERE id = ${p(1)}`,
    inboxDelete: `DELETE FROM inbox WHERE id = ${p(1)} AND status <> 'routed'`,
    // CAST, not PostgreSQL's `::`, so SQLite reads it too; PostgreSQL's COUNT is a bigint (a string in pg).
    inboxCounts: 'SELECT status, CAST(COUNT(*) AS INTEGER) AS n FROM inbox GROUP BY status',
    inboxReleaseAll: `UPDATE inbox SET status = 'pending', claimed_by = NULL, lease_until = NULL, updated_at = ${d.now} WHERE status = 'routed'`,
    routingPut: upsert('routing', 'event_type', 'flow'),
    routingGet: `SELECT flow FROM routing WHERE event_type = ${p(1)}`,
    routingList: `SELECT event_type, flow FROM routing ORDER BY event_type${d.bytewise}`,
    routingDelete: `DELETE FROM routing WHERE event_type = ${p(1)}`,
    registrationGet: `SELECT record FROM registrations WHERE key = ${p(1)}`,
    registrationPut: upsert('registrations', 'key', 'record'),
    registrationList: `SELECT record FROM registrations ORDER BY key${d.bytewise}`,
    keyValueGet: `SELECT value FROM key_values WHERE key = ${p(1)}`,
    keyValuePut: upsert('key_values', 'key', 'value'),
  };
}

/** A condition of a list: column, operator, and value; an undefined value means no condition. */
export type ListFilter = readonly [column: string, operator: '=' | '<', value: unknown];

/**
 * `select` with the conditions whose value is set, newest first (`seq`), at most `limit` rows. `key`
 * names the combination of conditions: there is one statement per combination, so each walks its own
 * index (`flow = $1 OR $1 IS NULL` would make every filter a scan of the whole history).
 */
export function newestFirst<T, J>(d: SqlDialect<T, J>, select: string, filters: readonly ListFilter[], limit: number): { text: string; values: unknown[]; key: string } {
  const where: string[] = [];
  const values: unknown[] = [];
  const columns: string[] = [];
  for (const [column, operator, value] of filters) {
    if (value === undefined) continue;
    values.push(value);
    columns.push(column);
    where.push(`${column} ${operator} ${d.param(values.length)}`);
  }
  values.push(limit);
  const text = `${select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${d.param(values.length)}`;
  return { text, values, key: columns.join('_') || 'all' };
}
