import { randomBytes, randomUUID } from 'node:crypto';
import { md5Hex, md5OfMessageAttributes, type MessageAttributeValue } from './message-md5.js';
import { sqsError } from './sqs-error.js';

/** A message as kept in a queue (times are epoch ms). */
export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly attributes: Readonly<Record<string, MessageAttributeValue>>;
  readonly md5OfAttributes?: string;
  readonly sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The receipt handle of the latest receive; only it may delete or change the message. */
  receiptHandle?: string;
}

/** Queue attributes this service honours, with AWS's defaults. */
export interface QueueSettings {
  visibilityTimeoutSeconds: number;
  delaySeconds: number;
  messageRetentionSeconds: number;
  maximumMessageSize: number;
  receiveMessageWaitTimeSeconds: number;
}

export const DEFAULT_SETTINGS: QueueSettings = {
  visibilityTimeoutSeconds: 30,
  delaySeconds: 0,
  messageRetentionSeconds: 345_600,
  maximumMessageSize: 1_048_576,
  receiveMessageWaitTimeSeconds: 0,
};

/** Most messages one queue holds; AWS has no such limit but a local service must be bounded. */
export const MAX_MESSAGES_PER_QUEUE = 100_000;

/** One standard SQS queue: messages, their visibility and receipt handles. */
export class Queue {
  private messages: StoredMessage[] = [];
  private readonly waiters = new Set<() => void>();
  /** When PurgeQueue last ran (AWS allows one every 60 seconds). */
  lastPurgedAt: number | undefined;
  lastModifiedAt: number;

  constructor(
    readonly name: string,
    readonly url: string,
    readonly arn: string,
    readonly createdAt: number,
    public settings: QueueSettings,
    /** Every attribute given at creation or set since, as strings (CreateQueue compares them on a repeated create). */
    public givenAttributes: Readonly<Record<string, string>>,
  ) {
    this.lastModifiedAt = createdAt;
  }

  /** SetQueueAttributes: changes the given settings and remembers the values as given. */
  setAttributes(settings: Partial<QueueSettings>, given: Readonly<Record<string, string>>, now: number): void {
    this.settings = { ...this.settings, ...settings };
    this.givenAttributes = { ...this.givenAttributes, ...given };
    this.lastModifiedAt = now;
  }

  /** Adds a message; it becomes visible after `delaySeconds` (the queue's default when omitted). */
  send(body: string, attributes: Readonly<Record<string, MessageAttributeValue>>, now: number, delaySeconds?: number): StoredMessage {
    this.expire(now);
    if (this.messages.length >= MAX_MESSAGES_PER_QUEUE) {
      throw sqsError(
        'OverLimit',
        `Queue ${this.name} holds ${MAX_MESSAGES_PER_QUEUE} messages, the most the local SQS keeps per queue: receive and delete some, or purge the queue.`,
      );
    }
    const hasAttributes = Object.keys(attributes).length > 0;
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5Hex(body),
      attributes,
      ...(hasAttributes ? { md5OfAttributes: md5OfMessageAttributes(attributes) } : {}),
      sentAt: now,
      visibleAt: now + (delaySeconds ?? this.settings.delaySeconds) * 1000,
      receiveCount: 0,
    };
    this.messages.push(message);
    for (const wake of this.waiters) wake();
    return message;
  }

  /** Takes up to `max` visible messages, hiding each for the visibility timeout under a new receipt handle. */
  receive(max: number, now: number, visibilityTimeoutSeconds?: number): StoredMessage[] {
    this.expire(now);
    const taken: StoredMessage[] = [];
    for (const message of this.messages) {
      if (taken.length >= max) break;
      if (message.visibleAt > now) continue;
      message.visibleAt = now + (visibilityTimeoutSeconds ?? this.settings.visibilityTimeoutSeconds) * 1000;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.receiptHandle = `${Buffer.from(this.arn).toString('base64url')}.${message.messageId}.${randomBytes(12).toString('base64url')}`;
      taken.push(message);
    }
    return taken;
  }

  /** Resolves when a message is sent or after `ms`, whichever comes first (long polling). */
  waitForMessage(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** Wakes every long poll (the queue was deleted or the service stops). */
  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private byReceiptHandle(receiptHandle: string): StoredMessage | undefined {
    return this.messages.find((m) => m.receiptHandle === receiptHandle);
  }

  /** Whether a receipt handle was minted by this queue (AWS tells an unknown handle from a stale one). */
  private isWellFormed(receiptHandle: string): boolean {
    return receiptHandle.startsWith(`${Buffer.from(this.arn).toString('base64url')}.`);
  }

  /** Deletes the message a receipt handle names; a stale handle of a well-formed kind is accepted, as on AWS. */
  delete(receiptHandle: string): void {
    if (!this.isWellFormed(receiptHandle)) {
      throw sqsError('ReceiptHandleIsInvalid', `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
    }
    this.messages = this.messages.filter((m) => m.receiptHandle !== receiptHandle);
  }

  /** Makes an in-flight message visible again after `seconds` from now. */
  changeVisibility(receiptHandle: string, seconds: number, now: number): void {
    if (!this.isWellFormed(receiptHandle)) {
      throw sqsError('ReceiptHandleIsInvalid', `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
    }
    const message = this.byReceiptHandle(receiptHandle);
    if (!message || message.visibleAt <= now) {
      throw sqsError('MessageNotInflight', 'Message does not exist or is not available for visibility timeout change.');
    }
    message.visibleAt = now + seconds * 1000;
  }

  /** Deletes every message (PurgeQueue). */
  purge(now: number): void {
    this.messages = [];
    this.lastPurgedAt = now;
  }

  /** Counts for ApproximateNumberOfMessages, ...NotVisible and ...Delayed. */
  counts(now: number): { visible: number; notVisible: number; delayed: number } {
    this.expire(now);
    let visible = 0;
    let notVisible = 0;
    let delayed = 0;
    for (const m of this.messages) {
      if (m.visibleAt <= now) visible++;
      else if (m.receiveCount === 0) delayed++;
      else notVisible++;
    }
    return { visible, notVisible, delayed };
  }

  private expire(now: number): void {
    const oldest = now - this.settings.messageRetentionSeconds * 1000;
    if (this.messages.length > 0 && this.messages[0]!.sentAt < oldest) {
      this.messages = this.messages.filter((m) => m.sentAt >= oldest);
    }
  }
}
