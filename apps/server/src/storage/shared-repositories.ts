/**
 * The repositories that are one implementation for both stores: runs, routing, registrations and
 * key/values, over a `StatementRunner` and the shared statements. The inbox stays per store: its
 * receive and claim paths are where the dialects differ (group commit, `SKIP LOCKED`) and are hot.
 */
import type { RowMappers, RunRow } from './row-mappers.js';
import { RUN_SUMMARY_COLUMNS, runInsertValues, runUpdateValues } from './row-mappers.js';
import { newestFirst, type SharedStatements } from './shared-statements.js';
import type { SqlDialect } from './sql-dialect.js';
import type { StatementRunner } from './statement-runner.js';
import {
  INTERRUPTED_ERROR,
  UnknownCursorError,
  type InboxRepository,
  type KeyValueRepository,
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
} from './storage.js';

/** The run statements each store words its own way. */
export interface StoreRunStatements {
  /** Ids starting with `prefix`, in id order, at most `limit` (each store has its own index-friendly form). */
  idsStartingWith(prefix: string, limit: number): { text: string; values: unknown[] };
  /** Marks `running` runs interrupted: parameters the end time, then the error's JSON. */
  readonly markInterrupted: string;
}

/** Everything a shared repository needs of its store. */
export interface SqlStore<Time, Json> {
  readonly runner: StatementRunner;
  readonly dialect: SqlDialect<Time, Json>;
  readonly statements: SharedStatements;
  readonly map: RowMappers<Time, Json>;
}

/** The repositories of a SQL store: the shared ones, and the store's own inbox. */
export abstract class SqlRepositories<Time, Json> {
  readonly runs: RunRepository;
  readonly routing: RoutingRepository;
  readonly registrations: RegistrationRepository;
  readonly keyValues: KeyValueRepository;

  constructor(
    store: SqlStore<Time, Json>,
    ownRunStatements: StoreRunStatements,
    readonly inbox: InboxRepository,
  ) {
    this.runs = new SqlRuns(store, ownRunStatements);
    this.routing = new SqlRouting(store);
    this.registrations = new SqlRegistrations(store);
    this.keyValues = new SqlKeyValues(store);
  }
}

/** Runs and their traces, on either store. */
export class SqlRuns<Time, Json> implements RunRepository {
  constructor(
    private readonly store: SqlStore<Time, Json>,
    private readonly own: StoreRunStatements,
  ) {}

  async insert(record: RunRecord): Promise<void> {
    await this.store.runner.write('fb_runs_insert', this.store.statements.runInsert, runInsertValues(record));
  }

  async update(record: RunRecord): Promise<void> {
    await this.store.runner.write('fb_runs_update', this.store.statements.runUpdate, runUpdateValues(record));
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const [row] = await this.store.runner.rows<RunRow<Time, Json>>('fb_runs_get', this.store.statements.runGet, [id]);
    return row ? this.store.map.run(row) : undefined;
  }

  async list(query: RunQuery): Promise<RunPage> {
    const { runner, statements, dialect, map } = this.store;
    let before: unknown;
    if (query.before !== undefined) {
      const [cursor] = await runner.rows<{ seq: unknown }>('fb_runs_cursor', statements.runCursor, [query.before]);
      if (!cursor) throw new UnknownCursorError(query.before);
      before = cursor.seq;
    }
    const filters = [['flow', '=', query.flow], ['status', '=', query.status], ['seq', '<', before]] as const;
    const list = newestFirst(dialect, `SELECT ${RUN_SUMMARY_COLUMNS} FROM runs`, filters, query.limit + 1);
    return map.runPage(await runner.rows<RunRow<Time, Json>>(`fb_runs_list_${list.key}`, list.text, list.values), query.limit);
  }

  async prune(policy: RetentionPolicy): Promise<number> {
    const { runner, statements } = this.store;
    let deleted = 0;
    if (policy.endedBefore !== undefined) deleted += await runner.changes('fb_runs_prune_age', statements.runPruneEnded, [policy.endedBefore]);
    if (policy.keep !== undefined) deleted += await runner.changes('fb_runs_prune_count', statements.runPruneBeyond, [policy.keep]);
    return deleted;
  }

  async idsStartingWith(prefix: string, limit: number): Promise<string[]> {
    const { text, values } = this.own.idsStartingWith(prefix, limit);
    const rows = await this.store.runner.rows<{ id: string }>('fb_runs_by_prefix', text, values);
    // A range query may also return ids that only sort next to the prefix.
    return rows.map((r) => r.id).filter((id) => id.startsWith(prefix));
  }

  async forEvent(eventId: string): Promise<RunSummary[]> {
    const rows = await this.store.runner.rows<RunRow<Time, Json>>('fb_runs_for_event', this.store.statements.runsForEvent, [eventId]);
    return rows.map(this.store.map.runSummary);
  }

  async succeededForEvent(eventId: string): Promise<string | undefined> {
    const [row] = await this.store.runner.rows<{ id: string }>('fb_runs_succeeded_for_event', this.store.statements.runSucceededForEvent, [eventId]);
    return row?.id;
  }

  async markInterrupted(endedAt: string): Promise<number> {
    return this.store.runner.changes('fb_runs_mark_interrupted', this.own.markInterrupted, [endedAt, JSON.stringify(INTERRUPTED_ERROR)]);
  }
}

/** Event type → callback flow bindings, on either store. */
export class SqlRouting<Time, Json> implements RoutingRepository {
  constructor(private readonly store: SqlStore<Time, Json>) {}

  async put(eventType: string, flow: string): Promise<void> {
    await this.store.runner.changes('fb_routing_put', this.store.statements.routingPut, [eventType, flow]);
  }

  async get(eventType: string): Promise<string | undefined> {
    const [row] = await this.store.runner.rows<{ flow: string }>('fb_routing_get', this.store.statements.routingGet, [eventType]);
    return row?.flow;
  }

  async list(): Promise<RoutingConfiguration[]> {
    const rows = await this.store.runner.rows<{ event_type: string; flow: string }>('fb_routing_list', this.store.statements.routingList);
    return rows.map((r) => ({ eventType: r.event_type, flow: r.flow }));
  }

  async delete(eventType: string): Promise<boolean> {
    return (await this.store.runner.changes('fb_routing_delete', this.store.statements.routingDelete, [eventType])) > 0;
  }
}

/** Register App's registrations, on either store. */
export class SqlRegistrations<Time, Json> implements RegistrationRepository {
  constructor(private readonly store: SqlStore<Time, Json>) {}

  async get(key: string): Promise<RegistrationRecord | undefined> {
    const [row] = await this.store.runner.rows<{ record: Json }>('fb_registrations_get', this.store.statements.registrationGet, [key]);
    return row ? (this.store.dialect.json(row.record) as RegistrationRecord) : undefined;
  }

  async put(record: RegistrationRecord): Promise<void> {
    await this.store.runner.changes('fb_registrations_put', this.store.statements.registrationPut, [record.key, JSON.stringify(record)]);
  }

  async list(): Promise<RegistrationRecord[]> {
    const rows = await this.store.runner.rows<{ record: Json }>('fb_registrations_list', this.store.statements.registrationList);
    return rows.map((r) => this.store.dialect.json(r.record) as RegistrationRecord);
  }
}

/** Small JSON values by key, on either store. */
export class SqlKeyValues<Time, Json> implements KeyValueRepository {
  constructor(private readonly store: SqlStore<Time, Json>) {}

  async get(key: string): Promise<unknown> {
    const [row] = await this.store.runner.rows<{ value: Json }>('fb_key_values_get', this.store.statements.keyValueGet, [key]);
    return row ? this.store.dialect.json(row.value) : undefined;
  }

  async put(key: string, value: unknown): Promise<void> {
    await this.store.runner.changes('fb_key_values_put', this.store.statements.keyValuePut, [key, JSON.stringify(value ?? null)]);
  }
}
