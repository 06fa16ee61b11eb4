import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateEventBusCommand,
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  InvalidEventPatternException,
  ListRulesCommand,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { ACCOUNT, eventBridge, REGION, rejection, startForTest } from './helpers.js';

const PATTERN = JSON.stringify({ source: ['com.example.shop'] });

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest();
  await eventBridge(aws).send(new CreateEventBusCommand({ Name: 'shop' }));
});
afterAll(async () => aws.close());

describe('rules', () => {
  it('puts and describes a rule on the default bus', async () => {
    const eb = eventBridge(aws);
    const put = await eb.send(new PutRuleCommand({ Name: 'on-default', EventPattern: PATTERN, Description: 'shop events' }));
    expect(put.RuleArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:rule/on-default`);
    const described = await eb.send(new DescribeRuleCommand({ Name: 'on-default' }));
    expect(described).toMatchObject({
      Name: 'on-default',
      Arn: put.RuleArn,
      EventPattern: PATTERN,
      State: 'ENABLED',
      Description: 'shop events',
      EventBusName: 'default',
      CreatedBy: ACCOUNT,
    });
  });

  it('names the bus in the ARN of a rule on a custom bus, addressed by bus ARN too', async () => {
    const eb = eventBridge(aws);
    const busArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/shop`;
    const put = await eb.send(new PutRuleCommand({ Name: 'orders', EventBusName: busArn, EventPattern: PATTERN }));
    expect(put.RuleArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:rule/shop/orders`);
    const described = await eb.send(new DescribeRuleCommand({ Name: 'orders', EventBusName: 'shop' }));
    expect(described.EventBusName).toBe('shop');
  });

  it('replaces a rule wholesale on a second PutRule', async () => {
    const eb = eventBridge(aws);
    await eb.send(new PutRuleCommand({ Name: 'replaced', EventPattern: PATTERN, Description: 'first' }));
    await eb.send(new PutRuleCommand({ Name: 'replaced', EventPattern: PATTERN, State: 'DISABLED' }));
    const described = await eb.send(new DescribeRuleCommand({ Name: 'replaced' }));
    expect(described.State).toBe('DISABLED');
    expect(described.Description).toBeUndefined();
  });

  it('lists rules by bus and prefix, and enables and disables them', async () => {
    const eb = eventBridge(aws);
    await eb.send(new PutRuleCommand({ Name: 'list-b', EventBusName: 'shop', EventPattern: PATTERN }));
    await eb.send(new PutRuleCommand({ Name: 'list-a', EventBusName: 'shop', EventPattern: PATTERN }));
    await eb.send(new DisableRuleCommand({ Name: 'list-a', EventBusName: 'shop' }));
    const listed = await eb.send(new ListRulesCommand({ EventBusName: 'shop', NamePrefix: 'list-' }));
    expect(listed.Rules?.map((r) => [r.Name, r.State])).toEqual([
      ['list-a', 'DISABLED'],
      ['list-b', 'ENABLED'],
    ]);
    await eb.send(new EnableRuleCommand({ Name: 'list-a', EventBusName: 'shop' }));
    const described = await eb.send(new DescribeRuleCommand({ Name: 'list-a', EventBusName: 'shop' }));
    expect(described.State).toBe('ENABLED');
  });

  it('deletes a rule, and deleting it again succeeds', async () => {
    const eb = eventBridge(aws);
    await eb.send(new PutRuleCommand({ Name: 'doomed', EventPattern: PATTERN }));
    await eb.send(new DeleteRuleCommand({ Name: 'doomed' }));
    await eb.send(new DeleteRuleCommand({ Name: 'doomed' }));
    const error = await rejection(eb.send(new DescribeRuleCommand({ Name: 'doomed' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe('Rule doomed does not exist on EventBus default.');
  });

  it("refuses to delete a rule that still has targets", async () => {
    const eb = eventBridge(aws);
    await eb.send(new PutRuleCommand({ Name: 'has-targets', EventPattern: PATTERN }));
    await eb.send(
      new PutTargetsCommand({ Rule: 'has-targets', Targets: [{ Id: 't1', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }] }),
    );
    const error = await rejection(eb.send(new DeleteRuleCommand({ Name: 'has-targets' })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe("Rule can't be deleted since it has targets.");
  });

  it('rejects an invalid pattern with InvalidEventPatternException', async () => {
    const error = await rejection(
      eventBridge(aws).send(new PutRuleCommand({ Name: 'bad', EventPattern: JSON.stringify({ source: 'x' }) })),
    );
    expect(error).toBeInstanceOf(InvalidEventPatternException);
    expect(error.message).toBe('Event pattern is not valid. Reason: "source" must be an object or an array');
  });

  it('needs a pattern or a schedule, and schedules only on the default bus', async () => {
    const eb = eventBridge(aws);
    const neither = await rejection(eb.send(new PutRuleCommand({ Name: 'empty' })));
    expect(neither.name).toBe('ValidationException');
    expect(neither.message).toBe('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    const custom = await rejection(
      eb.send(new PutRuleCommand({ Name: 'sched', EventBusName: 'shop', ScheduleExpression: 'rate(5 minutes)' })),
    );
    expect(custom.message).toBe('ScheduleExpression is supported only on the default event bus.');
    const badSchedule = await rejection(eb.send(new PutRuleCommand({ Name: 'sched', ScheduleExpression: 'every day' })));
    expect(badSchedule.message).toBe('Parameter ScheduleExpression is not valid.');
    await expect(eb.send(new PutRuleCommand({ Name: 'sched', ScheduleExpression: 'rate(5 minutes)' }))).resolves.toBeDefined();
  });

  it('reports every broken constraint of a rule in one ValidationException', async () => {
    const name = `${'x'.repeat(64)}!`;
    const error = await rejection(
      eventBridge(aws).send(new PutRuleCommand({ Name: name, EventPattern: PATTERN, State: 'ON' as 'ENABLED' })),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      `3 validation errors detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; ` +
        `Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64; ` +
        "Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]",
    );
  });

  it('fails on a missing bus and on enabling a missing rule', async () => {
    const eb = eventBridge(aws);
    const noBus = await rejection(eb.send(new PutRuleCommand({ Name: 'r', EventBusName: 'nope', EventPattern: PATTERN })));
    expect(noBus).toBeInstanceOf(ResourceNotFoundException);
    expect(noBus.message).toBe('Event bus nope does not exist.');
    const noRule = await rejection(eb.send(new EnableRuleCommand({ Name: 'ghost' })));
    expect(noRule.message).toBe('Rule ghost does not exist on EventBus default.');
  });
});
