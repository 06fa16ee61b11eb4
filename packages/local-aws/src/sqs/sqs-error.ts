import { AwsServiceError } from '../aws-error.js';

/**
 * An SQS error. The JSON protocol is "query compatible": the body's `__type` carries the error's JSON
 * type name (`com.amazonaws.sqs#InvalidParameterValueException`), while the `x-amzn-query-error` header
 * carries the old Query code (`InvalidParameterValue;Sender`), which the SDK reads first: it becomes
 * `error.Code` and picks the exception class (`AWS.SimpleQueueService.NonExistentQueue` → `QueueDoesNotExist`).
 * `code` is the JSON type name, `queryCode` the Query code.
 */
export class SqsError extends AwsServiceError {
  constructor(
    code: string,
    message: string,
    readonly queryCode: string = code,
    status = 400,
  ) {
    super(code, message, status);
  }
}

/** Errors AWS answers with, as recorded on AWS: JSON type name, Query code and HTTP status. */
const KINDS = {
  InvalidParameterValue: ['InvalidParameterValueException', 'InvalidParameterValue', 400],
  MissingParameter: ['MissingRequiredParameterException', 'MissingParameter', 400],
  QueueDoesNotExist: ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 400],
  QueueNameExists: ['QueueNameExists', 'QueueAlreadyExists', 400],
  InvalidAttributeName: ['InvalidAttributeName', 'InvalidAttributeName', 400],
  InvalidAttributeValue: ['InvalidAttributeValue', 'InvalidAttributeValue', 400],
  ReceiptHandleIsInvalid: ['ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid', 404],
  MessageNotInflight: ['MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight', 400],
  EmptyBatchRequest: ['EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest', 400],
  TooManyEntriesInBatchRequest: ['TooManyEntriesInBatchRequest', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 400],
  InvalidBatchEntryId: ['InvalidBatchEntryId', 'AWS.SimpleQueueService.InvalidBatchEntryId', 400],
  BatchEntryIdsNotDistinct: ['BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', 400],
  BatchRequestTooLong: ['BatchRequestTooLong', 'AWS.SimpleQueueService.BatchRequestTooLong', 400],
  PurgeQueueInProgress: ['PurgeQueueInProgress', 'AWS.SimpleQueueService.PurgeQueueInProgress', 403],
  InvalidMessageContents: ['InvalidMessageContents', 'InvalidMessageContents', 400],
  OverLimit: ['OverLimit', 'OverLimit', 403],
  UnsupportedOperation: ['UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation', 400],
} as const satisfies Record<string, readonly [string, string, number]>;

export type SqsErrorKind = keyof typeof KINDS;

/** An SQS error of a kind AWS defines, with AWS's type name, Query code and status. */
export function sqsError(kind: SqsErrorKind, message: string): SqsError {
  const [type, queryCode, status] = KINDS[kind];
  return new SqsError(type, message, queryCode, status);
}

export function queueDoesNotExist(): SqsError {
  return sqsError('QueueDoesNotExist', 'The specified queue does not exist.');
}

/** AWS's wording: `Value 0 for parameter MaxNumberOfMessages is invalid. Reason: ...`. */
export function invalidParameter(value: unknown, parameter: string, reason: string): SqsError {
  return sqsError('InvalidParameterValue', `Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`);
}

export function invalidAttributeValue(message: string): SqsError {
  return sqsError('InvalidAttributeValue', message);
}
