import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateEventBusCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { eventBridge, INVOKE_ROLE, rejection, startEndpoint, startForTest, wireDestination, type TestEndpoint } from './helpers.js';

let aws: LocalAws;
let endpoint: TestEndpoint;
beforeAll(async () => {
  aws = await startForTest();
  endpoint = await startEndpoint();
});
afterAll(async () => {
  await aws.close();
  await endpoint.close();
});

const entry = (overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
  Source: 'com.example.shop',
  DetailType: 'OrderPlaced',
  Detail: JSON.stringify({ orderId: 'o-1' }),
  ...overrides,
});

describe('PutEvents', () => {
  it('answers one EventId per entry, in order', async () => {
    const out = await eventBridge(aws).send(new PutEventsCommand({ Entries: [entry(), entry(), entry()] }));
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries).toHaveLength(3);
    for (const e of out.Entries ?? []) expect(e.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(out.Entries?.map((e) => e.EventId)).size).toBe(3);
  });

  it('reports missing and malformed members per entry, not as an exception', async () => {
    const out = await eventBridge(aws).send(
      new PutEventsCommand({
        Entries: [
          entry({ Source: undefined }),
          entry({ DetailType: undefined }),
          entry({ Detail: undefined }),
          entry({ Detail: '"just a string"' }),
          entry({ Detail: '[1,2]' }),
          entry({ Detail: '{broken' }),
          entry(),
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(6);
    expect(out.Entries).toEqual([
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { EventId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    ]);
  });

  it('gives an EventId to an entry for a bus that does not exist', async () => {
    const out = await eventBridge(aws).send(new PutEventsCommand({ Entries: [entry({ EventBusName: 'no-such-bus' })] }));
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries?.[0]?.EventId).toBeDefined();
  });

  it('refuses more than ten entries', async () => {
    const error = await rejection(eventBridge(aws).send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry()) })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/^1 validation error detected: Value '.*' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/);
  });

  it('refuses a request whose entries reach 256 KB', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(130 * 1024) });
    const error = await rejection(eventBridge(aws).send(new PutEventsCommand({ Entries: [entry({ Detail: big }), entry({ Detail: big })] })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Total size of the entries in the request is over the limit.');
    const fits = await eventBridge(aws).send(new PutEventsCommand({ Entries: [entry({ Detail: big })] }));
    expect(fits.FailedEntryCount).toBe(0);
  });

  it('delivers the AWS envelope, with the entry Time, to a matching rule target', async () => {
    const wiring = await wireDestination(aws, `${endpoint.url}/events`, { pattern: { source: ['envelope.test'] } });
    const out = await eventBridge(aws).send(
      new PutEventsCommand({
        Entries: [
          entry({
            Source: 'envelope.test',
            Time: new Date('2026-01-15T12:00:00.750Z'),
            Resources: ['arn:aws:ec2:us-east-1:000000000000:instance/i-1'],
          }),
        ],
      }),
    );
    await aws.idle();
    const received = endpoint.received.find((r) => r.body.includes('envelope.test'));
    expect(received).toBeDefined();
    const body = received?.body ?? '';
    expect(Object.keys(JSON.parse(body))).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    expect(JSON.parse(body)).toEqual({
      version: '0',
      id: out.Entries?.[0]?.EventId,
      'detail-type': 'OrderPlaced',
      source: 'envelope.test',
      account: aws.accountId,
      time: '2026-01-15T12:00:00Z',
      region: aws.region,
      resources: ['arn:aws:ec2:us-east-1:000000000000:instance/i-1'],
      detail: { orderId: 'o-1' },
    });
    const record = aws.deliveries().find((d) => d.eventId === out.Entries?.[0]?.EventId);
    expect(record).toMatchObject({ status: 'delivered', ruleArn: wiring.ruleArn, targetId: 'app' });
  });

  it('routes an entry addressed by bus ARN to the rules of that bus only', async () => {
    const eb = eventBridge(aws);
    const bus = await eb.send(new CreateEventBusCommand({ Name: 'routing' }));
    const wiring = await wireDestination(aws, `${endpoint.url}/default-bus`, { pattern: { source: ['bus.routing'] } });
    await eb.send(new PutRuleCommand({ Name: 'on-routing', EventBusName: 'routing', EventPattern: JSON.stringify({ source: ['bus.routing'] }) }));
    await eb.send(
      new PutTargetsCommand({ Rule: 'on-routing', EventBusName: 'routing', Targets: [{ Id: 'app', Arn: wiring.destinationArn, RoleArn: INVOKE_ROLE, Input: '{"bus":"routing"}' }] }),
    );
    await eb.send(new PutEventsCommand({ Entries: [entry({ Source: 'bus.routing', EventBusName: bus.EventBusArn })] }));
    await aws.idle();
    const bodies = endpoint.received.filter((r) => r.url === '/default-bus').map((r) => r.body);
    expect(bodies).toEqual(['{"bus":"routing"}']);
  });
});
