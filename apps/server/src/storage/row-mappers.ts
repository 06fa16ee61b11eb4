/**
 * Rows of the `runs` and `inbox` tables to records and back, for both stores. A row's timestamp and
 * JSON columns come back as the driver gives them (`Time`, `Json`: text from SQLite, `Date` and parsed
 * JSON from PostgreSQL); the dialect turns them into the record's values.
 */
import type { SqlDialect } from './sql-dialect.js';
import { INBOX_STATUSES, type InboxEntry, type InboxEntryState, type InboxStatus, type NewInboxEvent, type RunPage, type RunRecord, type RunSummary } from './storage.js';
import { fromTraceColumn, traceColumn, traceValue } from './trace-column.js';

/** A `runs` row; a summary query selects no result, parameters, log or trace. */
export interface RunRow<Time, Json> {
  id: string;
  flow: string;
  status: RunRecord['status'];
  trigger: RunRecord['trigger'];
  started_at: Time;
  ended_at: Time | null;
  event_id: string | null;
  error: Json | null;
  result?: Json | null;
  parameters?: Json | null;
  logs?: Json;
  trace?: Json;
}

/** An `inbox` row (`seq` is a bigint, so PostgreSQL's driver gives it as a string). */
export interface InboxRow<Time, Json> {
  seq: number | string;
  id: string;
  detail_type: string;
  source: string;
  event: Json;
  request: Json | null;
  status: InboxStatus;
  received_at: Time;
  updated_at: Time;
  attempts: number;
  next_attempt_at: Time | null;
  flow: string | null;
  run_id: string | null;
  error: string | null;
  claimed_by: string | null;
  lease_until: Time | null;
}

/** An `inbox` row read without its payload (`INBOX_STATE_COLUMNS`). */
export type InboxStateRow<Time> = Omit<InboxRow<Time, unknown>, 'event' | 'request'>;

/** The `inbox` columns but the event and request: what a write that changes only the state reads back. */
export const INBOX_STATE_COLUMNS = ['seq', 'id', 'detail_type', 'source', 'status', 'received_at', 'updated_at', 'attempts', 'next_attempt_at', 'flow', 'run_id', 'error', 'claimed_by', 'lease_until'] as const;

/** The columns a run summary selects. */
export const RUN_SUMMARY_COLUMNS = 'id, flow, status, trigger, started_at, ended_at, event_id, error';

/** The columns `runInsertValues` gives values for, in that order. */
export const RUN_INSERT_COLUMNS = ['id', 'flow', 'status', 'trigger', 'started_at', 'ended_at', 'event_id', 'error', 'result', 'parameters', 'logs', 'trace'] as const;

/** The columns `runUpdateValues` gives values for (then the id), in that order. */
export const RUN_UPDATE_COLUMNS = ['status', 'ended_at', 'error', 'result', 'logs', 'trace'] as const;

/** Columns holding JSON text (PostgreSQL casts their parameters to `json`). */
export const JSON_COLUMNS: ReadonlySet<string> = new Set(['error', 'result', 'parameters', 'logs', 'trace', 'event', 'request', 'record', 'value']);

/** The fields a run record begins with, in that order. */
function runIdentity(row: RunRow<unknown, unknown>): Pick<RunRecord, 'id' | 'flow' | 'status' | 'trigger'> {
  return { id: row.id, flow: row.flow, status: row.status, trigger: row.trigger };
}

/** A JSON column's text for an optional value: SQL NULL when the value is absent. */
export const jsonOrNull = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/** Which of `RUN_INSERT_COLUMNS` hold JSON. */
const RUN_INSERT_JSON = RUN_INSERT_COLUMNS.map((column) => JSON_COLUMNS.has(column));

/** A record's values for `RUN_INSERT_COLUMNS`, JSON columns as JSON text. */
export function runInsertValues(record: RunRecord): unknown[] {
  return runInsertFields(record).map((value, i) => (RUN_INSERT_JSON[i] ? jsonOrNull(value) : value));
}

/**
 * A record's values for `RUN_INSERT_COLUMNS` with the JSON columns as values, not yet written as JSON
 * (`undefined`: SQL NULL), for a statement that sends many records' JSON as one document.
 */
export function runInsertFields(record: RunRecord): unknown[] {
  return [
    record.id,
    record.flow,
    record.status,
    record.trigger,
    record.startedAt,
    record.endedAt ?? null,
    record.eventId ?? null,
    record.error,
    record.result,
    record.parameters,
    record.logs,
    traceValue(record),
  ];
}

/** A record's values for `RUN_UPDATE_COLUMNS`, then its id. */
export function runUpdateValues(record: RunRecord): unknown[] {
  return [record.status, record.endedAt ?? null, jsonOrNull(record.error), jsonOrNull(record.result), JSON.stringify(record.logs), traceColumn(record), record.id];
}

/** How many entries are in each status, from `status, n` rows (statuses without entries count 0). */
export function countsByStatus(rows: ReadonlyArray<{ status: InboxStatus; n: number }>): Record<InboxStatus, number> {
  const counts = Object.fromEntries(INBOX_STATUSES.map((s) => [s, 0])) as Record<InboxStatus, number>;
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** The row → record functions of one dialect, made once so lists map without a closure per call. */
export interface RowMappers<Time, Json> {
  run(row: RunRow<Time, Json>): RunRecord;
  runSummary(row: RunRow<Time, Json>): RunSummary;
  /** A page of summaries from rows queried with one more than `limit`: the extra row says there is a next page. */
  runPage(rows: Array<RunRow<Time, Json>>, limit: number): RunPage;
  inboxEntry(row: InboxRow<Time, Json>): InboxEntry;
  /** An entry's state from a row read without `event` and `request` (`INBOX_STATE_COLUMNS`). */
  inboxState(row: InboxStateRow<Time>): InboxEntryState;
  /** A just-inserted entry from its state row and the event it was made of (the stored event and request are the ones sent, so they are not read back). */
  receivedEntry(row: InboxStateRow<Time>, event: NewInboxEvent): InboxEntry;
}

/** The row mappers of `dialect`. */
export function rowMappers<Time, Json>(dialect: SqlDialect<Time, Json>): RowMappers<Time, Json> {
  const { time, json } = dialect;

  function runSummary(row: RunRow<Time, Json>): RunSummary {
    const startedAt = time(row.started_at);
    const endedAt = row.ended_at === null ? undefined : time(row.ended_at);
    const error = row.error === null ? undefined : (json(row.error) as RunRecord['error']);
    // Fields written out, not spread from `runIdentity`: lists map many rows, and the spread costs.
    return {
      id: row.id,
      flow: row.flow,
      status: row.status,
      trigger: row.trigger,
      startedAt,
      ...(endedAt !== undefined ? { endedAt, durationMs: Date.parse(endedAt) - Date.parse(startedAt) } : {}),
      ...(row.event_id !== null ? { eventId: row.event_id } : {}),
      ...(error ? { error } : {}),
    };
  }

  function run(row: RunRow<Time, Json>): RunRecord {
    const error = row.error === null ? undefined : (json(row.error) as RunRecord['error']);
    return {
      ...runIdentity(row),
      startedAt: time(row.started_at),
      ...(row.ended_at !== null ? { endedAt: time(row.ended_at) } : {}),
      ...(row.event_id !== null ? { eventId: row.event_id } : {}),
      // A JSON `null` result is kept where the driver can tell it from SQL NULL (SQLite's text).
      ...(row.result != null ? { result: json(row.result) } : {}),
      ...(row.parameters != null ? { parameters: json(row.parameters) as Record<string, unknown> } : {}),
      ...(error ? { error } : {}),
      logs: row.logs == null ? [] : (json(row.logs) as RunRecord['logs']),
      ...fromTraceColumn(row.trace == null ? [] : json(row.trace)),
    };
  }

  function runPage(rows: Array<RunRow<Time, Json>>, limit: number): RunPage {
    const page = rows.slice(0, limit).map(runSummary);
    const last = page[page.length - 1];
    return rows.length > limit && last ? { runs: page, next: last.id } : { runs: page };
  }

  function inboxEntry(row: InboxRow<Time, Json>): InboxEntry {
    return {
      id: row.id,
      detailType: row.detail_type,
      source: row.source,
      event: json(row.event),
      ...(row.request !== null ? { request: json(row.request) } : {}),
      ...inboxStateFields(row),
    };
  }

  function inboxState(row: InboxStateRow<Time>): InboxEntryState {
    return { id: row.id, detailType: row.detail_type, source: row.source, ...inboxStateFields(row) };
  }

  function inboxStateFields(row: InboxStateRow<Time>) {
    return {
      status: row.status,
      receivedAt: time(row.received_at),
      updatedAt: time(row.updated_at),
      attempts: row.attempts,
      ...(row.next_attempt_at !== null ? { nextAttemptAt: time(row.next_attempt_at) } : {}),
      ...(row.flow !== null ? { flow: row.flow } : {}),
      ...(row.run_id !== null ? { runId: row.run_id } : {}),
      ...(row.error !== null ? { error: row.error } : {}),
      ...(row.claimed_by !== null ? { claimedBy: row.claimed_by } : {}),
      ...(row.lease_until !== null ? { leaseUntil: time(row.lease_until) } : {}),
    };
  }

  function receivedEntry(row: InboxStateRow<Time>, event: NewInboxEvent): InboxEntry {
    return { ...inboxState(row), event: event.event ?? null, ...(event.request !== undefined ? { request: event.request } : {}) };
  }

  return { run, runSummary, runPage, inboxEntry, inboxState, receivedEntry };
}
