import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DescribeEventBusCommand,
  ListConnectionsCommand,
  ListEventBusesCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
  UpdateApiDestinationCommand,
  UpdateConnectionCommand,
} from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { eventBridge, INVOKE_ROLE, rejection, startForTest } from './helpers.js';

const DESTINATION = 'arn:aws:events:us-east-1:000000000000:api-destination/app/8d1c4c6e-0000-4000-8000-000000000000';

let aws: LocalAws;
let open: LocalAws;
let connectionArn = '';
beforeAll(async () => {
  aws = await startForTest();
  open = await startForTest({ acceptAnyCredentials: true });
  const eb = eventBridge(aws);
  await eb.send(new PutRuleCommand({ Name: 'r', EventPattern: '{"source":["a"]}' }));
  const c = await eb.send(
    new CreateConnectionCommand({
      Name: 'c',
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } },
    }),
  );
  connectionArn = c.ConnectionArn ?? '';
});
afterAll(async () => {
  await aws.close();
  await open.close();
});

async function validationMessage(call: Promise<unknown>): Promise<string> {
  const error = await rejection(call);
  expect(error.name).toBe('ValidationException');
  expect(error.$metadata?.httpStatusCode).toBe(400);
  return error.message;
}

describe('model constraints', () => {
  it('PutEvents needs at least one entry', async () => {
    expect(await validationMessage(eventBridge(aws).send(new PutEventsCommand({ Entries: [] })))).toBe(
      "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('PutRule limits pattern and description length', async () => {
    const pattern = JSON.stringify({ source: ['x'.repeat(4100)] });
    const message = await validationMessage(
      eventBridge(aws).send(new PutRuleCommand({ Name: 'long', EventPattern: pattern, Description: 'd'.repeat(513) })),
    );
    expect(message).toMatch(/^2 validation errors detected: Value '.*' at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to 4096; /);
    expect(message).toMatch(/at 'description' failed to satisfy constraint: Member must have length less than or equal to 512$/);
  });

  it('DescribeEventBus checks the name-or-ARN pattern', async () => {
    expect(await validationMessage(eventBridge(aws).send(new DescribeEventBusCommand({ Name: 'bad bus' })))).toMatch(
      /^1 validation error detected: Value 'bad bus' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
    );
  });

  it('RemoveTargets needs at least one Id', async () => {
    expect(await validationMessage(eventBridge(aws).send(new RemoveTargetsCommand({ Rule: 'r', Ids: [] })))).toBe(
      "1 validation error detected: Value '[]' at 'ids' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('InputPathsMap keys may not be reserved names or contain other characters', async () => {
    const eb = eventBridge(aws);
    const reserved = await validationMessage(
      eb.send(
        new PutTargetsCommand({
          Rule: 'r',
          Targets: [{ Id: 't', Arn: DESTINATION, RoleArn: INVOKE_ROLE, InputTransformer: { InputPathsMap: { 'aws.events.rule-arn': '$.id' }, InputTemplate: '{}' } }],
        }),
      ),
    );
    expect(reserved).toBe('Input path map for target t contains reserved key aws.events.rule-arn.');
    const badKey = await validationMessage(
      eb.send(
        new PutTargetsCommand({
          Rule: 'r',
          Targets: [{ Id: 't', Arn: DESTINATION, RoleArn: INVOKE_ROLE, InputTransformer: { InputPathsMap: { 'a b': '$.id' }, InputTemplate: '{}' } }],
        }),
      ),
    );
    expect(badKey).toBe('Input path map for target t contains invalid key a b: use [A-Za-z0-9_-]+.');
  });

  it('connections validate description, enums and list filters', async () => {
    const eb = eventBridge(aws);
    expect(await validationMessage(eb.send(new UpdateConnectionCommand({ Name: 'c', Description: 'd'.repeat(513) })))).toMatch(
      /at 'description' failed to satisfy constraint: Member must have length less than or equal to 512$/,
    );
    expect(await validationMessage(eb.send(new ListConnectionsCommand({ ConnectionState: 'READY' as 'AUTHORIZED' })))).toMatch(
      /^1 validation error detected: Value 'READY' at 'connectionState' failed to satisfy constraint: Member must satisfy enum value set: \[CREATING, /,
    );
  });

  it('API destinations need an https endpoint; plain http only on loopback hosts', async () => {
    const refused = 'is not valid: use an https:// URL (http:// is accepted only for 127.0.0.1, localhost and ::1).';
    for (const endpoint of ['ftp://files.example.com/', 'http://example.com/hook', 'http://10.0.0.1/hook']) {
      const message = await validationMessage(
        eventBridge(aws).send(new CreateApiDestinationCommand({ Name: 'plain', ConnectionArn: connectionArn, InvocationEndpoint: endpoint, HttpMethod: 'POST' })),
      );
      expect(message).toBe(`InvocationEndpoint ${endpoint} ${refused}`);
    }
    let n = 0;
    for (const endpoint of ['https://example.com/hook', 'http://127.0.0.1:9/hook', 'http://localhost:9/hook']) {
      await eventBridge(aws).send(
        new CreateApiDestinationCommand({ Name: `allowed-${++n}`, ConnectionArn: connectionArn, InvocationEndpoint: endpoint, HttpMethod: 'POST' }),
      );
    }
    const update = await validationMessage(
      eventBridge(aws).send(new UpdateApiDestinationCommand({ Name: 'allowed-1', InvocationEndpoint: 'http://example.com/' })),
    );
    expect(update).toBe(`InvocationEndpoint http://example.com/ ${refused}`);
    const pattern = await validationMessage(
      eventBridge(aws).send(
        new CreateApiDestinationCommand({ Name: 'spaces', ConnectionArn: connectionArn, InvocationEndpoint: 'https://a b', HttpMethod: 'POST' }),
      ),
    );
    expect(pattern).toMatch(/^1 validation error detected: Value 'https:\/\/a b' at 'invocationEndpoint' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  });

  it('a NextToken this service did not issue is refused', async () => {
    expect(await validationMessage(eventBridge(aws).send(new ListEventBusesCommand({ NextToken: 'forged' })))).toBe(
      'The NextToken is not valid: pass the NextToken of the previous response unchanged.',
    );
  });

  it('TestEventPattern limits the pattern to 4096 characters', async () => {
    const event = JSON.stringify({ id: '1', account: '1', source: 'a', time: 't', region: 'r', 'detail-type': 'd' });
    const message = await validationMessage(
      eventBridge(aws).send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ a: ['x'.repeat(4100)] }), Event: event })),
    );
    expect(message).toMatch(/at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to 4096$/);
  });
});

describe('protocol errors (raw HTTP, with acceptAnyCredentials)', () => {
  it('an unknown X-Amz-Target gets UnknownOperationException', async () => {
    const res = await fetch(`${open.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutPartnerEvents' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });

  it('a body that is not JSON gets SerializationException', async () => {
    const res = await fetch(`${open.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.ListRules' },
      body: '{nope',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('SerializationException');
  });

  it('an unknown STS action gets InvalidAction as Query-protocol XML', async () => {
    const res = await fetch(`${open.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetFederationToken&Version=2011-06-15',
    });
    expect(res.status).toBe(400);
    const xml = await res.text();
    expect(xml).toContain('<Code>InvalidAction</Code>');
    expect(xml).toContain('<Message>Could not find operation GetFederationToken for version 2011-06-15</Message>');
  });
});
