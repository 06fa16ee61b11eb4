import type { EventEnvelope } from '../events/model.js';

/** One HTTP attempt at delivering an event (times are epoch ms). */
export interface DeliveryAttempt {
  readonly attempt: number;
  readonly startedAt: number;
  readonly durationMs: number;
  /** HTTP status the endpoint answered, when it answered at all. */
  readonly statusCode?: number;
  /** Timeout or network error text when there was no answer. */
  readonly error?: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dropped' | 'cancelled';

/** The life of one (event, rule, target) delivery, as the admin view and tests inspect it. */
export interface DeliveryRecord {
  readonly id: string;
  readonly eventId: string;
  readonly eventBusName: string;
  readonly ruleArn: string;
  readonly ruleName: string;
  readonly targetId: string;
  readonly targetArn: string;
  status: DeliveryStatus;
  /** HTTP method and URL called (secret query parameter values masked). */
  method?: string;
  url?: string;
  /** The body sent: the envelope or the Input/InputPath/InputTransformer result. */
  body?: string;
  attempts: DeliveryAttempt[];
  /** Why the delivery was dropped or failed, in words a user can act on. */
  reason?: string;
  readonly createdAt: number;
  finishedAt?: number;
}

/** Why retrying stopped, in the words of AWS's DLQ attribute EXHAUSTED_RETRY_CONDITION. */
export type ExhaustedRetryCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';

/** A delivery that finally failed, parked for inspection (AWS would send it to the target's DLQ). */
export interface DeadLetter {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly event: EventEnvelope;
  readonly body?: string;
  readonly ruleArn: string;
  readonly targetId: string;
  readonly targetArn: string;
  /** AWS-style ERROR_CODE: HTTP_CLIENT_ERROR, HTTP_SERVER_ERROR, THROTTLING, TIMEOUT, CONNECTION_ERROR, NO_RESOURCE, ... */
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly exhaustedRetryCondition?: ExhaustedRetryCondition;
  readonly retryAttempts: number;
  readonly lastStatusCode?: number;
  readonly at: number;
}

/** A list that keeps only its newest `capacity` items, so a long-running server does not grow without bound. */
export class BoundedLog<T> {
  private readonly items: T[] = [];

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
  }

  toArray(): T[] {
    return [...this.items];
  }
}
