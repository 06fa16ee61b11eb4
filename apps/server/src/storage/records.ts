/** The records the server keeps in storage: runs, inbox entries, routing configurations, registrations. */
import type { InboxEntry as ApiInboxEntry, RunPage as ApiRunPage, RunRecord as ApiRunRecord, RunStatus as ApiRunStatus, RunSummary as ApiRunSummary, RunTrigger as ApiRunTrigger } from '@flowbridge/api-schema';
import type * as api from '@flowbridge/api-schema';
import type * as runtime from '@flowbridge/runtime';

// Runs and inbox entries are stored as the API answers them: their types are the API schema's, so the
// two cannot drift. What the runtime produces must fit them; a mismatch fails the build here.
type Fits<T extends true> = T;
export type RuntimeRecordsFitTheApi = Fits<
  [runtime.TraceStep, runtime.LogLine, runtime.FlowErrorData] extends [api.TraceStep, api.LogLine, api.FlowErrorData] ? true : false
>;

/** `interrupted`: the server stopped (or crashed) while the run was in progress; set at the next start. */
export type RunStatus = ApiRunStatus;
/** What started a run: a person (API/editor), an EventBridge event, or the after-startup list. */
export type RunTrigger = ApiRunTrigger;

/** One run of a flow, with its log and trace. */
export type RunRecord = ApiRunRecord;

/** The error of a run marked `interrupted` at start. */
export const INTERRUPTED_ERROR = { kind: 'Interrupted', message: 'The server stopped while this run was in progress; run it again if its work is still needed.' } as const;

/** A run as lists show it: no log, trace or result. */
export type RunSummary = ApiRunSummary;

export interface RunQuery {
  flow?: string;
  status?: RunStatus;
  /** At most this many (1..500). */
  limit: number;
  /** Only runs older than the run with this id (the `next` cursor of the previous page). */
  before?: string;
}

export type RunPage = ApiRunPage;

/** What to delete when pruning: runs that ended before `endedBefore`, and all but the newest `keep`. */
export interface RetentionPolicy {
  endedBefore?: string;
  keep?: number;
}

export { INBOX_STATUSES } from '@flowbridge/api-schema';
/**
 * Where an inbox event is: `pending` (waiting for the dispatcher), `routed` (a callback run is in
 * progress), `unrouted` (no flow bound to its detail type), `done` (callback succeeded), `dead`
 * (callback failed after every attempt).
 */
export type InboxStatus = api.InboxStatus;

/** An event received by the event endpoint, as the inbox keeps it (with the whole envelope). */
export type InboxEntry = ApiInboxEntry;

/** An entry's dispatch state without its event and request: what a settle answers, for live updates. */
export type InboxEntryState = Omit<InboxEntry, 'event' | 'request'>;

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
  /** Only events of this `detail-type`. */
  detailType?: string;
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
