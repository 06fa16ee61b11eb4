import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { LocalAws } from '../src/index.js';
import { INVOKE_ROLE, rejection, sqs, startEndpoint, startForTest } from './helpers.js';

const BUS_ROLE = 'arn:aws:iam::000000000000:role/EventBridgeToOtherBus';
let aws: LocalAws;
const logLines: string[] = [];
beforeAll(async () => {
  aws = await startForTest({ logger: (line) => logLines.push(line) });
});
afterAll(async () => aws.close());

function eb(region = 'us-east-1') {
  return new EventBridgeClient({ region, endpoint: aws.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

async function queue(name: string, region = 'us-east-1'): Promise<{ url: string; arn: string }> {
  const url = (await sqs(aws, region).send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
  const attrs = await sqs(aws, region).send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return { url, arn: attrs.Attributes!.QueueArn! };
}

async function receiveAll(url: string, region = 'us-east-1') {
  const out = await sqs(aws, region).send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }),
  );
  return out.Messages ?? [];
}

describe('SQS queue targets', () => {
  it('an event reaches an SQS target and is received as the message body', async () => {
    const q = await queue('events-in');
    await eb().send(new PutRuleCommand({ Name: 'to-queue', EventPattern: '{"source":["sqs.test"]}' }));
    await eb().send(new PutTargetsCommand({ Rule: 'to-queue', Targets: [{ Id: 'q', Arn: q.arn }] }));
    await eb().send(new PutEventsCommand({ Entries: [{ Source: 'sqs.test', DetailType: 'order', Detail: '{"id":7}' }] }));
    await aws.idle();
    const [message] = await receiveAll(q.url);
    expect(JSON.parse(message!.Body!)).toMatchObject({ source: 'sqs.test', 'detail-type': 'order', detail: { id: 7 }, region: 'us-east-1' });
  });

  it('a transformed input is the message body', async () => {
    const q = await queue('transformed-in');
    await eb().send(new PutRuleCommand({ Name: 'to-queue-transformed', EventPattern: '{"source":["sqs.transform"]}' }));
    await eb().send(
      new PutTargetsCommand({
        Rule: 'to-queue-transformed',
        Targets: [{ Id: 'q', Arn: q.arn, InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '"order <id>"' } }],
      }),
    );
    await eb().send(new PutEventsCommand({ Entries: [{ Source: 'sqs.transform', DetailType: 'order', Detail: '{"id":8}' }] }));
    await aws.idle();
    expect((await receiveAll(q.url)).map((m) => m.Body)).toEqual(['"order 8"']);
  });
});

describe('event bus targets in another region', () => {
  it('requires a RoleArn for a bus in another region, as AWS does', async () => {
    await eb().send(new PutRuleCommand({ Name: 'cross-no-role', EventPattern: '{"source":["x"]}' }));
    const arn = 'arn:aws:events:eu-central-1:000000000000:event-bus/default';
    const error = await rejection(eb().send(new PutTargetsCommand({ Rule: 'cross-no-role', Targets: [{ Id: 'b', Arn: arn }] })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(`RoleArn is required for target ${arn}.`);
  });

  it('an event crosses to another region’s bus and its rule delivers it', async () => {
    const q = await queue('frankfurt-in', 'eu-central-1');
    const remote = await eb('eu-central-1').send(new CreateEventBusCommand({ Name: 'inbound' }));
    await eb('eu-central-1').send(new PutRuleCommand({ Name: 'remote-rule', EventBusName: 'inbound', EventPattern: '{"source":["cross.test"]}' }));
    await eb('eu-central-1').send(new PutTargetsCommand({ Rule: 'remote-rule', EventBusName: 'inbound', Targets: [{ Id: 'q', Arn: q.arn }] }));
    await eb().send(new PutRuleCommand({ Name: 'forward', EventPattern: '{"source":["cross.test"]}' }));
    await eb().send(new PutTargetsCommand({ Rule: 'forward', Targets: [{ Id: 'bus', Arn: remote.EventBusArn, RoleArn: BUS_ROLE }] }));
    await eb().send(new PutEventsCommand({ Entries: [{ Source: 'cross.test', DetailType: 'd', Detail: '{"n":1}' }] }));
    await aws.idle();
    const [message] = await receiveAll(q.url, 'eu-central-1');
    expect(JSON.parse(message!.Body!)).toMatchObject({ source: 'cross.test', detail: { n: 1 }, region: 'us-east-1' });
  });
});

describe('dead-letter queues are SQS queues', () => {
  it('refuses a DeadLetterConfig.Arn that is not an SQS queue ARN', async () => {
    await eb().send(new PutRuleCommand({ Name: 'bad-dlq', EventPattern: '{"source":["x"]}' }));
    const error = await rejection(
      eb().send(
        new PutTargetsCommand({
          Rule: 'bad-dlq',
          Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:x', DeadLetterConfig: { Arn: 'arn:aws:sns:us-east-1:000000000000:topic' } }],
        }),
      ),
    );
    expect(error.name).toBe('ValidationException');
  });

  it('a non-retryable 4xx goes to the DLQ at once with AWS’s message attributes', async () => {
    const endpoint = await startEndpoint([400]);
    try {
      const dlq = await queue('dlq-4xx');
      const connection = await eb().send(
        new CreateConnectionCommand({ Name: 'dlq-conn', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } }),
      );
      const destination = await eb().send(
        new CreateApiDestinationCommand({ Name: 'dlq-dest', ConnectionArn: connection.ConnectionArn, InvocationEndpoint: endpoint.url, HttpMethod: 'POST' }),
      );
      const rule = await eb().send(new PutRuleCommand({ Name: 'to-400', EventPattern: '{"source":["dlq.test"]}' }));
      await eb().send(
        new PutTargetsCommand({
          Rule: 'to-400',
          Targets: [{ Id: 'api', Arn: destination.ApiDestinationArn, RoleArn: INVOKE_ROLE, DeadLetterConfig: { Arn: dlq.arn }, RetryPolicy: { MaximumRetryAttempts: 3 } }],
        }),
      );
      await eb().send(new PutEventsCommand({ Entries: [{ Source: 'dlq.test', DetailType: 'd', Detail: '{}' }] }));
      await aws.idle();
      expect(endpoint.received).toHaveLength(1);
      const [message] = await receiveAll(dlq.url);
      expect(JSON.parse(message!.Body!)).toMatchObject({ source: 'dlq.test' });
      const attrs = Object.fromEntries(Object.entries(message!.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]));
      expect(attrs).toEqual({
        RULE_ARN: rule.RuleArn,
        TARGET_ARN: destination.ApiDestinationArn,
        ERROR_CODE: 'HTTP_CLIENT_ERROR',
        ERROR_MESSAGE: expect.stringContaining('HTTP 400'),
        RETRY_ATTEMPTS: '0',
      });
    } finally {
      await endpoint.close();
    }
  });

  it('exhausted retries land in the DLQ with EXHAUSTED_RETRY_CONDITION and RETRY_ATTEMPTS', async () => {
    const endpoint = await startEndpoint([503]);
    try {
      const dlq = await queue('dlq-5xx');
      const connection = await eb().send(
        new CreateConnectionCommand({ Name: 'dlq-conn-5xx', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } }),
      );
      const destination = await eb().send(
        new CreateApiDestinationCommand({ Name: 'dlq-dest-5xx', ConnectionArn: connection.ConnectionArn, InvocationEndpoint: endpoint.url, HttpMethod: 'POST' }),
      );
      await eb().send(new PutRuleCommand({ Name: 'to-503', EventPattern: '{"source":["dlq.retry"]}' }));
      await eb().send(
        new PutTargetsCommand({
          Rule: 'to-503',
          Targets: [{ Id: 'api', Arn: destination.ApiDestinationArn, RoleArn: INVOKE_ROLE, DeadLetterConfig: { Arn: dlq.arn }, RetryPolicy: { MaximumRetryAttempts: 2 } }],
        }),
      );
      await eb().send(new PutEventsCommand({ Entries: [{ Source: 'dlq.retry', DetailType: 'd', Detail: '{}' }] }));
      await aws.idle();
      expect(endpoint.received).toHaveLength(3);
      const [message] = await receiveAll(dlq.url);
      const attrs = message!.MessageAttributes ?? {};
      expect(attrs.EXHAUSTED_RETRY_CONDITION?.StringValue).toBe('MaximumRetryAttempts');
      expect(attrs.RETRY_ATTEMPTS?.StringValue).toBe('2');
      expect(attrs.ERROR_CODE?.StringValue).toBe('HTTP_SERVER_ERROR');
    } finally {
      await endpoint.close();
    }
  });

  it('a Lambda target is accepted with a warning, and its deliveries fail into its DLQ with a clear reason', async () => {
    const dlq = await queue('dlq-lambda');
    const lambda = 'arn:aws:lambda:us-east-1:000000000000:function:handler';
    await eb().send(new PutRuleCommand({ Name: 'to-lambda', EventPattern: '{"source":["lambda.test"]}' }));
    await eb().send(new PutTargetsCommand({ Rule: 'to-lambda', Targets: [{ Id: 'fn', Arn: lambda, DeadLetterConfig: { Arn: dlq.arn } }] }));
    expect(logLines.some((l) => l.includes('to-lambda/fn') && l.includes('lambda targets are accepted'))).toBe(true);
    await eb().send(new PutEventsCommand({ Entries: [{ Source: 'lambda.test', DetailType: 'd', Detail: '{}' }] }));
    await aws.idle();
    const [message] = await receiveAll(dlq.url);
    expect(message?.MessageAttributes?.TARGET_ARN?.StringValue).toBe(lambda);
    expect(message?.MessageAttributes?.ERROR_CODE?.StringValue).toBe('UNSUPPORTED_TARGET');
    expect(message?.MessageAttributes?.ERROR_MESSAGE?.StringValue).toContain('lambda target');
  });
});
