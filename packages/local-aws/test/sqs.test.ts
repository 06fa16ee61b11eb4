import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import type { LocalAws } from '../src/index.js';
import { rejection, sqs, startForTest } from './helpers.js';

let aws: LocalAws;
let clockOffsetMs = 0;
beforeAll(async () => {
  aws = await startForTest({ clock: () => Date.now() + clockOffsetMs });
});
afterAll(async () => aws.close());

async function newQueue(name: string, attributes?: Record<string, string>): Promise<string> {
  const out = await sqs(aws).send(new CreateQueueCommand({ QueueName: name, ...(attributes ? { Attributes: attributes } : {}) }));
  return out.QueueUrl!;
}

async function counts(queueUrl: string) {
  const out = await sqs(aws).send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
  return {
    visible: Number(out.Attributes?.ApproximateNumberOfMessages),
    notVisible: Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible),
  };
}

describe('SQS through the unmodified SDK (AWS JSON 1.0)', () => {
  it('creates a queue, finds it by name and lists it; its ARN carries region and account', async () => {
    const url = await newQueue('orders');
    expect(url).toBe(`${aws.url}/000000000000/orders`);
    expect((await sqs(aws).send(new GetQueueUrlCommand({ QueueName: 'orders' }))).QueueUrl).toBe(url);
    expect((await sqs(aws).send(new ListQueuesCommand({ QueueNamePrefix: 'ord' }))).QueueUrls).toEqual([url]);
    const attrs = await sqs(aws).send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    expect(attrs.Attributes).toEqual({ QueueArn: 'arn:aws:sqs:us-east-1:000000000000:orders' });
    expect((await sqs(aws, 'eu-west-1').send(new ListQueuesCommand({ QueueNamePrefix: 'ord' }))).QueueUrls).toBeUndefined();
  });

  it('a missing queue is QueueDoesNotExist with the query code AWS.SimpleQueueService.NonExistentQueue', async () => {
    const error = (await rejection(sqs(aws).send(new GetQueueUrlCommand({ QueueName: 'nope' })))) as Error & { Code?: string };
    expect(error.name).toBe('QueueDoesNotExist');
    expect(error.message).toBe('The specified queue does not exist.');
    expect(error.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
  });

  it('re-creating a queue with a different attribute value is QueueNameExists', async () => {
    await newQueue('twice', { VisibilityTimeout: '10' });
    expect(await newQueue('twice', { VisibilityTimeout: '10' })).toContain('/twice');
    const error = await rejection(newQueue('twice', { VisibilityTimeout: '20' }));
    expect(error.name).toBe('QueueNameExists');
  });

  it('sends, receives with message attributes, hides for the visibility timeout and deletes', async () => {
    const url = await newQueue('work');
    const sent = await sqs(aws).send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'hello',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' }, n: { DataType: 'Number', StringValue: '3' } },
      }),
    );
    expect(sent.MD5OfMessageBody).toBe('5d41402abc4b2a76b9719d911017c592');
    const received = await sqs(aws).send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['kind'], MessageSystemAttributeNames: ['ApproximateReceiveCount'], VisibilityTimeout: 30 }),
    );
    const message = received.Messages?.[0];
    expect(message?.Body).toBe('hello');
    expect(message?.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'greeting' } });
    expect(message?.Attributes).toEqual({ ApproximateReceiveCount: '1' });
    expect(await counts(url)).toEqual({ visible: 0, notVisible: 1 });
    expect((await sqs(aws).send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages ?? []).toHaveLength(0);
    await sqs(aws).send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message!.ReceiptHandle! }));
    expect(await counts(url)).toEqual({ visible: 0, notVisible: 0 });
  });

  it('a message becomes visible again once its visibility timeout has passed', async () => {
    const url = await newQueue('redeliver');
    await sqs(aws).send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'again' }));
    const first = await sqs(aws).send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 5 }));
    expect(first.Messages).toHaveLength(1);
    clockOffsetMs += 6000;
    const second = await sqs(aws).send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['All'] }));
    expect(second.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(second.Messages?.[0]?.ReceiptHandle).not.toBe(first.Messages?.[0]?.ReceiptHandle);
  });

  it('ChangeMessageVisibility to 0 makes a message receivable at once', async () => {
    const url = await newQueue('change');
    await sqs(aws).send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    const first = await sqs(aws).send(new ReceiveMessageCommand({ QueueUrl: url }));
    await sqs(aws).send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: first.Messages![0]!.ReceiptHandle!, VisibilityTimeout: 0 }));
    expect((await sqs(aws).send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toHaveLength(1);
  });

  it('long polling returns as soon as a message arrives', async () => {
    const url = await newQueue('long-poll');
    const started = Date.now();
    const polling = sqs(aws).send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10 }));
    setTimeout(() => void sqs(aws).send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'late' })), 300);
    const out = await polling;
    expect(out.Messages?.[0]?.Body).toBe('late');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('batches: up to 10 entries, partial failures reported per entry, MaxNumberOfMessages honoured', async () => {
    const url = await newQueue('batch');
    const out = await sqs(aws).send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: '1' },
          { Id: 'b', MessageBody: '2' },
          { Id: 'c', MessageBody: '3', DelaySeconds: 901 },
        ],
      }),
    );
    expect(out.Successful?.map((s) => s.Id)).toEqual(['a', 'b']);
    expect(out.Failed).toEqual([expect.objectContaining({ Id: 'c', Code: 'InvalidParameterValue', SenderFault: true })]);
    const received = await sqs(aws).send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(received.Messages?.map((m) => m.Body).sort()).toEqual(['1', '2']);
    const deleted = await sqs(aws).send(
      new DeleteMessageBatchCommand({ QueueUrl: url, Entries: received.Messages!.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })) }),
    );
    expect(deleted.Successful).toHaveLength(2);
    const tooMany = await rejection(
      sqs(aws).send(new SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' })) })),
    );
    expect(tooMany.name).toBe('TooManyEntriesInBatchRequest');
    expect(tooMany.message).toBe('Maximum number of entries per request are 10. You have sent 11.');
  });

  it('takes a message of exactly 1 MiB (body plus attributes) and refuses one byte more, as AWS does', async () => {
    const url = await newQueue('big');
    const attributes = { k: { DataType: 'String', StringValue: 'x' } };
    const fits = 1_048_576 - 'kStringx'.length;
    await sqs(aws).send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a'.repeat(fits), MessageAttributes: attributes }));
    const error = await rejection(
      sqs(aws).send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a'.repeat(fits + 1), MessageAttributes: attributes })),
    );
    expect(error.name).toBe('InvalidParameterValue');
    expect((error as Error & { Code?: string }).Code).toBe('InvalidParameterValue');
    expect(error.message).toBe('One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('a batch over 1 MiB in total is BatchRequestTooLong', async () => {
    const url = await newQueue('big-batch');
    const error = await rejection(
      sqs(aws).send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: [
            { Id: '1', MessageBody: 'a'.repeat(524_288) },
            { Id: '2', MessageBody: 'a'.repeat(524_289) },
          ],
        }),
      ),
    );
    expect(error.name).toBe('BatchRequestTooLong');
    expect((error as Error & { Code?: string }).Code).toBe('AWS.SimpleQueueService.BatchRequestTooLong');
    expect(error.message).toBe('Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.');
  });

  it('a lowered MaximumMessageSize (SetQueueAttributes) limits messages to it', async () => {
    const url = await newQueue('small-limit');
    await sqs(aws).send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { MaximumMessageSize: '1024' } }));
    await sqs(aws).send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a'.repeat(1024) }));
    const error = await rejection(sqs(aws).send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a'.repeat(1025) })));
    expect(error.message).toBe('One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.');
    const attrs = await sqs(aws).send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['MaximumMessageSize'] }));
    expect(attrs.Attributes).toEqual({ MaximumMessageSize: '1024' });
  });

  it('a new queue reports AWS’s default MaximumMessageSize of 1 MiB', async () => {
    const url = await newQueue('defaults');
    const attrs = await sqs(aws).send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['MaximumMessageSize'] }));
    expect(attrs.Attributes).toEqual({ MaximumMessageSize: '1048576' });
  });

  it('FIFO attributes on a standard queue are InvalidAttributeName', async () => {
    const error = await rejection(newQueue('not-fifo', { FifoQueue: 'true' }));
    expect(error.name).toBe('InvalidAttributeName');
    expect(error.message).toBe('Unknown Attribute FifoQueue.');
  });

  it('a second PurgeQueue within 60 seconds is PurgeQueueInProgress (403); after 60 seconds it runs again', async () => {
    const url = await newQueue('purged-twice');
    await sqs(aws).send(new PurgeQueueCommand({ QueueUrl: url }));
    const error = (await rejection(sqs(aws).send(new PurgeQueueCommand({ QueueUrl: url })))) as Error & {
      Code?: string;
      $metadata?: { httpStatusCode?: number };
    };
    expect(error.name).toBe('PurgeQueueInProgress');
    expect(error.Code).toBe('AWS.SimpleQueueService.PurgeQueueInProgress');
    expect(error.message).toBe('Only one PurgeQueue operation on purged-twice is allowed every 60 seconds.');
    expect(error.$metadata?.httpStatusCode).toBe(403);
    clockOffsetMs += 60_000;
    await sqs(aws).send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    await sqs(aws).send(new PurgeQueueCommand({ QueueUrl: url }));
    expect(await counts(url)).toEqual({ visible: 0, notVisible: 0 });
  });

  it('an unknown receipt handle is ReceiptHandleIsInvalid', async () => {
    const url = await newQueue('handles');
    const error = await rejection(sqs(aws).send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'made-up' })));
    expect(error.name).toBe('ReceiptHandleIsInvalid');
    expect(error.$metadata?.httpStatusCode).toBe(404);
  });

  it('PurgeQueue empties a queue and DeleteQueue removes it', async () => {
    const url = await newQueue('gone');
    await sqs(aws).send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    await sqs(aws).send(new PurgeQueueCommand({ QueueUrl: url }));
    expect(await counts(url)).toEqual({ visible: 0, notVisible: 0 });
    await sqs(aws).send(new DeleteQueueCommand({ QueueUrl: url }));
    expect((await rejection(sqs(aws).send(new GetQueueUrlCommand({ QueueName: 'gone' })))).name).toBe('QueueDoesNotExist');
  });
});
