import { afterAll, beforeAll, expect, it } from 'vitest';
import { ListEventBusesCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { LocalAws } from '../src/index.js';
import { eventBridge, startForTest, sts } from './helpers.js';

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest();
});
afterAll(async () => aws.close());

it('smoke', async () => {
  const out = await eventBridge(aws).send(new ListEventBusesCommand({}));
  expect(out.EventBuses?.[0]?.Name).toBe('default');
  const put = await eventBridge(aws).send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }));
  expect(put.FailedEntryCount).toBe(0);
  const id = await sts(aws).send(new GetCallerIdentityCommand({}));
  expect(id.Account).toBe('000000000000');
});
