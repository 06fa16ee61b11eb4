import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiDestinationNameFromArn } from '../events/arns.js';
import type { DeliveryRequest } from '../events/events-context.js';
import { targetInput } from '../events/input-transformation.js';
import type { ApiDestinationRecord, ConnectionRecord, EventEnvelope } from '../events/model.js';
import type { MessageAttributeValue } from '../sqs/message-md5.js';
import { buildInvocation } from './api-destination-request.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { BoundedLog, type DeadLetter, type DeliveryRecord, type ExhaustedRetryCondition } from './delivery-records.js';
import { sendInvocation, type SendOutcome } from './http-send.js';
import type { OAuthTokens } from './oauth-tokens.js';
import { RateLimiter } from './rate-limiter.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter, retryLimits } from './retry-policy.js';

/** How the dispatcher finds the API destination (and its connection) a target ARN names (region and account included). */
export type DestinationLookup = (
  targetArn: string,
) => { destination: ApiDestinationRecord; connection: ConnectionRecord | undefined } | undefined;

/** Where SQS and event bus targets (and dead-letter queues) lead. */
export interface LocalTargets {
  /** Enqueues a message on the queue an SQS ARN names; false when there is no such queue. Throws when it is full. */
  sendToQueue(queueArn: string, body: string, attributes: Record<string, MessageAttributeValue>): boolean;
  /** Puts an event on the bus an event-bus ARN names (any region or account); false when there is no such bus. */
  forwardToBus(busArn: string, event: EventEnvelope, ingestedAt: number): boolean;
}

export interface DispatcherOptions {
  readonly lookup: DestinationLookup;
  /** Bearer tokens for OAuth client-credentials connections. */
  readonly oauth: OAuthTokens;
  readonly targets: LocalTargets;
  /** First retry waits about this long; each further retry doubles it. */
  readonly retryBaseMs: number;
  readonly retryMaxDelayMs: number;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly log: (line: string) => void;
  /** How many delivery records and dead letters are kept (oldest dropped first). */
  readonly historySize: number;
  /** Most HTTP calls in flight at once, over all destinations. */
  readonly maxConcurrentCalls: number;
}

/** A final failure, before it becomes a dead letter. */
interface Failure {
  readonly code: string;
  readonly message: string;
  readonly condition?: ExhaustedRetryCondition;
  readonly statusCode?: number;
}

function describeOutcome(outcome: SendOutcome): string {
  return outcome.kind === 'response' ? `HTTP ${outcome.statusCode}` : outcome.message;
}

function failureCode(outcome: SendOutcome): string {
  if (outcome.kind === 'timeout') return 'TIMEOUT';
  if (outcome.kind === 'network-error') return 'CONNECTION_ERROR';
  if (outcome.statusCode === 429) return 'THROTTLING';
  return outcome.statusCode >= 500 ? 'HTTP_SERVER_ERROR' : 'HTTP_CLIENT_ERROR';
}

/**
 * Delivers matched events to API destination targets, asynchronously to PutEvents: applies the target's
 * input transformation, waits for the destination's rate limit, retries 429/5xx/timeouts with exponential
 * back-off within the target's RetryPolicy, and parks final failures as dead letters.
 */
export class DeliveryDispatcher {
  private readonly records: BoundedLog<DeliveryRecord>;
  private readonly dead: BoundedLog<DeadLetter>;
  private readonly limiter: RateLimiter;
  private readonly concurrency: ConcurrencyLimit;
  private readonly abort = new AbortController();
  private readonly running = new Set<Promise<void>>();
  private idleWaiters: Array<() => void> = [];
  private sequence = 0;

  constructor(private readonly options: DispatcherOptions) {
    this.records = new BoundedLog(options.historySize);
    this.dead = new BoundedLog(options.historySize);
    // Rates and durations are about real HTTP traffic, so they use the machine clock, not the service clock.
    this.limiter = new RateLimiter(Date.now);
    this.concurrency = new ConcurrencyLimit(options.maxConcurrentCalls);
    // Every in-flight delivery listens for shutdown on this one signal; hundreds at once are expected.
    setMaxListeners(0, this.abort.signal);
  }

  /** Starts delivering one matched event; returns at once. */
  deliver(request: DeliveryRequest): void {
    if (this.abort.signal.aborted) return;
    const record: DeliveryRecord = {
      id: `d-${++this.sequence}`,
      eventId: request.event.id,
      eventBusName: request.rule.eventBusName,
      ruleArn: request.rule.arn,
      ruleName: request.rule.name,
      targetId: request.target.Id,
      targetArn: request.target.Arn,
      status: 'pending',
      attempts: [],
      createdAt: this.options.now(),
    };
    this.records.push(record);
    const task = this.run(request, record)
      .catch((error: unknown) => {
        if (record.status === 'pending') {
          record.status = 'cancelled';
          record.reason = error instanceof Error ? error.message : String(error);
        }
      })
      .finally(() => {
        this.running.delete(task);
        if (this.running.size === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const w of waiters) w();
        }
      });
    this.running.add(task);
  }

  /** Every delivery record, oldest first (copies). */
  deliveries(): DeliveryRecord[] {
    return this.records.toArray().map((r) => ({ ...r, attempts: [...r.attempts] }));
  }

  /** Every dead letter, oldest first. */
  deadLetters(): DeadLetter[] {
    return this.dead.toArray();
  }

  /** Resolves once no delivery is pending (including back-off waits). */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancels pending deliveries and waits for them to stop. */
  async close(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.running]);
  }

  private finish(record: DeliveryRecord, status: DeliveryRecord['status'], reason?: string): void {
    record.status = status;
    if (reason !== undefined) record.reason = reason;
    record.finishedAt = this.options.now();
  }

  private park(request: DeliveryRequest, record: DeliveryRecord, failure: Failure): void {
    this.finish(record, 'failed', failure.message);
    const retryAttempts = Math.max(0, record.attempts.length - 1);
    const dlqArn = request.target.DeadLetterConfig?.Arn;
    if (dlqArn !== undefined) {
      // The DLQ message is the event, with AWS's attributes saying where and why delivery stopped.
      const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
      const attributes: Record<string, MessageAttributeValue> = {
        RULE_ARN: text(request.rule.arn),
        TARGET_ARN: text(request.target.Arn),
        ERROR_CODE: text(failure.code),
        ERROR_MESSAGE: text(failure.message),
        ...(failure.condition ? { EXHAUSTED_RETRY_CONDITION: text(failure.condition) } : {}),
        RETRY_ATTEMPTS: text(String(retryAttempts)),
      };
      let sent = false;
      try {
        sent = this.options.targets.sendToQueue(dlqArn, JSON.stringify(request.event), attributes);
      } catch (error) {
        this.options.log(`dead-letter queue ${dlqArn} refused event ${record.eventId}: ${(error as Error).message}`);
      }
      if (!sent) this.options.log(`dead-letter queue ${dlqArn} of target ${request.target.Id} does not exist; event ${record.eventId} is only kept in the admin dead letters.`);
    }
    this.dead.push({
      deliveryId: record.id,
      eventId: request.event.id,
      event: request.event,
      ...(record.body !== undefined ? { body: record.body } : {}),
      ruleArn: request.rule.arn,
      targetId: request.target.Id,
      targetArn: request.target.Arn,
      errorCode: failure.code,
      errorMessage: failure.message,
      ...(failure.condition ? { exhaustedRetryCondition: failure.condition } : {}),
      retryAttempts,
      ...(failure.statusCode !== undefined ? { lastStatusCode: failure.statusCode } : {}),
      at: this.options.now(),
    });
    this.options.log(`delivery ${record.id} of event ${record.eventId} to ${record.targetArn} failed: ${failure.message}`);
  }

  /** Delivers to an SQS queue or event bus target; false when the target is neither. */
  private deliverLocally(request: DeliveryRequest, record: DeliveryRecord, body: string): boolean {
    const arn = request.target.Arn;
    const isQueue = /^arn:aws[a-z-]*:sqs:/.test(arn);
    const isBus = /^arn:aws[a-z-]*:events:[^:]*:[^:]*:event-bus\//.test(arn);
    if (!isQueue && !isBus) return false;
    const startedAt = this.options.now();
    let delivered: boolean;
    try {
      // An event bus receives the event itself; AWS ignores input transformation for bus targets.
      delivered = isQueue
        ? this.options.targets.sendToQueue(arn, body, {})
        : this.options.targets.forwardToBus(arn, request.event, request.ingestedAt);
    } catch (error) {
      record.attempts.push({ attempt: 1, startedAt, durationMs: 0, error: (error as Error).message });
      this.park(request, record, { code: isQueue ? 'THROTTLING' : 'SDK_CLIENT_ERROR', message: (error as Error).message });
      return true;
    }
    record.attempts.push({ attempt: 1, startedAt, durationMs: 0 });
    if (!delivered) {
      this.park(request, record, {
        code: 'NO_RESOURCE',
        message: `${isQueue ? 'SQS queue' : 'Event bus'} ${arn} does not exist: create it or fix the target ARN.`,
      });
      return true;
    }
    this.finish(record, 'delivered');
    this.options.log(`delivery ${record.id} of event ${record.eventId} -> ${arn}`);
    return true;
  }

  private async run(request: DeliveryRequest, record: DeliveryRecord): Promise<void> {
    const input = targetInput(request.target, request.event, request.rule, request.ingestedAt);
    if (input.kind === 'dropped') {
      this.finish(record, 'dropped', input.reason);
      this.options.log(`delivery ${record.id} of event ${record.eventId} dropped: ${input.reason}`);
      return;
    }
    record.body = input.body;
    if (this.deliverLocally(request, record, input.body)) return;
    const destinationName = apiDestinationNameFromArn(request.target.Arn);
    if (destinationName === undefined) {
      const service = request.target.Arn.split(':')[2] ?? 'unknown';
      this.park(request, record, {
        code: 'UNSUPPORTED_TARGET',
        message: `Target ${request.target.Arn} is a ${service} target, which the local AWS cannot invoke: it delivers to SQS queues, event buses and API destinations only.`,
      });
      return;
    }
    const limits = retryLimits(request.target);
    let reauthorized = false;
    for (let attempt = 1; ; attempt++) {
      const found = this.options.lookup(request.target.Arn);
      if (!found) {
        this.park(request, record, {
          code: 'NO_RESOURCE',
          message: `API destination ${destinationName} does not exist: create it or fix the target ARN.`,
        });
        return;
      }
      const { destination, connection } = found;
      let bearer: string | undefined;
      const isOAuth = connection?.authorizationType === 'OAUTH_CLIENT_CREDENTIALS';
      if (connection && isOAuth && (connection.state === 'AUTHORIZING' || connection.state === 'AUTHORIZED')) {
        const token = await this.options.oauth.token(connection);
        if (token.ok) bearer = token.token;
      }
      if (!connection || connection.state !== 'AUTHORIZED') {
        this.park(request, record, {
          code: 'NO_PERMISSIONS',
          message: `Connection of API destination ${destination.name} is ${connection ? connection.state : 'missing'}, so the destination is INACTIVE: update or recreate the connection.`,
        });
        return;
      }
      const built = buildInvocation(destination, connection, request.target, input.body, request.event);
      const invocation =
        bearer === undefined
          ? built
          : {
              ...built,
              headers: {
                ...Object.fromEntries(Object.entries(built.headers).filter(([k]) => k.toLowerCase() !== 'authorization')),
                Authorization: `Bearer ${bearer}`,
              },
            };
      record.method = invocation.method;
      record.url = invocation.displayUrl;

      // Rate first, then a call slot: a throttled destination must not hold slots other destinations need.
      await this.limiter.acquire(destination.arn, destination.invocationRateLimitPerSecond, this.abort.signal);
      let startedAt = 0;
      let sentAt = 0;
      const outcome = await this.concurrency.run(() => {
        startedAt = this.options.now();
        sentAt = Date.now();
        return sendInvocation(invocation, this.options.timeoutMs, this.abort.signal);
      });
      if (this.abort.signal.aborted) throw new Error('Delivery cancelled: the local AWS service is shutting down.');
      record.attempts.push({
        attempt,
        startedAt,
        durationMs: Date.now() - sentAt,
        ...(outcome.kind === 'response' ? { statusCode: outcome.statusCode } : { error: outcome.message }),
      });

      if (outcome.kind === 'response' && outcome.statusCode >= 200 && outcome.statusCode < 300) {
        this.finish(record, 'delivered');
        this.options.log(`delivery ${record.id} of event ${record.eventId}: ${invocation.method} ${invocation.displayUrl} -> ${outcome.statusCode}`);
        return;
      }
      const statusCode = outcome.kind === 'response' ? outcome.statusCode : undefined;
      if (statusCode === 401 && isOAuth && connection && !reauthorized) {
        // The token was revoked or expired early: fetch a new one and try again at once, as AWS does.
        reauthorized = true;
        this.options.oauth.invalidate(connection.arn);
        continue;
      }
      const base: Omit<Failure, 'condition'> = {
        code: failureCode(outcome),
        message: `${invocation.method} ${invocation.displayUrl} answered ${describeOutcome(outcome)} on attempt ${attempt}.`,
        ...(statusCode !== undefined ? { statusCode } : {}),
      };
      if (statusCode !== undefined && !isRetryableStatus(statusCode)) {
        this.park(request, record, base);
        return;
      }
      if (attempt > limits.maximumRetryAttempts) {
        this.park(request, record, { ...base, condition: 'MaximumRetryAttempts' });
        return;
      }
      let delay = backoffDelay(attempt, this.options.retryBaseMs, this.options.retryMaxDelayMs);
      const retryAfter = outcome.kind === 'response' ? parseRetryAfter(outcome.retryAfter, this.options.now()) : undefined;
      if (retryAfter !== undefined && retryAfter < 0) {
        this.park(request, record, { ...base, message: `${base.message} The endpoint sent a negative Retry-After.` });
        return;
      }
      if (retryAfter !== undefined) delay = Math.max(delay, retryAfter);
      if (this.options.now() + delay - request.ingestedAt > limits.maximumEventAgeMs) {
        this.park(request, record, { ...base, condition: 'MaximumEventAgeInSeconds' });
        return;
      }
      this.options.log(`delivery ${record.id} of event ${record.eventId}: ${describeOutcome(outcome)}, retrying in ${Math.round(delay)} ms`);
      await sleep(delay, undefined, { signal: this.abort.signal });
    }
  }
}
