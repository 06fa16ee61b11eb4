/**
 * The PostgreSQL implementation of `Storage` (the `pg` driver): one database shared by several
 * server instances. Every statement is a named (prepared) query with parameters; the inbox claim is
 * one `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`, so concurrent dispatchers on any
 * number of instances never take the same entry.
 */
import pg from 'pg';
import { migratePostgres } from './postgres-migrations.js';
import { fromTraceColumn, traceColumn } from './trace-column.js';
import {
  INBOX_STATUSES,
  INTERRUPTED_ERROR,
  UnknownCursorError,
  type InboxChange,
  type InboxClaim,
  type InboxEntry,
  type InboxQuery,
  type InboxRepository,
  type InboxStatus,
  type KeyValueRepository,
  type NewInboxEvent,
  type RegistrationRecord,
  type RegistrationRepository,
  type RetentionPolicy,
  type RoutingConfiguration,
  type RoutingRepository,
  type RunPage,
  type RunQuery,
  type RunRecord,
  type RunRepository,
  type RunSummary,
  type Storage,
} from './storage.js';

export interface PostgresStorageOptions {
  /**
   * The schema holding Flowbridge's tables (created when absent). Defaults to the `schema` query
   * parameter of the URL, else the server's default search path (usually `public`).
   */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Told about errors of idle pooled connections (e.g. the database restarted); the pool replaces them. */
  onPoolError?: (error: Error) => void;
}

/** A schema name used unquoted in `search_path`: lower-case letters, digits and `_`. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A PostgreSQL connection or schema problem, with what to do about it. */
export class PostgresStorageError extends Error {
  override name = 'PostgresStorageError';
}

/**
 * Connects to `url` (`postgres://user@host:port/database[?schema=name]`), creates the schema and
 * applies pending migrations, and returns the storage. Throws `PostgresStorageError` naming the
 * address (never the password) when the database cannot be reached.
 */
export async function createPostgresStorage(url: string, options: PostgresStorageOptions = {}): Promise<Storage> {
  const { connectionString, schema: urlSchema, display } = parseUrl(url);
  const schema = options.schema ?? urlSchema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new PostgresStorageError(`The schema name "${schema}" is not allowed; use lower-case letters, digits and "_" (at most 63), starting with a letter or "_".`);
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 10_000,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', (error) => options.onPoolError?.(error));
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, undefined, schema);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = (error as Error).message;
    throw new PostgresStorageError(`PostgreSQL at ${display} could not be opened: ${reason}. Check DATABASE_URL and that the database is running and accepts this user.`, { cause: error });
  }
  return new PostgresStorage(pool, `postgres:${display}${schema !== undefined ? `?schema=${schema}` : ''}`);
}

/** Splits off Flowbridge's own `schema` parameter and makes a password-free description of the URL. */
function parseUrl(url: string): { connectionString: string; schema?: string; display: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PostgresStorageError('DATABASE_URL is not a URL; use postgres://user@host:5432/database (optionally ?schema=name).');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new PostgresStorageError(`DATABASE_URL must start with postgres:// or postgresql://, got "${parsed.protocol}//".`);
  }
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  const display = `${parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''}${parsed.host}${parsed.pathname}`;
  return { connectionString: parsed.toString(), ...(schema ? { schema } : {}), display };
}

type Queryable = Pick<pg.Pool, 'query'>;

/** Runs a named (server-side prepared, once per connection) statement. */
async function named<R extends pg.QueryResultRow>(db: Queryable, name: string, text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
  return db.query<R>({ name, text, values });
}

class PostgresStorage implements Storage {
  readonly shared = true;
  readonly runs: RunRepository;
  readonly inbox: InboxRepository;
  readonly routing: RoutingRepository;
  readonly registrations: RegistrationRepository;
  readonly keyValues: KeyValueRepository;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    readonly description: string,
  ) {
    this.runs = new PostgresRuns(pool);
    this.inbox = new PostgresInbox(pool);
    this.routing = new PostgresRouting(pool);
    this.registrations = new PostgresRegistrations(pool);
    this.keyValues = new PostgresKeyValues(pool);
  }

  async ping(): Promise<void> {
    await named(this.pool, 'fb_ping', 'SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
const iso = (value: Date | null): string | undefined => (value === null ? undefined : value.toISOString());

interface RunRow {
  id: string;
  flow: string;
  status: RunRecord['status'];
  trigger: RunRecord['trigger'];
  started_at: Date;
  ended_at: Date | null;
  event_id: string | null;
  error: RunRecord['error'] | null;
  result?: unknown;
  parameters?: Record<string, unknown> | null;
  logs?: RunRecord['logs'];
  trace?: unknown;
}

const SUMMARY_COLUMNS = 'id, flow, status, trigger, started_at, ended_at, event_id, error';

class PostgresRuns implements RunRepository {
  constructor(private readonly db: Queryable) {}

  async insert(record: RunRecord): Promise<void> {
    await named(
      this.db,
      'fb_runs_insert',
      `INSERT INTO runs (id, flow, status, trigger, started_at, ended_at, event_id, error, result, logs, trace, parameters)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9::json, $10::json, $11::json, $12::json)`,
      [record.id, record.flow, record.status, record.trigger, record.startedAt, record.endedAt ?? null, record.eventId ?? null, json(record.error), json(record.result), JSON.stringify(record.logs), traceColumn(record), json(record.parameters)],
    );
  }

  async update(record: RunRecord): Promise<void> {
    await named(
      this.db,
      'fb_runs_update',
      'UPDATE runs SET status = $2, ended_at = $3, error = $4::json, result = $5::json, logs = $6::json, trace = $7::json WHERE id = $1',
      [record.id, record.status, record.endedAt ?? null, json(record.error), json(record.result), JSON.stringify(record.logs), traceColumn(record)],
    );
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const { rows } = await named<RunRow>(this.db, 'fb_runs_get', 'SELECT * FROM runs WHERE id = $1', [id]);
    return rows[0] ? fromRunRow(rows[0]) : undefined;
  }

  async list(query: RunQuery): Promise<RunPage> {
    let before: string | null = null;
    if (query.before !== undefined) {
      const cursor = await named<{ seq: string }>(this.db, 'fb_runs_cursor', 'SELECT seq FROM runs WHERE id = $1', [query.before]);
      if (!cursor.rows[0]) throw new UnknownCursorError(query.before);
      before = cursor.rows[0].seq;
    }
    // One prepared statement per combination of filters, so each can walk its own index
    // (`flow = $1 OR $1 IS NULL` would make every filter a scan of the whole history).
    const filters: Array<[string, unknown]> = [];
    if (query.flow !== undefined) filters.push(['flow', query.flow]);
    if (query.status !== undefined) filters.push(['status', query.status]);
    if (before !== null) filters.push(['seq <', before]);
    const where = filters.map(([column], i) => (column.endsWith('<') ? `${column} $${i + 1}` : `${column} = $${i + 1}`));
    const { rows } = await named<RunRow>(
      this.db,
      `fb_runs_list_${filters.map(([column]) => column.replace(' <', '')).join('_') || 'all'}`,
      `SELECT ${SUMMARY_COLUMNS} FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY seq DESC LIMIT $${filters.length + 1}`,
      [...filters.map(([, value]) => value), query.limit + 1],
    );
    const page = rows.slice(0, query.limit).map(toSummary);
    const last = page[page.length - 1];
    return rows.length > query.limit && last ? { runs: page, next: last.id } : { runs: page };
  }

  async prune(policy: RetentionPolicy): Promise<number> {
    let deleted = 0;
    if (policy.endedBefore !== undefined) {
      deleted += (await named(this.db, 'fb_runs_prune_age', "DELETE FROM runs WHERE status <> 'running' AND ended_at < $1", [policy.endedBefore])).rowCount ?? 0;
    }
    if (policy.keep !== undefined) {
      deleted +=
        (
          await named(
            this.db,
            'fb_runs_prune_count',
            "DELETE FROM runs WHERE status <> 'running' AND seq <= (SELECT seq FROM runs ORDER BY seq DESC LIMIT 1 OFFSET $1)",
            [policy.keep],
          )
        ).rowCount ?? 0;
    }
    return deleted;
  }

  async idsStartingWith(prefix: string, limit: number): Promise<string[]> {
    const { rows } = await named<{ id: string }>(this.db, 'fb_runs_by_prefix', 'SELECT id FROM runs WHERE starts_with(id, $1) ORDER BY id LIMIT $2', [prefix, limit]);
    return rows.map((r) => r.id);
  }

  async forEvent(eventId: string): Promise<RunSummary[]> {
    const { rows } = await named<RunRow>(this.db, 'fb_runs_for_event', `SELECT ${SUMMARY_COLUMNS} FROM runs WHERE event_id = $1 ORDER BY seq DESC`, [eventId]);
    return rows.map(toSummary);
  }

  async succeededForEvent(eventId: string): Promise<string | undefined> {
    const { rows } = await named<{ id: string }>(
      this.db,
      'fb_runs_succeeded_for_event',
      "SELECT id FROM runs WHERE event_id = $1 AND status = 'succeeded' ORDER BY seq ASC LIMIT 1",
      [eventId],
    );
    return rows[0]?.id;
  }

  /**
   * Shared storage: another instance may be running right now, so an event run whose inbox entry is
   * still claimed under a live lease is left alone; it is failed by a later start-up once its lease
   * has ended (the dispatcher has then taken the event over).
   */
  async markInterrupted(endedAt: string): Promise<number> {
    const error = JSON.stringify(INTERRUPTED_ERROR);
    const result = await named(
      this.db,
      'fb_runs_mark_interrupted',
      `UPDATE runs SET status = 'interrupted', ended_at = $1, error = $2::json
       WHERE status = 'running' AND NOT EXISTS (
         SELECT 1 FROM inbox WHERE inbox.id = runs.event_id AND inbox.status = 'routed' AND inbox.lease_until > now()
       )`,
      [endedAt, error],
    );
    return result.rowCount ?? 0;
  }
}

function toSummary(row: RunRow): RunSummary {
  const endedAt = iso(row.ended_at);
  return {
    id: row.id,
    flow: row.flow,
    status: row.status,
    trigger: row.trigger,
    startedAt: row.started_at.toISOString(),
    ...(endedAt !== undefined ? { endedAt, durationMs: row.ended_at!.getTime() - row.started_at.getTime() } : {}),
    ...(row.event_id !== null ? { eventId: row.event_id } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
  };
}

function fromRunRow(row: RunRow): RunRecord {
  const endedAt = iso(row.ended_at);
  return {
    id: row.id,
    flow: row.flow,
    status: row.status,
    trigger: row.trigger,
    startedAt: row.started_at.toISOString(),
    ...(endedAt !== undefined ? { endedAt } : {}),
    ...(row.event_id !== null ? { eventId: row.event_id } : {}),
    ...(row.result !== null && row.result !== undefined ? { result: row.result } : {}),
    ...(row.parameters !== null && row.parameters !== undefined ? { parameters: row.parameters } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    logs: row.logs ?? [],
    ...fromTraceColumn(row.trace ?? []),
  };
}

interface InboxRow {
  seq: string;
  id: string;
  detail_type: string;
  source: string;
  event: unknown;
  request: unknown;
  status: InboxStatus;
  received_at: Date;
  updated_at: Date;
  attempts: number;
  next_attempt_at: Date | null;
  flow: string | null;
  run_id: string | null;
  error: string | null;
  claimed_by: string | null;
  lease_until: Date | null;
}

/**
 * The SET clause shared by `transition` and `release`: each optional field comes as a pair of
 * parameters (should it change, and to what), so one prepared statement serves every change.
 */
const OPTIONAL_CHANGES = `
  next_attempt_at = CASE WHEN $3::boolean THEN $4::timestamptz ELSE next_attempt_at END,
  flow = CASE WHEN $5::boolean THEN $6::text ELSE flow END,
  run_id = CASE WHEN $7::boolean THEN $8::text ELSE run_id END,
  error = CASE WHEN $9::boolean THEN $10::text ELSE error END`;

function optionalChangeValues(change: Omit<InboxChange, 'attempts'>): unknown[] {
  return [
    change.nextAttemptAt !== undefined,
    change.nextAttemptAt ?? null,
    change.flow !== undefined,
    change.flow ?? null,
    change.runId !== undefined,
    change.runId ?? null,
    change.error !== undefined,
    change.error ?? null,
  ];
}

/**
 * The claim: $1 now, $2 limit, $3 owner, $4 lease end. Each kind of claimable entry comes from a
 * small partial index holding only such rows (migration 4), cut at the limit. The ids to update are
 * an array (`= ANY(ARRAY(…))`), not `IN (subquery)`: the prepared statement's generic plan, which
 * cannot see the limit, otherwise joined the candidates with a scan of the whole table. Exported for
 * the query-plan test.
 */
export const POSTGRES_CLAIM_SQL = `WITH fresh AS (
         SELECT id, seq FROM inbox
         WHERE status = 'pending' AND next_attempt_at IS NULL
         ORDER BY seq LIMIT $2
         FOR UPDATE SKIP LOCKED
       ), retry AS (
         SELECT id, seq FROM inbox
         WHERE status = 'pending' AND next_attempt_at IS NOT NULL AND next_attempt_at <= $1
         ORDER BY seq LIMIT $2
         FOR UPDATE SKIP LOCKED
       ), expired AS (
         SELECT id, seq FROM inbox
         WHERE status = 'routed' AND lease_until < $1
         ORDER BY seq LIMIT $2
         FOR UPDATE SKIP LOCKED
       )
       UPDATE inbox SET status = 'routed', claimed_by = $3, lease_until = $4, attempts = attempts + 1, updated_at = now()
       WHERE id = ANY(ARRAY(
         SELECT id FROM (SELECT * FROM fresh UNION ALL SELECT * FROM retry UNION ALL SELECT * FROM expired) AS claimable
         ORDER BY seq LIMIT $2
       ))
       RETURNING *`;

class PostgresInbox implements InboxRepository {
  constructor(private readonly db: Queryable) {}

  async receive(event: NewInboxEvent): Promise<{ entry: InboxEntry; duplicate: boolean }> {
    const [received] = await this.receiveMany([event]);
    return received!;
  }

  /**
   * One statement (one transaction, one commit flush) for the whole batch: the insert skips ids
   * already stored, and the same statement returns the stored rows of those it skipped. Rows go in
   * id order, so two instances inserting overlapping batches wait for each other instead of deadlocking.
   */
  async receiveMany(events: readonly NewInboxEvent[]): Promise<Array<{ entry: InboxEntry; duplicate: boolean }>> {
    if (events.length === 0) return [];
    const ids = events.map((e) => e.id);
    const { rows } = await named<InboxRow & { inserted: boolean }>(
      this.db,
      'fb_inbox_receive_many',
      `WITH incoming AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS t(id, detail_type, source, event, request, received_at)
       ), inserted AS (
         INSERT INTO inbox (id, detail_type, source, event, request, status, received_at, updated_at)
         SELECT id, detail_type, source, event::json, request::json, 'pending', COALESCE(received_at, now()), now() FROM incoming
         ORDER BY id
         ON CONFLICT (id) DO NOTHING
         RETURNING *
       )
       SELECT *, true AS inserted FROM inserted
       UNION ALL
       SELECT *, false AS inserted FROM inbox WHERE id = ANY($1::text[]) AND id NOT IN (SELECT id FROM inserted)`,
      [
        ids,
        events.map((e) => e.detailType),
        events.map((e) => e.source),
        events.map((e) => JSON.stringify(e.event ?? null)),
        events.map((e) => json(e.request)),
        events.map((e) => e.receivedAt ?? null),
      ],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    // An id another instance inserted concurrently is committed but newer than this statement's
    // snapshot: read it once more.
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      const again = await named<InboxRow>(this.db, 'fb_inbox_get_many', 'SELECT * FROM inbox WHERE id = ANY($1::text[])', [missing]);
      for (const row of again.rows) byId.set(row.id, { ...row, inserted: false });
    }
    const firstSeen = new Set<string>();
    return events.map((event) => {
      const row = byId.get(event.id);
      if (!row) throw new PostgresStorageError(`Inbox entry ${event.id} vanished right after it was written.`);
      // The same id twice in one batch: the first is the new one, the second a duplicate.
      const duplicate = !row.inserted || firstSeen.has(event.id);
      firstSeen.add(event.id);
      return { entry: fromInboxRow(row), duplicate };
    });
  }

  async get(id: string): Promise<InboxEntry | undefined> {
    const { rows } = await named<InboxRow>(this.db, 'fb_inbox_get', 'SELECT * FROM inbox WHERE id = $1', [id]);
    return rows[0] ? fromInboxRow(rows[0]) : undefined;
  }

  async list(query: InboxQuery): Promise<InboxEntry[]> {
    // One prepared statement per combination of filters (see runs.list).
    const filters: Array<[string, unknown]> = [];
    if (query.status !== undefined) filters.push(['status', query.status]);
    if (query.detailType !== undefined) filters.push(['detail_type', query.detailType]);
    const where = filters.map(([column], i) => `${column} = $${i + 1}`).join(' AND ');
    const name = `fb_inbox_list${filters.map(([column]) => `_${column}`).join('')}`;
    const { rows } = await named<InboxRow>(this.db, name, `SELECT * FROM inbox ${where ? `WHERE ${where}` : ''} ORDER BY seq DESC LIMIT $${filters.length + 1}`, [
      ...filters.map(([, value]) => value),
      query.limit,
    ]);
    return rows.map(fromInboxRow);
  }

  async transition(id: string, from: readonly InboxStatus[], change: InboxChange): Promise<InboxEntry | undefined> {
    if (from.length === 0) return undefined;
    const { rows } = await named<InboxRow>(
      this.db,
      'fb_inbox_transition',
      `UPDATE inbox SET status = $2, updated_at = now(), ${OPTIONAL_CHANGES},
         attempts = COALESCE($11::integer, attempts)
       WHERE id = $1 AND status = ANY($12::text[])
       RETURNING *`,
      [id, change.status, ...optionalChangeValues(change), change.attempts ?? null, [...from]],
    );
    return rows[0] ? fromInboxRow(rows[0]) : undefined;
  }

  async claim(claim: InboxClaim): Promise<InboxEntry[]> {
    if (claim.limit <= 0) return [];
    // SKIP LOCKED: rows another instance is claiming right now are passed over instead of waited
    // for, so concurrent claims split the work instead of queueing behind each other. The three
    // kinds of claimable entries are looked up separately, each from a small index holding only
    // them and stopping after `limit` rows (fresh events in seq order, due retries, expired leases),
    // so a claim costs the same whatever the backlog and the history of done entries.
    const { rows } = await named<InboxRow>(
      this.db,
      'fb_inbox_claim_v2',
      POSTGRES_CLAIM_SQL,
      [claim.now, claim.limit, claim.owner, claim.leaseUntil],
    );
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(fromInboxRow);
  }

  async release(id: string, owner: string, change: Omit<InboxChange, 'attempts'>): Promise<InboxEntry | undefined> {
    const { rows } = await named<InboxRow>(
      this.db,
      'fb_inbox_release',
      `UPDATE inbox SET status = $2, updated_at = now(), claimed_by = NULL, lease_until = NULL, ${OPTIONAL_CHANGES}
       WHERE id = $1 AND status = 'routed' AND claimed_by = $11
       RETURNING *`,
      [id, change.status, ...optionalChangeValues(change), owner],
    );
    return rows[0] ? fromInboxRow(rows[0]) : undefined;
  }

  async releaseAll(): Promise<number> {
    const result = await named(this.db, 'fb_inbox_release_all', "UPDATE inbox SET status = 'pending', claimed_by = NULL, lease_until = NULL, updated_at = now() WHERE status = 'routed'");
    return result.rowCount ?? 0;
  }

  async delete(id: string): Promise<boolean> {
    const result = await named(this.db, 'fb_inbox_delete', "DELETE FROM inbox WHERE id = $1 AND status <> 'routed'", [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async counts(): Promise<Record<InboxStatus, number>> {
    const counts = Object.fromEntries(INBOX_STATUSES.map((s) => [s, 0])) as Record<InboxStatus, number>;
    const { rows } = await named<{ status: InboxStatus; n: number }>(this.db, 'fb_inbox_counts', 'SELECT status, COUNT(*)::integer AS n FROM inbox GROUP BY status');
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }
}

function fromInboxRow(row: InboxRow): InboxEntry {
  return {
    id: row.id,
    detailType: row.detail_type,
    source: row.source,
    event: row.event,
    ...(row.request !== null ? { request: row.request } : {}),
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    attempts: row.attempts,
    ...(row.next_attempt_at !== null ? { nextAttemptAt: row.next_attempt_at.toISOString() } : {}),
    ...(row.flow !== null ? { flow: row.flow } : {}),
    ...(row.run_id !== null ? { runId: row.run_id } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.claimed_by !== null ? { claimedBy: row.claimed_by } : {}),
    ...(row.lease_until !== null ? { leaseUntil: row.lease_until.toISOString() } : {}),
  };
}

class PostgresRouting implements RoutingRepository {
  constructor(private readonly db: Queryable) {}

  async put(eventType: string, flow: string): Promise<void> {
    await named(
      this.db,
      'fb_routing_put',
      'INSERT INTO routing (event_type, flow, updated_at) VALUES ($1, $2, now()) ON CONFLICT (event_type) DO UPDATE SET flow = excluded.flow, updated_at = excluded.updated_at',
      [eventType, flow],
    );
  }

  async get(eventType: string): Promise<string | undefined> {
    const { rows } = await named<{ flow: string }>(this.db, 'fb_routing_get', 'SELECT flow FROM routing WHERE event_type = $1', [eventType]);
    return rows[0]?.flow;
  }

  async list(): Promise<RoutingConfiguration[]> {
    // COLLATE "C": the same byte order as SQLite, whatever the database's locale.
    const { rows } = await named<{ event_type: string; flow: string }>(this.db, 'fb_routing_list', 'SELECT event_type, flow FROM routing ORDER BY event_type COLLATE "C"');
    return rows.map((r) => ({ eventType: r.event_type, flow: r.flow }));
  }

  async delete(eventType: string): Promise<boolean> {
    return ((await named(this.db, 'fb_routing_delete', 'DELETE FROM routing WHERE event_type = $1', [eventType])).rowCount ?? 0) > 0;
  }
}

class PostgresRegistrations implements RegistrationRepository {
  constructor(private readonly db: Queryable) {}

  async get(key: string): Promise<RegistrationRecord | undefined> {
    const { rows } = await named<{ record: RegistrationRecord }>(this.db, 'fb_registrations_get', 'SELECT record FROM registrations WHERE key = $1', [key]);
    return rows[0]?.record;
  }

  async put(record: RegistrationRecord): Promise<void> {
    await named(
      this.db,
      'fb_registrations_put',
      'INSERT INTO registrations (key, record, updated_at) VALUES ($1, $2::json, now()) ON CONFLICT (key) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at',
      [record.key, JSON.stringify(record)],
    );
  }

  async list(): Promise<RegistrationRecord[]> {
    const { rows } = await named<{ record: RegistrationRecord }>(this.db, 'fb_registrations_list', 'SELECT record FROM registrations ORDER BY key COLLATE "C"');
    return rows.map((r) => r.record);
  }
}

class PostgresKeyValues implements KeyValueRepository {
  constructor(private readonly db: Queryable) {}

  async get(key: string): Promise<unknown> {
    const { rows } = await named<{ value: unknown }>(this.db, 'fb_key_values_get', 'SELECT value FROM key_values WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  async put(key: string, value: unknown): Promise<void> {
    await named(
      this.db,
      'fb_key_values_put',
      'INSERT INTO key_values (key, value, updated_at) VALUES ($1, $2::json, now()) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      [key, JSON.stringify(value ?? null)],
    );
  }
}
