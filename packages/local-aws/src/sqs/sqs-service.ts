import type { ArnScope } from '../events/arns.js';
import type { JsonObject, JsonValue } from '../events/model.js';
import { isJsonObject } from '../events/request-input.js';
import { md5OfMessageAttributes, type MessageAttributeValue } from './message-md5.js';
import type { Queue, QueueSettings, StoredMessage } from './queue.js';
import type { QueueStore } from './queue-store.js';
import { invalidAttributeValue, invalidParameter, queueDoesNotExist, SqsError, sqsError } from './sqs-error.js';

/** What every SQS operation works with. */
export interface SqsContext {
  readonly queues: QueueStore;
  /** Account (from the access key) and region (from the credential scope) of the caller. */
  readonly scope: ArnScope;
  readonly now: () => number;
  /** Resolves when the service is closing, so long polls end at once. */
  readonly closing: Promise<void>;
}

/** AWS's limit on a message (body plus attributes) and on a whole batch: 1 MiB since August 2025. */
export const MAX_MESSAGE_BYTES = 1_048_576;
/** AWS allows one PurgeQueue per queue every 60 seconds. */
const PURGE_COOLDOWN_MS = 60_000;
const MAX_BATCH_ENTRIES = 10;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
/** The characters SQS allows in a message (XML 1.0's). */
const ALLOWED_BODY = /^[\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

type Operation = (input: JsonObject, ctx: SqsContext) => JsonObject | Promise<JsonObject>;

function required(input: JsonObject, member: string): string {
  const v = input[member];
  if (typeof v !== 'string' || v === '') {
    throw sqsError('MissingParameter', `The request must contain the parameter ${member}.`);
  }
  return v;
}

function optionalInt(input: JsonObject, member: string, min: number, max: number, reason: string): number | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw invalidParameter(v, member, reason);
  return v;
}

function stringList(input: JsonObject, member: string): string[] {
  const v = input[member];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

const SETTING_ATTRIBUTES: Record<string, { key: keyof QueueSettings; min: number; max: number }> = {
  VisibilityTimeout: { key: 'visibilityTimeoutSeconds', min: 0, max: 43_200 },
  DelaySeconds: { key: 'delaySeconds', min: 0, max: 900 },
  MessageRetentionPeriod: { key: 'messageRetentionSeconds', min: 60, max: 1_209_600 },
  MaximumMessageSize: { key: 'maximumMessageSize', min: 1024, max: MAX_MESSAGE_BYTES },
  ReceiveMessageWaitTimeSeconds: { key: 'receiveMessageWaitTimeSeconds', min: 0, max: 20 },
};
/** Accepted and reported back, without effect in the local service. */
const PASSIVE_ATTRIBUTES = new Set(['Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled']);

function parseAttributes(input: JsonObject): { settings: Partial<QueueSettings>; given: Record<string, string> } {
  const raw = input.Attributes;
  const settings: Partial<QueueSettings> = {};
  const given: Record<string, string> = {};
  if (!isJsonObject(raw)) return { settings, given };
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw invalidAttributeValue(`Invalid value for the parameter ${name}.`);
    if (name === 'DeduplicationScope' || name === 'FifoThroughputLimit') {
      throw sqsError('InvalidAttributeName', `You can specify the ${name} only when FifoQueue is set to true.`);
    }
    const setting = SETTING_ATTRIBUTES[name];
    if (setting) {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < setting.min || n > setting.max) {
        throw invalidAttributeValue(`Invalid value for the parameter ${name}. It must be an integer from ${setting.min} to ${setting.max}.`);
      }
      settings[setting.key] = n;
    } else if (!PASSIVE_ATTRIBUTES.has(name)) {
      throw sqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
    given[name] = value;
  }
  return { settings, given };
}

function parseMessageAttributes(raw: JsonValue | undefined): Record<string, MessageAttributeValue> {
  const out: Record<string, MessageAttributeValue> = {};
  if (!isJsonObject(raw)) return out;
  const names = Object.keys(raw);
  if (names.length > 10) throw invalidParameter(names.length, 'MessageAttributes', 'A message can have at most 10 message attributes.');
  for (const name of names) {
    const v = raw[name];
    if (!isJsonObject(v) || typeof v.DataType !== 'string' || !/^(String|Number|Binary)(\..+)?$/.test(v.DataType)) {
      throw invalidParameter(name, 'MessageAttributes', `The message attribute '${name}' must have a DataType of String, Number or Binary.`);
    }
    const isBinary = v.DataType.startsWith('Binary');
    const value = isBinary ? v.BinaryValue : v.StringValue;
    if (typeof value !== 'string' || value === '') {
      const baseType = v.DataType.split('.')[0] ?? v.DataType;
      throw sqsError('InvalidParameterValue', `Message (user) attribute '${name}' must contain a non-empty value of type '${baseType}'.`);
    }
    out[name] = isBinary ? { DataType: v.DataType, BinaryValue: value } : { DataType: v.DataType, StringValue: value };
  }
  return out;
}

function messageBytes(body: string, attributes: Record<string, MessageAttributeValue>): number {
  let bytes = Buffer.byteLength(body);
  for (const [name, a] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(a.DataType);
    bytes += a.BinaryValue !== undefined ? Buffer.from(a.BinaryValue, 'base64').length : Buffer.byteLength(a.StringValue ?? '');
  }
  return bytes;
}

/**
 * Validates and enqueues one message; shared by SendMessage and SendMessageBatch (AWS words an oversized
 * batch entry "cannot be validated" where a single message "are invalid", recorded).
 */
function sendOne(queue: Queue, entry: JsonObject, ctx: SqsContext, inBatch = false): JsonObject {
  const body = required(entry, 'MessageBody');
  if (!ALLOWED_BODY.test(body)) {
    throw sqsError('InvalidMessageContents', 'Invalid characters found. Valid characters: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF');
  }
  const delay = optionalInt(entry, 'DelaySeconds', 0, 900, 'Must be >= 0 and <= 900, if provided.');
  const attributes = parseMessageAttributes(entry.MessageAttributes);
  const limit = Math.min(queue.settings.maximumMessageSize, MAX_MESSAGE_BYTES);
  if (messageBytes(body, attributes) > limit) {
    throw sqsError('InvalidParameterValue', `One or more parameters ${inBatch ? 'cannot be validated' : 'are invalid'}. Reason: Message must be shorter than ${limit} bytes.`);
  }
  const message = queue.send(body, attributes, ctx.now(), delay);
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: message.md5OfBody,
    ...(message.md5OfAttributes !== undefined ? { MD5OfMessageAttributes: message.md5OfAttributes } : {}),
  };
}

function batchEntries(input: JsonObject, kind: string): JsonObject[] {
  const raw = input.Entries;
  const entries = Array.isArray(raw) ? raw.filter(isJsonObject) : [];
  if (entries.length === 0) {
    throw sqsError('EmptyBatchRequest', `There should be at least one ${kind} in the request.`);
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw sqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`);
  }
  const seen = new Set<string>();
  for (const e of entries) {
    const id = typeof e.Id === 'string' ? e.Id : '';
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) {
      throw sqsError('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.');
    }
    if (seen.has(id)) throw sqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
  return entries;
}

/** Runs one entry of a batch; a failing entry becomes a `Failed` item as on AWS, the rest still run. */
function batch(entries: JsonObject[], run: (entry: JsonObject) => JsonObject): JsonObject {
  const successful: JsonObject[] = [];
  const failed: JsonObject[] = [];
  for (const entry of entries) {
    try {
      successful.push({ Id: entry.Id as string, ...run(entry) });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      failed.push({ Id: entry.Id as string, SenderFault: error.status < 500, Code: error.queryCode, Message: error.message });
    }
  }
  return { Successful: successful, Failed: failed };
}

function selectMessageAttributes(message: StoredMessage, names: string[]): Record<string, MessageAttributeValue> {
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(message.attributes)) {
    const wanted = names.some((n) => n === 'All' || n === '.*' || n === name || (n.endsWith('.*') && name.startsWith(n.slice(0, -1))));
    if (wanted) out[name] = value;
  }
  return out;
}

function systemAttributes(message: StoredMessage, names: string[]): Record<string, string> {
  const all = names.includes('All');
  const values: Record<string, string> = {
    SenderId: 'AIDAIENQZJOLO23YVJ4VO',
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
  };
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) if (all || names.includes(name)) out[name] = value;
  return out;
}

async function receiveMessage(input: JsonObject, ctx: SqsContext): Promise<JsonObject> {
  const queue = ctx.queues.byUrl(ctx.scope.region, required(input, 'QueueUrl'));
  const max = optionalInt(input, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.') ?? 1;
  const visibility = optionalInt(input, 'VisibilityTimeout', 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
  const wait = optionalInt(input, 'WaitTimeSeconds', 0, 20, 'Must be >= 0 and <= 20, if provided.') ?? queue.settings.receiveMessageWaitTimeSeconds;
  const deadline = Date.now() + wait * 1000;
  let taken = queue.receive(max, ctx.now(), visibility);
  let closed = false;
  void ctx.closing.then(() => (closed = true));
  while (taken.length === 0 && !closed && Date.now() < deadline) {
    // Delayed or in-flight messages become visible without a send; look again at least every 200 ms.
    await Promise.race([queue.waitForMessage(Math.min(200, deadline - Date.now())), ctx.closing]);
    if (ctx.queues.byArn(queue.arn) !== queue) break;
    taken = queue.receive(max, ctx.now(), visibility);
  }
  const attributeNames = [...stringList(input, 'AttributeNames'), ...stringList(input, 'MessageSystemAttributeNames')];
  const attributeFilter = stringList(input, 'MessageAttributeNames');
  return {
    Messages: taken.map((m) => {
      const attributes = selectMessageAttributes(m, attributeFilter);
      const system = systemAttributes(m, attributeNames);
      const hasAttributes = Object.keys(attributes).length > 0;
      return {
        MessageId: m.messageId,
        ReceiptHandle: m.receiptHandle ?? '',
        MD5OfBody: m.md5OfBody,
        Body: m.body,
        ...(Object.keys(system).length > 0 ? { Attributes: system } : {}),
        ...(hasAttributes ? { MD5OfMessageAttributes: md5OfMessageAttributes(attributes), MessageAttributes: attributes as unknown as JsonObject } : {}),
      };
    }),
  };
}

function queueAttributes(queue: Queue, names: string[], now: number): Record<string, string> {
  const counts = queue.counts(now);
  const values: Record<string, string> = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAt / 1000)),
    VisibilityTimeout: String(queue.settings.visibilityTimeoutSeconds),
    DelaySeconds: String(queue.settings.delaySeconds),
    MessageRetentionPeriod: String(queue.settings.messageRetentionSeconds),
    MaximumMessageSize: String(queue.settings.maximumMessageSize),
    ReceiveMessageWaitTimeSeconds: String(queue.settings.receiveMessageWaitTimeSeconds),
    SqsManagedSseEnabled: 'true',
  };
  for (const [k, v] of Object.entries(queue.givenAttributes)) if (PASSIVE_ATTRIBUTES.has(k)) values[k] = v;
  const out: Record<string, string> = {};
  for (const name of names) {
    if (name === 'All') return values;
    if (!(name in values) && !PASSIVE_ATTRIBUTES.has(name)) throw sqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    if (values[name] !== undefined) out[name] = values[name];
  }
  return out;
}

const OPERATIONS: Record<string, Operation> = {
  CreateQueue: (input, ctx) => {
    const name = required(input, 'QueueName');
    if (!QUEUE_NAME.test(name)) {
      throw invalidParameter(name, 'QueueName', 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
    }
    const { settings, given } = parseAttributes(input);
    const queue = ctx.queues.create(ctx.scope, name, { ...(settings as QueueSettings) }, given, ctx.now());
    return { QueueUrl: queue.url };
  },
  GetQueueUrl: (input, ctx) => {
    const name = required(input, 'QueueName');
    const owner = typeof input.QueueOwnerAWSAccountId === 'string' ? input.QueueOwnerAWSAccountId : ctx.scope.accountId;
    const queue = ctx.queues.get({ region: ctx.scope.region, accountId: owner }, name);
    if (!queue) throw queueDoesNotExist();
    return { QueueUrl: queue.url };
  },
  ListQueues: (input, ctx) => {
    const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
    const max = optionalInt(input, 'MaxResults', 1, 1000, 'Must be between 1 and 1000, if provided.');
    const all = ctx.queues.list(ctx.scope, prefix);
    const start = typeof input.NextToken === 'string' ? Number(Buffer.from(input.NextToken, 'base64url').toString('utf8')) || 0 : 0;
    const page = all.slice(start, max === undefined ? 1000 : start + max);
    const next = start + page.length;
    return {
      ...(page.length > 0 ? { QueueUrls: page.map((q) => q.url) } : {}),
      ...(max !== undefined && next < all.length ? { NextToken: Buffer.from(String(next)).toString('base64url') } : {}),
    };
  },
  GetQueueAttributes: (input, ctx) => {
    const queue = ctx.queues.byUrl(ctx.scope.region, required(input, 'QueueUrl'));
    const names = stringList(input, 'AttributeNames');
    const attributes = queueAttributes(queue, names, ctx.now());
    const output: JsonObject = {};
    if (Object.keys(attributes).length > 0) output.Attributes = attributes;
    return output;
  },
  SendMessage: (input, ctx) => sendOne(ctx.queues.byUrl(ctx.scope.region, required(input, 'QueueUrl')), input, ctx),
  SendMessageBatch: (input, ctx) => {
    const queue = ctx.queues.byUrl(ctx.scope.region, required(input, 'QueueUrl'));
    const entries = batchEntries(input, 'SendMessageBatchRequestEntry');
    const total = entries.reduce((n, e) => n + messageBytes(String(e.MessageBody ?? ''), parseMessageAttributes(e.MessageAttributes)), 0);
    if (total > MAX_MESSAGE_BYTES) {
      throw sqsError('BatchRequestTooLong', `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`);
    }
    return batch(entries, (entry) => sendOne(queue, entry, ctx, true));
  },
  ReceiveMessage: receiveMessage,
  DeleteMessage: (input, ctx) => {
    ctx.queues.byUrl(ctx.scope.region, required(input, 'QueueUrl')).delete(required(input, 'ReceiptHandle'));
    return {};
  },
  DeleteMessageBatch: (input, ctx) => {
    const queue = ctx.queues.byUrl(ctx.scope.region, required(input, 'QueueUrl'));
    return batch(batchEntries(input, 'DeleteMessageBatchRequestEntry'), (entry) => {
      queue.delete(required(entry, 'ReceiptHandle'));
      return {};
    });
  },
  ChangeMessageVisibility: (input, ctx) => {
    const queue = ctx.queues.byUrl(ctx.scope.region, required(input, 'QueueUrl'));
    const seconds = optionalInt(input, 'VisibilityTimeout', 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
    if (seconds === undefined) throw sqsError('MissingParameter', 'The request must contain the parameter VisibilityTimeout.');
    queue.changeVisibility(required(input, 'ReceiptHandle'), seconds, ctx.now());
    return {};
  },
  PurgeQueue: (input, ctx) => {
    const queue = ctx.queues.byUrl(ctx.scope.region, required(input, 'QueueUrl'));
    const now = ctx.now();
    if (queue.lastPurgedAt !== undefined && now - queue.lastPurgedAt < PURGE_COOLDOWN_MS) {
      throw sqsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`);
    }
    queue.purge(now);
    return {};
  },
  SetQueueAttributes: (input, ctx) => {
    const queue = ctx.queues.byUrl(ctx.scope.region, required(input, 'QueueUrl'));
    const { settings, given } = parseAttributes(input);
    queue.setAttributes(settings, given, ctx.now());
    return {};
  },
  DeleteQueue: (input, ctx) => {
    ctx.queues.delete(ctx.queues.byUrl(ctx.scope.region, required(input, 'QueueUrl')));
    return {};
  },
};

/** The SQS operations this service implements, for the docs and error messages. */
export const SQS_OPERATIONS = Object.keys(OPERATIONS);

/** Runs one `AmazonSQS.<Operation>` call with its JSON 1.0 body. */
export async function handleSqsCall(target: string, body: string, ctx: SqsContext): Promise<JsonObject> {
  const name = target.slice('AmazonSQS.'.length);
  const operation = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
  if (!operation) {
    throw sqsError('UnsupportedOperation', `The local SQS does not implement ${name}; it implements ${SQS_OPERATIONS.join(', ')}.`);
  }
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw new SqsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (!isJsonObject(parsed)) throw new SqsError('SerializationException', 'The request body must be a JSON object.');
  return operation(parsed, ctx);
}
