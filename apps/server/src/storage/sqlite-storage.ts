/** The SQLite implementation of `Storage` (better-sqlite3, WAL): one file, one process. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './sqlite-migrations.js';
import { SqliteWriteBatch } from './sqlite-write-batch.js';
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
  type RoutingRepository,
  type RunPage,
  type RunQuery,
  type RunRecord,
  type RunRepository,
  type RunSummary,
  type Storage,
} from './storage.js';

interface RunRow {
  seq: number;
  id: string;
  flow: string;
  status: RunRecord['status'];
  trigger: RunRecord['trigger'];
  started_at: string;
  ended_at: string | null;
  event_id: string | null;
  error: string | null;
  result: string | null;
  parameters: string | null;
  logs: string;
  trace: string;
}

interface ClaimCandidate {
  seq: number;
  id: string;
}

interface InboxRow {
  id: string;
  detail_type: string;
  source: string;
  event: string;
  request: string | null;
  status: InboxStatus;
  received_at: string;
  updated_at: string;
  attempts: number;
  next_attempt_at: string | null;
  flow: string | null;
  run_id: string | null;
  error: string | null;
  claimed_by: string | null;
  lease_until: string | null;
}

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

class SqliteStorage implements Storage {
  readonly shared = false;
  readonly description: string;
  readonly runs: RunRepository;
  readonly inbox: InboxRepository;
  readonly routing: RoutingRepository;
  readonly registrations: RegistrationRepository;
  readonly keyValues: KeyValueRepository;

  private readonly writes: SqliteWriteBatch;

  constructor(
    private readonly db: Database.Database,
    file: string,
  ) {
    this.description = `sqlite:${file}`;
    // Run records and inbox releases come from concurrent dispatcher workers: one fsync per batch, not per write.
    this.writes = new SqliteWriteBatch(db);
    this.runs = new SqliteRuns(db, this.writes);
    this.inbox = new SqliteInbox(db, this.writes);
    this.routing = new SqliteRouting(db);
    this.registrations = new SqliteRegistrations(db);
    this.keyValues = new SqliteKeyValues(db);
  }

  async ping(): Promise<void> {
    cached(this.db, 'SELECT 1').get();
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.writes.flush();
    this.db.close();
  }
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

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
const parse = <T>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T));

class SqliteRuns implements RunRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly writes: SqliteWriteBatch,
  ) {}

  async insert(record: RunRecord): Promise<void> {
    const row = toRow(record);
    await this.writes.run(() =>
      cached(this.db, 
          `INSERT INTO runs (id, flow, status, trigger, started_at, ended_at, event_id, error, result, parameters, logs, trace)
           VALUES (@id, @flow, @status, @trigger, @started_at, @ended_at, @event_id, @error, @result, @parameters, @logs, @trace)`,
        )
        .run(row),
    );
  }

  async update(record: RunRecord): Promise<void> {
    const row = toRow(record);
    await this.writes.run(() =>
      cached(this.db, 
          `UPDATE runs SET status = @status, ended_at = @ended_at, error = @error, result = @result, logs = @logs, trace = @trace
           WHERE id = @id`,
        )
        .run(row),
    );
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const row = cached(this.db, 'SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  async list(query: RunQuery): Promise<RunPage> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit + 1 };
    if (query.flow !== undefined) {
      where.push('flow = @flow');
      params.flow = query.flow;
    }
    if (query.status !== undefined) {
      where.push('status = @status');
      params.status = query.status;
    }
    if (query.before !== undefined) {
      const cursor = cached(this.db, 'SELECT seq FROM runs WHERE id = ?').get(query.before) as { seq: number } | undefined;
      if (!cursor) throw new UnknownCursorError(query.before);
      where.push('seq < @before');
      params.before = cursor.seq;
    }
    const sql = `SELECT seq, id, flow, status, trigger, started_at, ended_at, event_id, error FROM runs
                 ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`;
    const rows = cached(this.db, sql).all(params) as RunRow[];
    const page = rows.slice(0, query.limit).map(toSummary);
    const last = page[page.length - 1];
    return rows.length > query.limit && last ? { runs: page, next: last.id } : { runs: page };
  }

  async prune(policy: RetentionPolicy): Promise<number> {
    let deleted = 0;
    if (policy.endedBefore !== undefined) {
      deleted += cached(this.db, "DELETE FROM runs WHERE status != 'running' AND ended_at < ?").run(policy.endedBefore).changes;
    }
    if (policy.keep !== undefined) {
      deleted += cached(this.db, "DELETE FROM runs WHERE status != 'running' AND seq <= (SELECT seq FROM runs ORDER BY seq DESC LIMIT 1 OFFSET ?)")
        .run(policy.keep).changes;
    }
    return deleted;
  }

  async idsStartingWith(prefix: string, limit: number): Promise<string[]> {
    // A range on the primary key (ids are compared bytewise), so a short id never scans the history.
    const rows = cached(this.db, 'SELECT id FROM runs WHERE id >= ? AND id < ? ORDER BY id LIMIT ?').all(prefix, `${prefix}\u{10FFFF}`, limit) as Array<{ id: string }>;
    return rows.map((r) => r.id).filter((id) => id.startsWith(prefix));
  }

  async forEvent(eventId: string): Promise<RunSummary[]> {
    const rows = cached(this.db, 'SELECT seq, id, flow, status, trigger, started_at, ended_at, event_id, error FROM runs WHERE event_id = ? ORDER BY seq DESC').all(eventId) as RunRow[];
    return rows.map(toSummary);
  }

  async succeededForEvent(eventId: string): Promise<string | undefined> {
    const row = cached(this.db, "SELECT id FROM runs WHERE event_id = ? AND status = 'succeeded' ORDER BY seq ASC LIMIT 1").get(eventId) as { id: string } | undefined;
    return row?.id;
  }

  async markInterrupted(endedAt: string): Promise<number> {
    const error = JSON.stringify(INTERRUPTED_ERROR);
    return cached(this.db, "UPDATE runs SET status = 'interrupted', ended_at = ?, error = ? WHERE status = 'running'").run(endedAt, error).changes;
  }
}

function toRow(record: RunRecord): Omit<RunRow, 'seq'> {
  return {
    id: record.id,
    flow: record.flow,
    status: record.status,
    trigger: record.trigger,
    started_at: record.startedAt,
    ended_at: record.endedAt ?? null,
    event_id: record.eventId ?? null,
    error: json(record.error),
    result: json(record.result),
    parameters: json(record.parameters),
    logs: JSON.stringify(record.logs),
    trace: traceColumn(record),
  };
}

function toSummary(row: RunRow): RunSummary {
  const error = parse<RunRecord['error']>(row.error);
  return {
    id: row.id,
    flow: row.flow,
    status: row.status,
    trigger: row.trigger,
    startedAt: row.started_at,
    ...(row.ended_at !== null ? { endedAt: row.ended_at, durationMs: Date.parse(row.ended_at) - Date.parse(row.started_at) } : {}),
    ...(row.event_id !== null ? { eventId: row.event_id } : {}),
    ...(error ? { error } : {}),
  };
}

function fromRow(row: RunRow): RunRecord {
  const result = parse<unknown>(row.result);
  const parameters = parse<Record<string, unknown>>(row.parameters);
  const error = parse<RunRecord['error']>(row.error);
  return {
    id: row.id,
    flow: row.flow,
    status: row.status,
    trigger: row.trigger,
    startedAt: row.started_at,
    ...(row.ended_at !== null ? { endedAt: row.ended_at } : {}),
    ...(row.event_id !== null ? { eventId: row.event_id } : {}),
    ...(result !== undefined ? { result } : {}),
    ...(parameters !== undefined ? { parameters } : {}),
    ...(error ? { error } : {}),
    logs: JSON.parse(row.logs) as RunRecord['logs'],
    ...fromTraceColumn(JSON.parse(row.trace)),
  };
}

/**
 * The claim's candidate queries, one per kind of claimable entry, each served in claim order (`seq`)
 * by an index and cut at `@limit`: fresh events (inbox_by_due with `next_attempt_at IS NULL`), due
 * retries (a range of inbox_by_due: only the retries due now are sorted), and expired leases
 * (inbox_by_status: only entries in flight are walked). Exported for the query-plan test.
 */
export const CLAIM_QUERIES = {
  fresh: "SELECT seq, id FROM inbox WHERE status = 'pending' AND next_attempt_at IS NULL ORDER BY seq LIMIT @limit",
  retry: "SELECT seq, id FROM inbox WHERE status = 'pending' AND next_attempt_at IS NOT NULL AND next_attempt_at <= @now ORDER BY seq LIMIT @limit",
  expired: "SELECT seq, id FROM inbox WHERE status = 'routed' AND lease_until IS NOT NULL AND lease_until < @now ORDER BY seq LIMIT @limit",
} as const;

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
    const insert = cached(this.db, 
      `INSERT INTO inbox (id, detail_type, source, event, request, status, received_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    const select = cached(this.db, 'SELECT * FROM inbox WHERE id = ?');
    return this.db.transaction(() =>
      events.map((event) => {
        const now = new Date().toISOString();
        const inserted = insert.run(event.id, event.detailType, event.source, JSON.stringify(event.event ?? null), json(event.request), event.receivedAt ?? now, now);
        const row = select.get(event.id) as InboxRow | undefined;
        if (!row) throw new Error(`Inbox entry ${event.id} vanished right after it was written.`);
        return { entry: fromInboxRow(row), duplicate: inserted.changes === 0 };
      }),
    )();
  }

  async get(id: string): Promise<InboxEntry | undefined> {
    const row = cached(this.db, 'SELECT * FROM inbox WHERE id = ?').get(id) as InboxRow | undefined;
    return row ? fromInboxRow(row) : undefined;
  }

  async list(query: InboxQuery): Promise<InboxEntry[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit };
    if (query.status !== undefined) {
      where.push('status = @status');
      params.status = query.status;
    }
    if (query.detailType !== undefined) {
      where.push('detail_type = @detailType');
      params.detailType = query.detailType;
    }
    // At most four statement texts (filters present or not), so the statement cache stays small.
    const rows = cached(this.db, `SELECT * FROM inbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`).all(params) as InboxRow[];
    return rows.map(fromInboxRow);
  }

  async transition(id: string, from: readonly InboxStatus[], change: InboxChange): Promise<InboxEntry | undefined> {
    if (from.length === 0) return undefined;
    const sets = ['status = @status', 'updated_at = @updated_at'];
    const params: Record<string, unknown> = { id, status: change.status, updated_at: new Date().toISOString() };
    const optional: Array<[keyof InboxChange, string]> = [
      ['attempts', 'attempts'],
      ['nextAttemptAt', 'next_attempt_at'],
      ['flow', 'flow'],
      ['runId', 'run_id'],
      ['error', 'error'],
    ];
    for (const [field, column] of optional) {
      if (change[field] === undefined) continue;
      sets.push(`${column} = @${column}`);
      params[column] = change[field];
    }
    from.forEach((status, i) => (params[`from${i}`] = status));
    const placeholders = from.map((_, i) => `@from${i}`).join(', ');
    const updated = cached(this.db, `UPDATE inbox SET ${sets.join(', ')} WHERE id = @id AND status IN (${placeholders})`).run(params);
    return updated.changes === 0 ? undefined : this.get(id);
  }

  async claim(claim: InboxClaim): Promise<InboxEntry[]> {
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
  private claimNow(claim: InboxClaim): InboxEntry[] {
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
       WHERE id IN (SELECT value FROM json_each(@ids)) RETURNING *`,
    ).all({ ids: JSON.stringify(ids), owner: claim.owner, lease: claim.leaseUntil, updated: new Date().toISOString() }) as Array<InboxRow & { seq: number }>;
    return rows.sort((a, b) => a.seq - b.seq).map(fromInboxRow);
  }

  /** Prepared statements of the hot paths, compiled once per database. */
  private readonly statements = new Map<string, Database.Statement>();
  private statement(key: string, sql: string): Database.Statement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = cached(this.db, sql);
      this.statements.set(key, statement);
    }
    return statement;
  }

  async release(id: string, owner: string, change: Omit<InboxChange, 'attempts'>): Promise<InboxEntry | undefined> {
    const sets = ['status = @status', 'updated_at = @updated_at', 'claimed_by = NULL', 'lease_until = NULL'];
    const params: Record<string, unknown> = { id, owner, status: change.status, updated_at: new Date().toISOString() };
    const optional: Array<[keyof InboxChange, string]> = [
      ['nextAttemptAt', 'next_attempt_at'],
      ['flow', 'flow'],
      ['runId', 'run_id'],
      ['error', 'error'],
    ];
    for (const [field, column] of optional) {
      if (change[field as keyof typeof change] === undefined) continue;
      sets.push(`${column} = @${column}`);
      params[column] = change[field as keyof typeof change];
    }
    const updated = await this.writes.run(() => cached(this.db, `UPDATE inbox SET ${sets.join(', ')} WHERE id = @id AND status = 'routed' AND claimed_by = @owner`).run(params));
    return updated.changes === 0 ? undefined : this.get(id);
  }

  async releaseAll(): Promise<number> {
    return cached(this.db, "UPDATE inbox SET status = 'pending', claimed_by = NULL, lease_until = NULL, updated_at = ? WHERE status = 'routed'")
      .run(new Date().toISOString()).changes;
  }

  async delete(id: string): Promise<boolean> {
    return cached(this.db, "DELETE FROM inbox WHERE id = ? AND status <> 'routed'").run(id).changes > 0;
  }

  async counts(): Promise<Record<InboxStatus, number>> {
    const counts = Object.fromEntries(INBOX_STATUSES.map((s) => [s, 0])) as Record<InboxStatus, number>;
    const rows = cached(this.db, 'SELECT status, COUNT(*) AS n FROM inbox GROUP BY status').all() as Array<{ status: InboxStatus; n: number }>;
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }
}

function fromInboxRow(row: InboxRow): InboxEntry {
  return {
    id: row.id,
    detailType: row.detail_type,
    source: row.source,
    event: JSON.parse(row.event) as unknown,
    ...(row.request !== null ? { request: JSON.parse(row.request) as unknown } : {}),
    status: row.status,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    attempts: row.attempts,
    ...(row.next_attempt_at !== null ? { nextAttemptAt: row.next_attempt_at } : {}),
    ...(row.flow !== null ? { flow: row.flow } : {}),
    ...(row.run_id !== null ? { runId: row.run_id } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.claimed_by !== null ? { claimedBy: row.claimed_by } : {}),
    ...(row.lease_until !== null ? { leaseUntil: row.lease_until } : {}),
  };
}

class SqliteRouting implements RoutingRepository {
  constructor(private readonly db: Database.Database) {}

  async put(eventType: string, flow: string): Promise<void> {
    cached(this.db, 'INSERT INTO routing (event_type, flow, updated_at) VALUES (?, ?, ?) ON CONFLICT (event_type) DO UPDATE SET flow = excluded.flow, updated_at = excluded.updated_at')
      .run(eventType, flow, new Date().toISOString());
  }

  async get(eventType: string): Promise<string | undefined> {
    return (cached(this.db, 'SELECT flow FROM routing WHERE event_type = ?').get(eventType) as { flow: string } | undefined)?.flow;
  }

  async list(): Promise<Array<{ eventType: string; flow: string }>> {
    return (cached(this.db, 'SELECT event_type, flow FROM routing ORDER BY event_type').all() as Array<{ event_type: string; flow: string }>).map((r) => ({
      eventType: r.event_type,
      flow: r.flow,
    }));
  }

  async delete(eventType: string): Promise<boolean> {
    return cached(this.db, 'DELETE FROM routing WHERE event_type = ?').run(eventType).changes > 0;
  }
}

class SqliteRegistrations implements RegistrationRepository {
  constructor(private readonly db: Database.Database) {}

  async get(key: string): Promise<RegistrationRecord | undefined> {
    const row = cached(this.db, 'SELECT record FROM registrations WHERE key = ?').get(key) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as RegistrationRecord) : undefined;
  }

  async put(record: RegistrationRecord): Promise<void> {
    cached(this.db, 'INSERT INTO registrations (key, record, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at')
      .run(record.key, JSON.stringify(record), new Date().toISOString());
  }

  async list(): Promise<RegistrationRecord[]> {
    return (cached(this.db, 'SELECT record FROM registrations ORDER BY key').all() as Array<{ record: string }>).map((r) => JSON.parse(r.record) as RegistrationRecord);
  }
}

class SqliteKeyValues implements KeyValueRepository {
  constructor(private readonly db: Database.Database) {}

  async get(key: string): Promise<unknown> {
    const row = cached(this.db, 'SELECT value FROM key_values WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  async put(key: string, value: unknown): Promise<void> {
    cached(this.db, 'INSERT INTO key_values (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(key, JSON.stringify(value ?? null), new Date().toISOString());
  }
}
