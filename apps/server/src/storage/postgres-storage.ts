/**
 * The PostgreSQL implementation of `Storage` (the `pg` driver): one database shared by several
 * server instances. Every statement is a named (prepared) query with parameters; the inbox claim is
 * one `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`, so concurrent dispatchers on any
 * number of instances never take the same entry.
 */
import pg from 'pg';
import { migratePostgres } from './postgres-migrations.js';
import { GroupCommit } from './group-commit.js';
import { countsByStatus, INBOX_STATE_COLUMNS, JSON_COLUMNS, jsonOrNull, rowMappers, RUN_INSERT_COLUMNS, RUN_UPDATE_COLUMNS, runInsertFields, type InboxRow, type InboxStateRow } from './row-mappers.js';
import { SqlRepositories, type SqlStore, type StoreRunStatements } from './shared-repositories.js';
import { newestFirst, sharedStatements } from './shared-statements.js';
import { POSTGRES_DIALECT } from './sql-dialect.js';
import type { StatementRunner } from './statement-runner.js';
import type { ClaimedEntry, InboxChange, InboxClaim, InboxEntry, InboxEntryState, InboxQuery, InboxRepository, InboxStatus, NewInboxEvent, SettledRun, Storage } from './storage.js';

type PostgresInboxRow = InboxRow<Date, unknown>;
/** A row of the batch receive: a new one comes back without its payload (`event` and `request` null). */
type ReceivedRow = PostgresInboxRow & { inserted: boolean };
/** `INBOX_STATE_COLUMNS` as a select list. */
const STATE_COLUMNS = INBOX_STATE_COLUMNS.join(', ');

const STATEMENTS = sharedStatements(POSTGRES_DIALECT);
const MAP = rowMappers(POSTGRES_DIALECT);

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
async function named<R extends pg.QueryResultRow>(db: Queryable, name: string, text: string, values: readonly unknown[] = []): Promise<pg.QueryResult<R>> {
  // pg types `values` as mutable but only reads it: no copy.
  return db.query<R>({ name, text, values: values as unknown[] });
}

/** The shared repositories' way into PostgreSQL: every statement is a named one. */
function postgresRunner(db: Queryable): StatementRunner {
  const changes = async (name: string, text: string, values?: readonly unknown[]) => (await named(db, name, text, values)).rowCount ?? 0;
  return {
    rows: async <R>(name: string, text: string, values?: readonly unknown[]) => (await named(db, name, text, values)).rows as R[],
    changes,
    write: changes,
  };
}

/**
 * PostgreSQL's runs: `starts_with` (exact, and served by the primary key), and a shared database's
 * interrupted runs. Another instance may be running right now, so an event run whose inbox entry is
 * still claimed under a live lease is left alone; it is failed by a later start-up once its lease has
 * ended (the dispatcher has then taken the event over).
 */
const POSTGRES_RUN_STATEMENTS: StoreRunStatements = {
  idsStartingWith: (prefix: string, limit: number) => ({
    text: 'SELECT id FROM runs WHERE starts_with(id, $1) ORDER BY id LIMIT $2',
    values: [prefix, limit],
  }),
  markInterrupted: `UPDATE runs SET status = 'interrupted', ended_at = $1, error = $2::json
       WHERE status = 'running' AND NOT EXISTS (
         SELECT 1 FROM inbox WHERE inbox.id = runs.event_id AND inbox.status = 'routed' AND inbox.lease_until > now()
       )`,
};

class PostgresStorage extends SqlRepositories<Date, unknown> implements Storage {
  readonly shared = true;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    readonly description: string,
  ) {
    const store: SqlStore<Date, unknown> = { runner: postgresRunner(pool), dialect: POSTGRES_DIALECT, statements: STATEMENTS, map: MAP };
    const inbox = new PostgresInbox(pool);
    super(store, POSTGRES_RUN_STATEMENTS, inbox);
    this.postgresInbox = inbox;
  }

  /** The inbox, as itself: its batched settles are drained before the pool closes. */
  private readonly postgresInbox: PostgresInbox;

  async ping(): Promise<void> {
    await named(this.pool, 'fb_ping', STATEMENTS.ping);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.postgresInbox.drained();
    await this.pool.end();
  }
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
 * cannot see the limit, otherwise joined the candidates with a scan of the whole table. Due retries
 * come earliest due first, the order of their index: asked for in seq order, the planner without
 * statistics (a table filled by a burst before autovacuum analysed it) walked `inbox_by_status` through
 * every waiting event, 30,000 rows per claim, to find none. Exported for the query-plan test.
 */
export const POSTGRES_CLAIM_SQL = `WITH fresh AS (
         SELECT id, seq FROM inbox
         WHERE status = 'pending' AND next_attempt_at IS NULL
         ORDER BY seq LIMIT $2
         FOR UPDATE SKIP LOCKED
       ), retry AS (
         SELECT id, seq FROM inbox
         WHERE status = 'pending' AND next_attempt_at IS NOT NULL AND next_attempt_at <= $1
         ORDER BY next_attempt_at, seq LIMIT $2
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
       RETURNING *, (SELECT flow FROM routing WHERE routing.event_type = inbox.detail_type) AS bound_flow`;

const RELEASE = `UPDATE inbox SET status = $2, updated_at = now(), claimed_by = NULL, lease_until = NULL, ${OPTIONAL_CHANGES}
       WHERE id = $1 AND status = 'routed' AND claimed_by = $11
       RETURNING *`;

/**
 * The run columns a batch sends as JSON documents, one per column holding every row's value
 * (`json_array_elements`), instead of an array of JSON texts: the driver would escape each text for
 * the array literal, a measurable cost for the large ones. Their JSON null stands for SQL NULL (none
 * of them is ever JSON null). The small ones travel as texts, so a result of `null` stays JSON null.
 */
const RUN_DOCUMENT_COLUMNS: ReadonlySet<string> = new Set(['parameters', 'logs', 'trace']);

/** The columns of one settle, each an array parameter of `SETTLE_MANY_SQL`: the release's, then the run record's. */
const SETTLE_COLUMNS: ReadonlyArray<readonly [name: string, type: string]> = [
  ['id', 'text'],
  ['status', 'text'],
  ['set_next', 'boolean'],
  ['next_attempt_at', 'timestamptz'],
  ['set_flow', 'boolean'],
  ['flow', 'text'],
  ['set_run', 'boolean'],
  ['run_id', 'text'],
  ['set_error', 'boolean'],
  ['error', 'text'],
  ['owner', 'text'],
  ['stored', 'boolean'],
  ...RUN_INSERT_COLUMNS.map((column) => [`r_${column}`, RUN_DOCUMENT_COLUMNS.has(column) ? 'json' : JSON_COLUMNS.has(column) || !column.endsWith('_at') ? 'text' : 'timestamptz'] as const),
];
const SETTLE_ARRAYS = SETTLE_COLUMNS.map(([name, type], i) => ({ name, type, param: i + 1 })).filter(({ type }) => type !== 'json');
const SETTLE_DOCUMENTS = SETTLE_COLUMNS.map(([name, type], i) => ({ name, type, param: i + 1 })).filter(({ type }) => type === 'json');
const runValue = (column: string) =>
  RUN_DOCUMENT_COLUMNS.has(column)
    ? `CASE WHEN json_typeof(input.r_${column}) = 'null' THEN NULL ELSE input.r_${column} END`
    : `input.r_${column}${JSON_COLUMNS.has(column) ? '::json' : ''}`;

/**
 * Settles a batch of claimed entries in one statement (one round trip, one commit): the finished runs
 * are inserted, or updated where their running record was stored, and each entry is released while
 * its claim is still its owner's.
 */
const SETTLE_MANY_SQL = `WITH input AS (
         SELECT * FROM unnest(${SETTLE_ARRAYS.map(({ type, param }) => `$${param}::${type}[]`).join(', ')})
           WITH ORDINALITY AS t(${SETTLE_ARRAYS.map(({ name }) => name).join(', ')}, n)
         ${SETTLE_DOCUMENTS.map(({ name, param }) => `JOIN json_array_elements($${param}::json) WITH ORDINALITY AS ${name}_values(${name}, n) USING (n)`).join('\n         ')}
       ), inserted_runs AS (
         INSERT INTO runs (${RUN_INSERT_COLUMNS.join(', ')})
         SELECT ${RUN_INSERT_COLUMNS.map(runValue).join(', ')} FROM input WHERE NOT input.stored
       ), updated_runs AS (
         UPDATE runs SET ${RUN_UPDATE_COLUMNS.map((column) => `${column} = ${runValue(column)}`).join(', ')}
         FROM input WHERE input.stored AND runs.id = input.r_id
       )
       UPDATE inbox SET status = input.status, updated_at = now(), claimed_by = NULL, lease_until = NULL,
         next_attempt_at = CASE WHEN input.set_next THEN input.next_attempt_at ELSE inbox.next_attempt_at END,
         flow = CASE WHEN input.set_flow THEN input.flow ELSE inbox.flow END,
         run_id = CASE WHEN input.set_run THEN input.run_id ELSE inbox.run_id END,
         error = CASE WHEN input.set_error THEN input.error ELSE inbox.error END
       FROM input
       WHERE inbox.id = input.id AND inbox.status = 'routed' AND inbox.claimed_by = input.owner
       RETURNING ${INBOX_STATE_COLUMNS.map((column) => `inbox.${column}`).join(', ')}`;

/** One entry to settle, as `InboxRepository.settle` is given it. */
interface SettleRequest {
  id: string;
  owner: string;
  change: Omit<InboxChange, 'attempts'>;
  run: SettledRun;
}

/**
 * Whether a batch statement's failure can be one row's fault: an error PostgreSQL reported about the
 * statement (a constraint, bad data, a deadlock), not a lost connection or a database that refuses
 * work (SQLSTATE classes 08, 53, 57, 58) or a driver error without a SQLSTATE, which every row would
 * meet again. Exported for its test.
 */
export function batchFailureMayBeOneRows(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError) || typeof error.code !== 'string') return false;
  return !['08', '53', '57', '58'].includes(error.code.slice(0, 2));
}

/** The most settles one statement carries; more wait for the next. */
const SETTLE_BATCH_MAX = 256;

class PostgresInbox implements InboxRepository {
  /**
   * Settles requested while one batch is being written go together in the next, so concurrent
   * callbacks share a round trip and a commit instead of paying one each; a batch that fails is
   * written again one settle at a time, so only the bad one's caller sees the error (unless the
   * database itself failed: then every caller gets that error at once).
   */
  private readonly settles = new GroupCommit<SettleRequest, InboxEntryState | undefined>((batch) => this.settleMany(batch), SETTLE_BATCH_MAX, batchFailureMayBeOneRows);

  constructor(private readonly db: Queryable) {}

  /** Resolves once no settle is queued or being written (before the pool closes). */
  drained(): Promise<void> {
    return this.settles.drained();
  }

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
    // A new row's event and request are the ones just sent: only the rows already stored (the
    // duplicates) are read back with theirs.
    const { rows } = await named<ReceivedRow>(
      this.db,
      'fb_inbox_receive_many_v3',
      // Events and requests come as two JSON documents (arrays, JSON null for no request), not as
      // arrays of JSON texts the driver would escape one by one.
      `WITH incoming AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $6::timestamptz[]) WITH ORDINALITY AS t(id, detail_type, source, received_at, n)
         JOIN json_array_elements($4::json) WITH ORDINALITY AS events(event, n) USING (n)
         JOIN json_array_elements($5::json) WITH ORDINALITY AS requests(request, n) USING (n)
       ), inserted AS (
         INSERT INTO inbox (id, detail_type, source, event, request, status, received_at, updated_at)
         SELECT id, detail_type, source, event, CASE WHEN json_typeof(request) = 'null' THEN NULL ELSE request END, 'pending', COALESCE(received_at, now()), now() FROM incoming
         ORDER BY id
         ON CONFLICT (id) DO NOTHING
         RETURNING ${STATE_COLUMNS}
       )
       SELECT ${STATE_COLUMNS}, NULL::json AS event, NULL::json AS request, true AS inserted FROM inserted
       UNION ALL
       SELECT ${STATE_COLUMNS}, event, request, false AS inserted FROM inbox WHERE id = ANY($1::text[]) AND id NOT IN (SELECT id FROM inserted)`,
      [
        ids,
        events.map((e) => e.detailType),
        events.map((e) => e.source),
        JSON.stringify(events.map((e) => e.event ?? null)),
        JSON.stringify(events.map((e) => e.request ?? null)),
        events.map((e) => e.receivedAt ?? null),
      ],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    // An id another instance inserted concurrently is committed but newer than this statement's
    // snapshot: read it once more.
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      const again = await named<PostgresInboxRow>(this.db, 'fb_inbox_get_many', 'SELECT * FROM inbox WHERE id = ANY($1::text[])', [missing]);
      for (const row of again.rows) byId.set(row.id, { ...row, inserted: false });
    }
    // The same id twice in one batch: the first is the new one (and the one stored), the second a duplicate.
    const first = new Map<string, { event: NewInboxEvent; entry?: InboxEntry }>();
    return events.map((event) => {
      const row = byId.get(event.id);
      if (!row) throw new PostgresStorageError(`Inbox entry ${event.id} vanished right after it was written.`);
      if (!row.inserted) return { entry: MAP.inboxEntry(row), duplicate: true };
      const seen = first.get(event.id);
      if (seen) return { entry: (seen.entry ??= MAP.receivedEntry(row, seen.event)), duplicate: true };
      const entry = MAP.receivedEntry(row, event);
      first.set(event.id, { event, entry });
      return { entry, duplicate: false };
    });
  }

  async get(id: string): Promise<InboxEntry | undefined> {
    const { rows } = await named<PostgresInboxRow>(this.db, 'fb_inbox_get', STATEMENTS.inboxGet, [id]);
    return rows[0] ? MAP.inboxEntry(rows[0]) : undefined;
  }

  async list(query: InboxQuery): Promise<InboxEntry[]> {
    const filters = [['status', '=', query.status], ['detail_type', '=', query.detailType]] as const;
    const list = newestFirst(POSTGRES_DIALECT, 'SELECT * FROM inbox', filters, query.limit);
    const { rows } = await named<PostgresInboxRow>(this.db, `fb_inbox_list_${list.key}`, list.text, list.values);
    return rows.map(MAP.inboxEntry);
  }

  async transition(id: string, from: readonly InboxStatus[], change: InboxChange): Promise<InboxEntry | undefined> {
    if (from.length === 0) return undefined;
    const { rows } = await named<PostgresInboxRow>(
      this.db,
      'fb_inbox_transition',
      `UPDATE inbox SET status = $2, updated_at = now(), ${OPTIONAL_CHANGES},
         attempts = COALESCE($11::integer, attempts)
       WHERE id = $1 AND status = ANY($12::text[])
       RETURNING *`,
      [id, change.status, ...optionalChangeValues(change), change.attempts ?? null, [...from]],
    );
    return rows[0] ? MAP.inboxEntry(rows[0]) : undefined;
  }

  async claim(claim: InboxClaim): Promise<ClaimedEntry[]> {
    if (claim.limit <= 0) return [];
    // SKIP LOCKED: rows another instance is claiming right now are passed over instead of waited
    // for, so concurrent claims split the work instead of queueing behind each other. The three
    // kinds of claimable entries are looked up separately, each from a small index holding only
    // them and stopping after `limit` rows (fresh events in seq order, due retries, expired leases),
    // so a claim costs the same whatever the backlog and the history of done entries.
    const { rows } = await named<PostgresInboxRow & { bound_flow: string | null }>(
      this.db,
      'fb_inbox_claim_v3',
      POSTGRES_CLAIM_SQL,
      [claim.now, claim.limit, claim.owner, claim.leaseUntil],
    );
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map((row) => ({ ...MAP.inboxEntry(row), boundFlow: row.bound_flow }));
  }

  async release(id: string, owner: string, change: Omit<InboxChange, 'attempts'>): Promise<InboxEntry | undefined> {
    const { rows } = await named<PostgresInboxRow>(
      this.db,
      'fb_inbox_release',
      RELEASE,
      [id, change.status, ...optionalChangeValues(change), owner],
    );
    return rows[0] ? MAP.inboxEntry(rows[0]) : undefined;
  }

  settle(id: string, owner: string, change: Omit<InboxChange, 'attempts'>, run: SettledRun): Promise<InboxEntryState | undefined> {
    return this.settles.submit({ id, owner, change, run });
  }

  private async settleMany(batch: readonly SettleRequest[]): Promise<Array<InboxEntryState | undefined>> {
    // In id order, so two instances' batches lock shared rows in the same order instead of deadlocking.
    const ordered = [...batch].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const columns: unknown[][] = SETTLE_COLUMNS.map(() => []);
    for (const { id, owner, change, run } of ordered) {
      const values = [id, change.status, ...optionalChangeValues(change), owner, run.inserted, ...runInsertFields(run.record)];
      values.forEach((value, i) => columns[i]!.push(value));
    }
    const params = SETTLE_COLUMNS.map(([name], i) => {
      const values = columns[i]!;
      if (SETTLE_DOCUMENTS.some((d) => d.name === name)) return JSON.stringify(values);
      // The small JSON columns as texts, as the single-row statements send them.
      return name.startsWith('r_') && JSON_COLUMNS.has(name.slice(2)) ? values.map(jsonOrNull) : values;
    });
    const { rows } = await named<InboxStateRow<Date>>(this.db, 'fb_inbox_settle_many_v3', SETTLE_MANY_SQL, params);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return batch.map(({ id }) => {
      const row = byId.get(id);
      return row ? MAP.inboxState(row) : undefined;
    });
  }

  async releaseAll(): Promise<number> {
    const result = await named(this.db, 'fb_inbox_release_all', STATEMENTS.inboxReleaseAll);
    return result.rowCount ?? 0;
  }

  async delete(id: string): Promise<boolean> {
    const result = await named(this.db, 'fb_inbox_delete', STATEMENTS.inboxDelete, [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async counts(): Promise<Record<InboxStatus, number>> {
    const { rows } = await named<{ status: InboxStatus; n: number }>(this.db, 'fb_inbox_counts', STATEMENTS.inboxCounts);
    return countsByStatus(rows);
  }
}
