import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateEventBusCommand,
  DescribeEventBusCommand,
  EventBridgeClient,
  ListRulesCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { LocalAws } from '../src/index.js';
import { INVOKE_ROLE, rejection, startEndpoint, startForTest, sts, type TestEndpoint } from './helpers.js';

function client(aws: LocalAws, region: string, accessKeyId = 'test', secretAccessKey = 'test', sessionToken?: string) {
  return new EventBridgeClient({
    region,
    endpoint: aws.url,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    maxAttempts: 1,
  });
}

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest({ credentials: [{ accessKeyId: 'test', secretAccessKey: 'test' }, { accessKeyId: '111122223333', secretAccessKey: 'test' }] });
});
afterAll(async () => aws.close());

describe('state per account and region', () => {
  it('a rule created in one region is invisible in another, and ARNs carry the region', async () => {
    const useast = client(aws, 'us-east-1');
    const eu = client(aws, 'eu-central-1');
    const created = await eu.send(new PutRuleCommand({ Name: 'only-in-frankfurt', EventPattern: '{"source":["a"]}' }));
    expect(created.RuleArn).toBe('arn:aws:events:eu-central-1:000000000000:rule/only-in-frankfurt');
    const inEu = await eu.send(new ListRulesCommand({ NamePrefix: 'only-in' }));
    const inUs = await useast.send(new ListRulesCommand({ NamePrefix: 'only-in' }));
    expect(inEu.Rules?.map((r) => r.Name)).toEqual(['only-in-frankfurt']);
    expect(inUs.Rules).toEqual([]);
    const bus = await eu.send(new DescribeEventBusCommand({}));
    expect(bus.Arn).toBe('arn:aws:events:eu-central-1:000000000000:event-bus/default');
  });

  it('PutEvents in eu-central-1 never matches a rule in us-east-1', async () => {
    const endpoint: TestEndpoint = await startEndpoint();
    try {
      const useast = client(aws, 'us-east-1');
      const { CreateConnectionCommand, CreateApiDestinationCommand } = await import('@aws-sdk/client-eventbridge');
      const connection = await useast.send(
        new CreateConnectionCommand({
          Name: 'region-conn',
          AuthorizationType: 'API_KEY',
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'v' } },
        }),
      );
      const destination = await useast.send(
        new CreateApiDestinationCommand({
          Name: 'region-dest',
          ConnectionArn: connection.ConnectionArn,
          InvocationEndpoint: endpoint.url,
          HttpMethod: 'POST',
        }),
      );
      await useast.send(new PutRuleCommand({ Name: 'us-rule', EventPattern: '{"source":["region.test"]}' }));
      await useast.send(
        new PutTargetsCommand({ Rule: 'us-rule', Targets: [{ Id: 't', Arn: destination.ApiDestinationArn, RoleArn: INVOKE_ROLE }] }),
      );
      const entry = { Source: 'region.test', DetailType: 'd', Detail: '{}' };
      await client(aws, 'eu-central-1').send(new PutEventsCommand({ Entries: [entry] }));
      await aws.idle();
      expect(endpoint.received).toHaveLength(0);
      await useast.send(new PutEventsCommand({ Entries: [entry] }));
      await aws.idle();
      expect(endpoint.received).toHaveLength(1);
      expect(JSON.parse(endpoint.received[0]!.body)).toMatchObject({ region: 'us-east-1', account: '000000000000' });
    } finally {
      await endpoint.close();
    }
  });

  it('a 12-digit access key id works in the account it names', async () => {
    const other = client(aws, 'us-east-1', '111122223333');
    await other.send(new CreateEventBusCommand({ Name: 'in-other-account' }));
    const bus = await other.send(new DescribeEventBusCommand({ Name: 'in-other-account' }));
    expect(bus.Arn).toBe('arn:aws:events:us-east-1:111122223333:event-bus/in-other-account');
    const error = await rejection(client(aws, 'us-east-1').send(new DescribeEventBusCommand({ Name: 'in-other-account' })));
    expect(error.name).toBe('ResourceNotFoundException');
  });

  it('STS-issued keys keep the account of the role they assumed', async () => {
    const out = await sts(aws).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/Events', RoleSessionName: 'session-1' }));
    const c = out.Credentials!;
    const assumed = client(aws, 'us-west-2', c.AccessKeyId!, c.SecretAccessKey!, c.SessionToken!);
    const rule = await assumed.send(new PutRuleCommand({ Name: 'assumed-rule', ScheduleExpression: 'rate(1 day)' }));
    expect(rule.RuleArn).toBe('arn:aws:events:us-west-2:444455556666:rule/assumed-rule');
  });

  it('refuses a credential scope whose region is not a region name', async () => {
    const error = await rejection(client(aws, 'local').send(new ListRulesCommand({})));
    expect(error.name).toBe('UnrecognizedClientException');
  });
});

describe('state file migration', () => {
  it('loads a version 1 file into the configured region and account and saves version 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-aws-'));
    try {
      const stateFile = join(dir, 'state.json');
      const arn = 'arn:aws:events:eu-west-1:123456789012:event-bus/legacy';
      writeFileSync(
        stateFile,
        JSON.stringify({ version: 1, buses: [{ name: 'legacy', arn, creationTime: 1, lastModifiedTime: 1 }], rules: [] }),
      );
      const restarted = await startForTest({ stateFile, region: 'eu-west-1', accountId: '123456789012' });
      try {
        const eb = client(restarted, 'eu-west-1');
        expect((await eb.send(new DescribeEventBusCommand({ Name: 'legacy' }))).Arn).toBe(arn);
        await eb.send(new CreateEventBusCommand({ Name: 'new-one' }));
        const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { version: number; partitions: Array<{ region: string; accountId: string; buses: Array<{ name: string }> }> };
        expect(saved.version).toBe(2);
        const partition = saved.partitions.find((p) => p.region === 'eu-west-1' && p.accountId === '123456789012');
        expect(partition?.buses.map((b) => b.name).sort()).toEqual(['default', 'legacy', 'new-one']);
      } finally {
        await restarted.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
