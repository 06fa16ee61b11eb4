import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { LocalAws } from '../src/index.js';
import { eventBridge, sqs, startForTest } from './helpers.js';

interface RecordedCase {
  readonly template: string;
  /** Message bodies AWS delivered: JSON bodies as parsed objects, other bodies as text. */
  readonly delivered: readonly unknown[];
  readonly source: string;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/input-transformer-recorded.json', import.meta.url), 'utf8')) as {
  event: { source: string; 'detail-type': string; detail: object };
  inputPathsMap: Record<string, string>;
  cases: RecordedCase[];
};

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest();
});
afterAll(async () => aws.close());

describe('InputTransformer output compared with what AWS delivered to an SQS target', () => {
  let n = 0;
  it.each(fixture.cases)('$template', async ({ template, delivered }) => {
    const id = ++n;
    const url = (await sqs(aws).send(new CreateQueueCommand({ QueueName: `transformed-${id}` }))).QueueUrl!;
    const arn = (await sqs(aws).send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const source = `${fixture.event.source}.${id}`;
    await eventBridge(aws).send(new PutRuleCommand({ Name: `transform-${id}`, EventPattern: JSON.stringify({ source: [source] }) }));
    await eventBridge(aws).send(
      new PutTargetsCommand({
        Rule: `transform-${id}`,
        Targets: [{ Id: 'queue', Arn: arn, InputTransformer: { InputPathsMap: fixture.inputPathsMap, InputTemplate: template } }],
      }),
    );
    await eventBridge(aws).send(
      new PutEventsCommand({
        Entries: [{ Source: source, DetailType: fixture.event['detail-type'], Detail: JSON.stringify(fixture.event.detail) }],
      }),
    );
    await aws.idle();
    const received = (await sqs(aws).send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))).Messages ?? [];
    expect(received.map((m) => (typeof delivered[0] === 'string' ? m.Body : JSON.parse(m.Body ?? '')))).toEqual(delivered);
  });
});
