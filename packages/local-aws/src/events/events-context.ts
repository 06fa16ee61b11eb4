import type { ArnScope } from './arns.js';
import type { EventsState } from './events-state.js';
import type { ConnectionRecord, EventEnvelope, RuleRecord, Target } from './model.js';

/** A matched (event, rule, target) triple handed to delivery. */
export interface DeliveryRequest {
  readonly event: EventEnvelope;
  readonly rule: RuleRecord;
  readonly target: Target;
  /** When the event was accepted (epoch ms): retries stop once it is older than the target's maximum age. */
  readonly ingestedAt: number;
}

/** What every EventBridge operation works with. */
export interface EventsContext {
  readonly state: EventsState;
  readonly scope: ArnScope;
  readonly now: () => number;
  /** Account of the signed-in caller (goes into `CreatedBy` and the event envelope). */
  readonly callerAccountId: string;
  /** Hands matched events to asynchronous delivery. */
  readonly deliver: (request: DeliveryRequest) => void;
  /** Receives warnings a user should see (for example a target type the local service cannot invoke). */
  readonly log?: (line: string) => void;
  /** Starts authorizing an OAuth connection (AUTHORIZING → AUTHORIZED or DEAUTHORIZED) in the background. */
  readonly authorizeConnection?: (connection: ConnectionRecord) => void;
}

/** AWS's JSON 1.1 timestamps are epoch seconds, fractions allowed. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
