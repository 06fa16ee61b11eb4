/** The records the server keeps in storage: runs, inbox entries, routing configurations, registrations. */
import type { FlowErrorData, LogLine, TraceStep } from '@flowbridge/runtime';

export type RunStatus = 'running' | 'succeeded' | 'failed';
/** What started a run: a person (API/editor), an EventBridge event, or the after-startup list. */
export type RunTrigger = 'manual' | 'event' | 'startup';

/** One run of a flow, with its log and trace. */
export interface RunRecord {
  id: string;
  flow: string;
  status: RunStatus;
  trigger: RunTrigger;
  startedAt: string;
  endedAt?: string;
  result?: unknown;
  error?: FlowErrorData;
  logs: LogLine[];
  trace: TraceStep[];
  /** The inbox event that started the run, for `trigger: 'event'`. */
  eventId?: string;
  /** The parameters the run was given (secrets masked), so a run can be re-run with the same inputs. */
  parameters?: Record<string, unknown>;
}

/** A run as lists show it: no log, trace or result. */
export type RunSummary = Omit<RunRecord, 'logs' | 'trace' | 'result' | 'parameters'> & { durationMs?: number };

export interface RunQuery {
  flow?: string;
  status?: RunStatus;
  /** At most this many (1..500). */
  limit: number;
  /** Only runs older than the run with this id (the `next` cursor of the previous page). */
  before?: string;
}

export interface RunPage {
  runs: RunSummary[];
  /** Pass as `before` to get the next (older) page; absent on the last page. */
  next?: string;
}

/** What to delete when pruning: runs that ended before `endedBefore`, and all but the newest `keep`. */
export interface RetentionPolicy {
  endedBefore?: string;
  keep?: number;
}

export const INBOX_STATUSES = ['pending', 'routed', 'unrouted', 'done', 'dead'] as const;
/**
 * Where an inbox event is: `pending` (waiting for the dispatcher), `routed` (a callback run is in
 * progress), `unrouted` (no flow bound to its detail type), `done` (callback succeeded), `dead`
 * (callback failed after every attempt).
 */
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** An event received by the event endpoint, as the inbox keeps it. */
export interface InboxEntry {
  /** The EventBridge event id: unique, so a redelivered event is recognised. */
  id: string;
  detailType: string;
  source: string;
  /** The whole event envelope as received. */
  event: unknown;
  /** The HTTP request that delivered it (headers without the API key), as the callback flow sees it. */
  request?: unknown;
  status: InboxStatus;
  receivedAt: string;
  updatedAt: string;
  attempts: number;
  /** Earliest time the dispatcher may try it (again); absent means now. */
  nextAttemptAt?: string;
  /** The callback flow it was routed to. */
  flow?: string;
  /** The latest run for it. */
  runId?: string;
  /** Why the latest attempt failed (or why it is unrouted). */
  error?: string;
  /** The dispatcher (process) holding the claim while `routed`. */
  claimedBy?: string;
  /** When a `routed` claim ends; after it another instance may take the entry over. */
  leaseUntil?: string;
}

/** What `inbox.claim` asks for. */
export interface InboxClaim {
  now: string;
  limit: number;
  owner: string;
  leaseUntil: string;
}

/** A newly received event. */
export interface NewInboxEvent {
  id: string;
  detailType: string;
  source: string;
  event: unknown;
  /** The HTTP request that delivered it, without credentials. */
  request?: unknown;
  receivedAt?: string;
}

/** Fields a status transition may change; `null` clears an optional field. */
export interface InboxChange {
  status: InboxStatus;
  attempts?: number;
  nextAttemptAt?: string | null;
  flow?: string | null;
  runId?: string | null;
  error?: string | null;
}

export interface InboxQuery {
  status?: InboxStatus;
  /** At most this many (1..500), newest first. */
  limit: number;
}

/** Event type (`detail-type`) → callback flow; one flow per event type. */
export interface RoutingConfiguration {
  eventType: string;
  flow: string;
}

/**
 * What Register App knows about a registration it made (same shape as connector-eventbridge's
 * `AppRegistrationRecord`, so the storage serves as its store without an adapter).
 */
export interface RegistrationRecord {
  key: string;
  connectionArn: string;
  apiKeyFingerprint: string;
}
