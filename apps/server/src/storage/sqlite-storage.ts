/** The SQLite implementation of `Storage` (better-sqlite3, WAL): one file, one process. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { countsByStatus, INBOX_STATE_COLUMNS, jsonOrNull, rowMappers, runInsertValues, runUpdateValues, type InboxRow, type InboxStateRow } from './row-mappers.js';
import { SqlRepositories, type SqlStore, type StoreRunStatements } from './shared-repositories.js';
import { newestFirst, sharedStatements } from './shared-statements.js';
import { SQLITE_DIALECT } from './sql-dialect.js';
import { migrate } from './sqlite-migrations.js';
import { SqliteWriteBatch } from './sqlite-write-batch.js';
import type { StatementRunner } from './statement-runner.js';
import type { ClaimedEntry, InboxChange, InboxClaim, InboxEntry, InboxEntryState, InboxQuery, InboxRepository, InboxStatus, NewInboxEvent, SettledRun, Storage } from './storage.js';

type SqliteInboxRow = InboxRow<string, string> & { seq: number };

interface ClaimCandidate {
  seq: number;
  id: string;
}

const STATEMENTS = sharedStatements(SQLITE_DIALECT);
const MAP = rowMappers(SQLITE_DIALECT);

/** Opens (creating and migrating as needed) the database file at `file`; `:memory:` works for tests. */
export function createSqliteStorage(file: string): Storage {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: every commit is fsynced before it returns, so an event the endpoint acknowledged survives a
  // power cut; the endpoint's group commit shares one fsync among concurrent arrivals.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return new SqliteStorage(db, file);
}

/**
 * SQLite's runs use a range on the primary key (ids are compared bytewise), so a short id never scans
 * the history; marking interrupted needs no lease check, since no other instance can be running.
 */
const SQLITE_RUN_STATEMENTS: StoreRunStatements = {
  idsStartingWith: (prefix: string, limit: number) => ({
    text: 'SELECT id FROM runs WHERE id >= ? AND id < ? ORDER BY id LIMIT ?',
    values: [prefix, `${prefix}\u{10FFFF}`, limit],
  }),
  markInterrupted: "UPDATE runs SET status = 'interrupted', ended_at = ?, error = ? WHERE status = 'running'",
};

class SqliteStorage extends SqlRepositories<string, string> implements Storage {
  readonly shared = false;
  readonly description: string;
  private readonly writes: SqliteWriteBatch;

  constructor(
    private readonly db: Database.Database,
    file: string,
  ) {
    // Run records and inbox releases come from concurrent dispatcher workers: one fsync per batch, not per write.
    const writes = new SqliteWriteBatch(db);
    const store: SqlStore<string, string> = { runner: sqliteRunner(db, writes), dialect: SQLITE_DIALECT, statements: STATEMENTS, map: MAP };
    super(store, SQLITE_RUN_STATEMENTS, new SqliteInbox(db, writes));
    this.writes = writes;
    this.description = `sqlite:${file}`;
  }

  async ping(): Promise<void> {
    cached(this.db, STATEMENTS.ping).get();
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.writes.flush();
    this.db.close();
  }
}

/** The shared repositories' way into SQLite: statements run synchronously; run writes join the write batch. */
function sqliteRunner(db: Database.Database, writes: SqliteWriteBatch): StatementRunner {
  return {
    rows: async <R>(_name: string, text: string, values: readonly unknown[] = []) => cached(db, text).all(values) as R[],
    changes: async (_name, text, values = []) => cached(db, text).run(values).changes,
    write: (_name, text, values) => writes.run(() => cached(db, text).run(values).changes),
  };
}

const statementCaches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The database's prepared statement for `sql`, compiled on first use: preparing costs more than
 * running the small statements of the run and inbox hot paths. The SQL texts are fixed strings or
 * one of a few combinations of optional columns, so the cache stays small.
 */
function cached(db: Database.Database, sql: string): Database.Statement {
  let statements = statementCaches.get(db);
  if (!statements) statementCaches.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/**
 * The claim's candidate queries, one per kind of claimable entry, each served in claim order (`seq`)
 * by an index and cut at `@limit`: fresh events (inbox_by_due with `next_attempt_at IS NULL`), due
 * retries (a range of inbox_by_due: only the retries due now are sorted), and expired leases
 * (inbox_by_status: only entries in flight are walked). Exported for the query-plan test.
 */
export const CLAIM_QUERIES = {
  fresh: "SELECT seq, id FROM inbox WHERE status = 'pending' AND next_attempt_at IS NULL ORDER BY seq LIMIT @limit",
  // Due retries earliest due first, in the order of the index that holds them. (In seq order, PostgreSQL
  // without fresh statistics, right after a burst, walked every waiting event to find them.)
  retry: "SELECT seq, id FROM inbox WHERE status = 'pending' AND next_attempt_at IS NOT NULL AND next_attempt_at <= @now ORDER BY next_attempt_at, seq LIMIT @limit",
  expired: "SELECT seq, id FROM inbox WHERE status = 'routed' AND lease_until IS NOT NULL AND lease_until < @now ORDER BY seq LIMIT @limit",
} as const;

/** The optional fields of an `InboxChange` and their columns. */
const CHANGE_COLUMNS: ReadonlyArray<[keyof InboxChange, string]> = [
  ['attempts', 'attempts'],
  ['nextAttemptAt', 'next_attempt_at'],
  ['flow', 'flow'],
  ['runId', 'run_id'],
  ['error', 'error'],
];

/** What a release may change: a claim's attempts were counted when it was claimed. */
const RELEASE_COLUMNS = CHANGE_COLUMNS.filter(([field]) => field !== 'attempts');

/**
 * Adds `column = @column` to `sets` and its value to `params` for each of `columns` that `change`
 * sets: only those are written, and the few combinations that occur keep the statement cache small.
 */
function addChangedColumns(change: Partial<InboxChange>, columns: typeof CHANGE_COLUMNS, sets: string[], params: Record<string, unknown>): void {
  for (const [field, column] of columns) {
    if (change[field] === undefined) continue;
    sets.push(`${column} = @${column}`);
    params[column] = change[field];
  }
}

class SqliteInbox implements InboxRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly writes: SqliteWriteBatch,
  ) {}

  async receive(event: NewInboxEvent): Promise<{ entry: InboxEntry; duplicate: boolean }> {
    const [received] = await this.receiveMany([event]);
    return received!;
  }

  async receiveMany(events: readonly NewInboxEvent[]): Promise<Array<{ entry: InboxEntry; duplicate: boolean }>> {
    // A new row's event and request are the ones just sent: only a duplicate's stored row is read back.
    const insert = cached(this.db, 
      `INSERT INTO inbox (id, detail_type, source, event, request, status, received_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (id) DO NOTHING
       RETURNING ${INBOX_STATE_COLUMNS.join(', ')}`,
    );
    const select = cached(this.db, STATEMENTS.inboxGet);
    return this.db.transaction(() =>
      events.map((event) => {
        const now = new Date().toISOString();
        const inserted = insert.get(event.id, event.detailType, event.source, JSON.stringify(event.event ?? null), jsonOrNull(event.request), event.receivedAt ?? now, now) as InboxStateRow<string> | undefined;
        if (inserted) return { entry: MAP.receivedEntry(inserted, event), duplicate: false };
        const row = select.get(event.id) as SqliteInboxRow | undefined;
        if (!row) throw new Error(`Inbox entry ${event.id} vanished right after it was written.`);
        return { entry: MAP.inboxEntry(row), duplicate: true };
      }),
    )();
  }

  async get(id: string): Promise<InboxEntry | undefined> {
    const row = cached(this.db, STATEMENTS.inboxGet).get(id) as SqliteInboxRow | undefined;
    return row ? MAP.inboxEntry(row) : undefined;
  }

  async list(query: InboxQuery): Promise<InboxEntry[]> {
    const filters = [['status', '=', query.status], ['detail_type', '=', query.detailType]] as const;
    const list = newestFirst(SQLITE_DIALECT, 'SELECT * FROM inbox', filters, query.limit);
    return (cached(this.db, list.text).all(list.values) as SqliteInboxRow[]).map(MAP.inboxEntry);
  }

  async transition(id: string, from: readonly InboxStatus[], change: InboxChange): Promise<InboxEntry | undefined> {
    if (from.length === 0) return undefined;
    const sets = ['status = @status', 'updated_at = @updated_at'];
    const params: Record<string, unknown> = { id, status: change.status, updated_at: new Date().toISOString() };
    addChangedColumns(change, CHANGE_COLUMNS, sets, params);
    from.forEach((status, i) => (params[`from${i}`] = status));
    const placeholders = from.map((_, i) => `@from${i}`).join(', ');
    const updated = cached(this.db, `UPDATE inbox SET ${sets.join(', ')} WHERE id = @id AND status IN (${placeholders})`).run(params);
    return updated.changes === 0 ? undefined : this.get(id);
  }

  async claim(claim: InboxClaim): Promise<ClaimedEntry[]> {
    if (claim.limit <= 0) return [];
    // In the shared write transaction: SQLite has a single writer and this callback runs without
    // yielding, so no other claim can interleave, and the claim shares its fsync with the run records
    // and releases of the same turn.
    return this.writes.run(() => this.claimNow(claim));
  }

  /**
   * The three kinds of claimable entries are read separately, each from an index in claim order and
   * stopping after `limit` rows, then merged oldest first: fresh events (`pending`, never retried),
   * retries now due, and claims whose lease ended. One query with OR read and sorted the whole
   * waiting backlog on every claim, so a claim got slower the longer the backlog grew.
   */
  private claimNow(claim: InboxClaim): ClaimedEntry[] {
    const params = { now: claim.now, limit: claim.limit };
    const candidates = [
      ...(cached(this.db, CLAIM_QUERIES.fresh).all({ limit: claim.limit }) as ClaimCandidate[]),
      ...(cached(this.db, CLAIM_QUERIES.retry).all(params) as ClaimCandidate[]),
      ...(cached(this.db, CLAIM_QUERIES.expired).all(params) as ClaimCandidate[]),
    ];
    const ids = candidates
      .sort((a, b) => a.seq - b.seq)
      .slice(0, claim.limit)
      .map((c) => c.id);
    if (ids.length === 0) return [];
    const rows = cached(
      this.db,
      `UPDATE inbox SET status = 'routed', claimed_by = @owner, lease_until = @lease, attempts = attempts + 1, updated_at = @updated
       WHERE id IN (SELECT value FROM json_each(@ids))
       RETURNING *, (SELECT flow FROM routing WHERE routing.event_type = inbox.detail_type) AS bound_flow`,
    ).all({ ids: JSON.stringify(ids), owner: claim.owner, lease: claim.leaseUntil, updated: new Date().toISOString() }) as Array<SqliteInboxRow & { bound_flow: string | null }>;
    return rows.sort((a, b) => a.seq - b.seq).map((row) => ({ ...MAP.inboxEntry(row), boundFlow: row.bound_flow }));
  }

  async release(id: string, owner: string, change: Omit<InboxChange, 'attempts'>): Promise<InboxEntry | undefined> {
    const row = await this.writes.run(() => this.releaseNow(id, owner, change));
    return row ? MAP.inboxEntry(row) : undefined;
  }

  async settle(id: string, owner: string, change: Omit<InboxChange, 'attempts'>, run: SettledRun): Promise<InboxEntryState | undefined> {
    const row = await this.writes.run(() => {
      if (run.inserted) cached(this.db, STATEMENTS.runUpdate).run(runUpdateValues(run.record));
      else cached(this.db, STATEMENTS.runInsert).run(runInsertValues(run.record));
      return this.releaseNow(id, owner, change);
    });
    // The event and request came back with the row, as text: left unparsed.
    return row ? MAP.inboxState(row) : undefined;
  }

  private releaseNow(id: string, owner: string, change: Omit<InboxChange, 'attempts'>): SqliteInboxRow | undefined {
    const sets = ['status = @status', 'updated_at = @updated_at', 'claimed_by = NULL', 'lease_until = NULL'];
    const params: Record<string, unknown> = { id, owner, status: change.status, updated_at: new Date().toISOString() };
    addChangedColumns(change, RELEASE_COLUMNS, sets, params);
    // RETURNING hands back the released entry without a second read.
    return cached(this.db, `UPDATE inbox SET ${sets.join(', ')} WHERE id = @id AND status = 'routed' AND claimed_by = @owner RETURNING *`).get(params) as SqliteInboxRow | undefined;
  }

  async releaseAll(): Promise<number> {
    return cached(this.db, STATEMENTS.inboxReleaseAll).run().changes;
  }

  async delete(id: string): Promise<boolean> {
    return cached(this.db, STATEMENTS.inboxDelete).run(id).changes > 0;
  }

  async counts(): Promise<Record<InboxStatus, number>> {
    return countsByStatus(cached(this.db, STATEMENTS.inboxCounts).all() as Array<{ status: InboxStatus; n: number }>);
  }
}
