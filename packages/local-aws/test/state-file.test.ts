import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { startLocalAws } from '../src/index.js';
import { eventBridge, INVOKE_ROLE, startForTest } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-aws-'));
  dirs.push(dir);
  return join(dir, 'state.json');
}

describe('state file', () => {
  it('keeps buses, rules, targets, connections and API destinations across a restart', async () => {
    const stateFile = tempFile();
    const first = await startForTest({ stateFile });
    const eb = eventBridge(first);
    await eb.send(new CreateEventBusCommand({ Name: 'kept' }));
    const connection = await eb.send(
      new CreateConnectionCommand({
        Name: 'kept-conn',
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'v' } },
      }),
    );
    const destination = await eb.send(
      new CreateApiDestinationCommand({
        Name: 'kept-dest',
        ConnectionArn: connection.ConnectionArn,
        InvocationEndpoint: 'https://app.example.com/',
        HttpMethod: 'POST',
      }),
    );
    await eb.send(new PutRuleCommand({ Name: 'kept-rule', EventBusName: 'kept', EventPattern: '{"source":["a"]}' }));
    await eb.send(
      new PutTargetsCommand({ Rule: 'kept-rule', EventBusName: 'kept', Targets: [{ Id: 't', Arn: destination.ApiDestinationArn, RoleArn: INVOKE_ROLE }] }),
    );
    await first.close();
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);

    const second = await startForTest({ stateFile });
    try {
      const eb2 = eventBridge(second);
      const targets = await eb2.send(new ListTargetsByRuleCommand({ Rule: 'kept-rule', EventBusName: 'kept' }));
      expect(targets.Targets).toEqual([{ Id: 't', Arn: destination.ApiDestinationArn, RoleArn: INVOKE_ROLE }]);
      expect((await eb2.send(new DescribeConnectionCommand({ Name: 'kept-conn' }))).ConnectionArn).toBe(connection.ConnectionArn);
      expect((await eb2.send(new DescribeApiDestinationCommand({ Name: 'kept-dest' }))).ApiDestinationState).toBe('ACTIVE');
    } finally {
      await second.close();
    }
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ version: 2, partitions: [expect.objectContaining({ region: 'us-east-1', accountId: '000000000000' })] });
  });

  it('refuses to start from a broken state file, saying what to do', async () => {
    const stateFile = tempFile();
    writeFileSync(stateFile, '{not json');
    await expect(startLocalAws({ port: 0, stateFile })).rejects.toThrow(/is not valid JSON .*fix or delete it/);
  });
});
