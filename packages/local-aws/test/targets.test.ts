import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LimitExceededException,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceNotFoundException,
  type Target,
} from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { eventBridge, INVOKE_ROLE, rejection, startForTest } from './helpers.js';

const DESTINATION = 'arn:aws:events:us-east-1:000000000000:api-destination/app/8d1c4c6e-0000-4000-8000-000000000000';

let aws: LocalAws;
let ruleCounter = 0;
async function newRule(): Promise<string> {
  const name = `rule-${++ruleCounter}`;
  await eventBridge(aws).send(new PutRuleCommand({ Name: name, EventPattern: '{"source":["app"]}' }));
  return name;
}

beforeAll(async () => {
  aws = await startForTest();
});
afterAll(async () => aws.close());

describe('targets', () => {
  it('puts, lists (as stored), updates by Id and removes targets', async () => {
    const eb = eventBridge(aws);
    const rule = await newRule();
    const target: Target = {
      Id: 'app',
      Arn: DESTINATION,
      RoleArn: INVOKE_ROLE,
      HttpParameters: { HeaderParameters: { 'x-tenant': 'acme' } },
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 120 },
    };
    const put = await eb.send(new PutTargetsCommand({ Rule: rule, Targets: [target] }));
    expect(put).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: rule }))).Targets).toEqual([target]);

    await eb.send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: 'app', Arn: DESTINATION, RoleArn: INVOKE_ROLE, Input: '{"a":1}' }] }));
    const updated = await eb.send(new ListTargetsByRuleCommand({ Rule: rule }));
    expect(updated.Targets).toEqual([{ Id: 'app', Arn: DESTINATION, RoleArn: INVOKE_ROLE, Input: '{"a":1}' }]);

    const removed = await eb.send(new RemoveTargetsCommand({ Rule: rule, Ids: ['app'] }));
    expect(removed.FailedEntryCount).toBe(0);
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: rule }))).Targets).toEqual([]);
  });

  it('allows five targets per rule and refuses the sixth with LimitExceededException', async () => {
    const eb = eventBridge(aws);
    const rule = await newRule();
    const five = [1, 2, 3, 4, 5].map((i) => ({ Id: `t${i}`, Arn: DESTINATION, RoleArn: INVOKE_ROLE }));
    await eb.send(new PutTargetsCommand({ Rule: rule, Targets: five }));
    const error = await rejection(eb.send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: 't6', Arn: DESTINATION, RoleArn: INVOKE_ROLE }] })));
    expect(error).toBeInstanceOf(LimitExceededException);
    expect(error.message).toBe('The requested resource exceeds the maximum number allowed.');
  });

  it('refuses two of Input, InputPath and InputTransformer on one target', async () => {
    const rule = await newRule();
    const error = await rejection(
      eventBridge(aws).send(
        new PutTargetsCommand({ Rule: rule, Targets: [{ Id: 'both', Arn: DESTINATION, RoleArn: INVOKE_ROLE, Input: '{}', InputPath: '$.detail' }] }),
      ),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Only one of Input, InputPath, or InputTransformer must be provided for target both.');
  });

  it('refuses a template placeholder that is neither mapped nor reserved', async () => {
    const rule = await newRule();
    const error = await rejection(
      eventBridge(aws).send(
        new PutTargetsCommand({
          Rule: rule,
          Targets: [
            {
              Id: 'tmpl',
              Arn: DESTINATION,
              RoleArn: INVOKE_ROLE,
              InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"id": <id>, "who": <missing>}' },
            },
          ],
        }),
      ),
    );
    expect(error.message).toBe('InputTemplate for target tmpl contains invalid placeholder missing.');
  });

  it('validates target members with their model paths', async () => {
    const rule = await newRule();
    const error = await rejection(
      eventBridge(aws).send(
        new PutTargetsCommand({
          Rule: rule,
          Targets: [{ Id: 'bad id', Arn: DESTINATION, RoleArn: INVOKE_ROLE, RetryPolicy: { MaximumRetryAttempts: 186, MaximumEventAgeInSeconds: 30 } }],
        }),
      ),
    );
    expect(error.message).toBe(
      "3 validation errors detected: Value 'bad id' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; " +
        "Value '186' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185; " +
        "Value '30' at 'targets.1.member.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60",
    );
  });

  it('refuses more than 100 targets in one call (the model’s limit) and more than five on a rule', async () => {
    const rule = await newRule();
    const targets = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `t${i}`, Arn: DESTINATION, RoleArn: INVOKE_ROLE }));
    const tooMany = await rejection(eventBridge(aws).send(new PutTargetsCommand({ Rule: rule, Targets: targets(101) })));
    expect(tooMany.name).toBe('ValidationException');
    expect(tooMany.message).toMatch(
      /^1 validation error detected: Value '\[Target\(id=t0, arn=.*\)\]' at 'targets' failed to satisfy constraint: Member must have length less than or equal to 100$/,
    );
    const eleven = await rejection(eventBridge(aws).send(new PutTargetsCommand({ Rule: rule, Targets: targets(11) })));
    expect(eleven.name).toBe('LimitExceededException');
  });

  it('requires a RoleArn for an API destination target', async () => {
    const rule = await newRule();
    const error = await rejection(eventBridge(aws).send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: 'no-role', Arn: DESTINATION }] })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(`RoleArn is required for target ${DESTINATION}.`);
  });

  it('fails on a missing rule', async () => {
    const eb = eventBridge(aws);
    const put = await rejection(eb.send(new PutTargetsCommand({ Rule: 'ghost', Targets: [{ Id: 'a', Arn: DESTINATION, RoleArn: INVOKE_ROLE }] })));
    expect(put).toBeInstanceOf(ResourceNotFoundException);
    expect(put.message).toBe('Rule ghost does not exist on EventBus default.');
    const list = await rejection(eb.send(new ListTargetsByRuleCommand({ Rule: 'ghost' })));
    expect(list).toBeInstanceOf(ResourceNotFoundException);
    const remove = await rejection(eb.send(new RemoveTargetsCommand({ Rule: 'ghost', Ids: ['a'] })));
    expect(remove).toBeInstanceOf(ResourceNotFoundException);
  });
});
