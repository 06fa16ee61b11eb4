/**
 * The storage interface: everything the server keeps besides the workspace files (runs and their
 * traces, the event inbox, routing configurations, registrations, and small key/value bookkeeping).
 *
 * Callers (routes, the flow runner, the event pipeline in `event-pipeline/`) only ever see this
 * interface. Two implementations exist: `createSqliteStorage` (one instance) and
 * `createPostgresStorage` (several instances sharing one database; `shared` is true).
 * They share what their SQL agrees on: the row mappers (`row-mappers.ts`), the statements
 * (`shared-statements.ts`, spelled per `sql-dialect.ts`) and every repository but the inbox
 * (`shared-repositories.ts`). Each store's own module keeps only what differs: its inbox (SQLite's
 * synchronous group-committed writes, PostgreSQL's batch receive and `SKIP LOCKED` claim), its id
 * prefix and interrupted-run queries, and opening the database.
 *
 * Guarantees every implementation keeps (the callers rely on them):
 *  - `inbox.receive`/`receiveMany` are idempotent on the event id (a unique key; `ON CONFLICT DO NOTHING`).
 *  - `inbox.transition` is a compare-and-set on the status, and `inbox.claim` never hands one entry
 *    to two claimants (SQLite: one writer; PostgreSQL: `FOR UPDATE SKIP LOCKED`).
 *  - `runs.list` orders newest first by insertion order (a sequence column) and pages with `before`.
 *  - A schema-migrations table records applied migrations; the factory applies pending ones.
 * `test/storage-contract.ts` holds the behaviour tests every implementation must pass.
 */
import type {
  InboxChange,
  InboxClaim,
  InboxEntry,
  InboxEntryState,
  InboxQuery,
  InboxStatus,
  NewInboxEvent,
  RegistrationRecord,
  RetentionPolicy,
  RoutingConfiguration,
  RunPage,
  RunQuery,
  RunRecord,
  RunSummary,
} from './records.js';

export * from './records.js';

/** Runs and their traces. */
export interface RunRepository {
  /** Stores a new run (usually `running`, with an empty log and trace). */
  insert(record: RunRecord): Promise<void>;
  /** Replaces a stored run's status, result, error, log and trace (when it finishes). */
  update(record: RunRecord): Promise<void>;
  get(id: string): Promise<RunRecord | undefined>;
  /** Ids of runs starting with `prefix` (a short id as the editor shows it), at most `limit` of them. */
  idsStartingWith(prefix: string, limit: number): Promise<string[]>;
  /** Runs newest first, filtered and paged; throws `UnknownCursorError` for a `before` id it does not know. */
  list(query: RunQuery): Promise<RunPage>;
  /** Deletes finished runs outside the policy; returns how many went. */
  prune(policy: RetentionPolicy): Promise<number>;
  /** Runs started for inbox event `eventId`, newest first (the dispatcher's crash recovery asks for a succeeded one). */
  forEvent(eventId: string): Promise<RunSummary[]>;
  /** The id of a succeeded run started by the inbox event `eventId`, if any (exactly-once dispatch). */
  succeededForEvent(eventId: string): Promise<string | undefined>;
  /** Marks runs still `running` (the process stopped under them) as failed; returns how many. */
  markInterrupted(endedAt: string): Promise<number>;
}

/** The event inbox: every event the endpoint accepted, with its dispatch status. */
export interface InboxRepository {
  /** Stores an event once; a second receive of the same id changes nothing and says `duplicate`. */
  receive(event: NewInboxEvent): Promise<{ entry: InboxEntry; duplicate: boolean }>;
  /** `receive` for many events in one transaction (one disk flush): the event endpoint's group commit. */
  receiveMany(events: readonly NewInboxEvent[]): Promise<Array<{ entry: InboxEntry; duplicate: boolean }>>;
  get(id: string): Promise<InboxEntry | undefined>;
  /** Newest first. */
  list(query: InboxQuery): Promise<InboxEntry[]>;
  /**
   * Moves an entry to `change.status` only if its current status is one of `from` (compare-and-set);
   * returns the updated entry, or undefined when it was not in one of those statuses (or is unknown).
   */
  transition(id: string, from: readonly InboxStatus[], change: InboxChange): Promise<InboxEntry | undefined>;
  /**
   * Atomically claims up to `limit` entries, oldest first: `pending` ones due at `now`, and `routed`
   * ones whose lease ended before `now` (their instance died). They become `routed`, owned by `owner`
   * until `leaseUntil`, with `attempts` counted up. Two concurrent claims never return the same entry
   * (SQLite: one writer; PostgreSQL: `FOR UPDATE SKIP LOCKED`).
   */
  claim(claim: InboxClaim): Promise<ClaimedEntry[]>;
  /** Applies `change` only while `owner` still holds the entry's `routed` claim, clearing the claim; undefined otherwise. */
  release(id: string, owner: string, change: Omit<InboxChange, 'attempts'>): Promise<InboxEntry | undefined>;
  /**
   * `release` and the storing of the callback run that settled the entry, in one transaction: the run
   * record (`inserted`: it was stored while running, so it is updated) is written even when the claim
   * is no longer `owner`'s, and an entry is never `done` without its run. Answers the entry's new
   * state without its event and request, which the settle did not change.
   */
  settle(id: string, owner: string, change: Omit<InboxChange, 'attempts'>, run: SettledRun): Promise<InboxEntryState | undefined>;
  /** Returns every `routed` entry to `pending` (single-instance start-up, where no other owner can exist); returns how many. */
  releaseAll(): Promise<number>;
  /** Deletes an entry unless a callback is running for it (`routed`); false when nothing was deleted. */
  delete(id: string): Promise<boolean>;
  /** How many entries are in each status (for metrics and the editor). */
  counts(): Promise<Record<InboxStatus, number>>;
}

/**
 * A claimed entry with the flow bound to its event type, read by the claim's own statement: the
 * dispatcher routes it without another round trip to the database. `null`: no flow is bound; absent:
 * the store did not read it, and the dispatcher asks the routing.
 */
export interface ClaimedEntry extends InboxEntry {
  boundFlow?: string | null;
}

/** The finished run that `InboxRepository.settle` stores with the release. */
export interface SettledRun {
  record: RunRecord;
  /** True when a `running` record of it is stored already (it is then updated, not inserted). */
  inserted: boolean;
}

/** Event type → callback flow bindings (connector-eventbridge's `EventRoutingStore` contract). */
export interface RoutingRepository {
  /** Binds `eventType` to `flow`, replacing an earlier binding. */
  put(eventType: string, flow: string): Promise<void>;
  get(eventType: string): Promise<string | undefined>;
  list(): Promise<RoutingConfiguration[]>;
  /** Returns false when there was no binding. */
  delete(eventType: string): Promise<boolean>;
}

/** Registrations Register App made (connector-eventbridge's `AppRegistrationStore` contract). */
export interface RegistrationRepository {
  get(key: string): Promise<RegistrationRecord | undefined>;
  put(record: RegistrationRecord): Promise<void>;
  list(): Promise<RegistrationRecord[]>;
}

/** Small JSON values keyed by name (after-startup bookkeeping and the like). */
export interface KeyValueRepository {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
}

/** Everything the server stores outside the workspace. */
export interface Storage {
  /** A short description for logs, e.g. `sqlite:/path/flowbridge.db`. */
  readonly description: string;
  /**
   * True when several server instances may share this storage (PostgreSQL). The dispatcher then waits
   * for a dead instance's claim lease to end; with a single instance (SQLite) it reclaims at start-up.
   */
  readonly shared: boolean;
  readonly runs: RunRepository;
  readonly inbox: InboxRepository;
  readonly routing: RoutingRepository;
  readonly registrations: RegistrationRepository;
  readonly keyValues: KeyValueRepository;
  /** Resolves when the storage answers a trivial query (for `/readyz`). */
  ping(): Promise<void>;
  /** Closes connections; the storage must not be used afterwards. */
  close(): Promise<void>;
}

/** A `before` cursor that names no stored run. */
export class UnknownCursorError extends Error {
  override name = 'UnknownCursorError';
  constructor(readonly cursor: string) {
    super(`The cursor "${cursor}" names no stored run; use the "next" value of a previous page.`);
  }
}
