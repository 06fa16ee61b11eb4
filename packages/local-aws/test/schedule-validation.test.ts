import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutRuleCommand } from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { eventBridge, rejection, startForTest } from './helpers.js';

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest();
});
afterAll(async () => aws.close());

describe('schedule expression validation', () => {
  it.each([' rate(5 minutes)', 'rate(5 minutes) ', ' cron(0 12 * * ? *)'])('refuses %j: whitespace around the expression is invalid', async (expression) => {
    const error = await rejection(eventBridge(aws).send(new PutRuleCommand({ Name: 'spaced', ScheduleExpression: expression })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Parameter ScheduleExpression is not valid.');
  });

  it('accepts the same expressions without the surrounding space', async () => {
    await eventBridge(aws).send(new PutRuleCommand({ Name: 'rate-ok', ScheduleExpression: 'rate(5 minutes)' }));
    await eventBridge(aws).send(new PutRuleCommand({ Name: 'cron-ok', ScheduleExpression: 'cron(0 12 * * ? *)' }));
  });
});
