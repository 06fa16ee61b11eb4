import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeRuleCommand, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { nextFireTime, parseSchedule } from '../src/events/schedule-expression.js';
import type { LocalAws } from '../src/index.js';
import { eventBridge, rejection, startForTest } from './helpers.js';

interface ValidityCase {
  readonly expression: string;
  readonly valid: boolean;
  readonly source: string;
}
interface FireCase {
  readonly expression: string;
  readonly after: string;
  readonly next: readonly string[];
  readonly source: string;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/schedule-expressions.json', import.meta.url), 'utf8')) as {
  validity: ValidityCase[];
  fireTimes: FireCase[];
};

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest();
});
afterAll(async () => aws.close());

describe('schedule expressions AWS accepts and refuses (PutRule through the SDK)', () => {
  let n = 0;
  it.each(fixture.validity)('$expression → valid: $valid', async ({ expression, valid }) => {
    const name = `schedule-${++n}`;
    const put = eventBridge(aws).send(new PutRuleCommand({ Name: name, ScheduleExpression: expression }));
    if (valid) {
      await put;
      expect((await eventBridge(aws).send(new DescribeRuleCommand({ Name: name }))).ScheduleExpression).toBe(expression);
    } else {
      const error = await rejection(put);
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe('Parameter ScheduleExpression is not valid.');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
  });
});

describe('when cron expressions fire, including L, W and #', () => {
  it.each(fixture.fireTimes)('$expression after $after', ({ expression, after, next }) => {
    const schedule = parseSchedule(expression);
    expect(schedule).toBeDefined();
    let at = Date.parse(after);
    const fired: string[] = [];
    for (let i = 0; i < next.length; i++) {
      const t = nextFireTime(schedule!, at, at);
      expect(t).toBeDefined();
      fired.push(new Date(t!).toISOString().replace('.000Z', 'Z'));
      at = t!;
    }
    expect(fired).toEqual(next);
  });

  it('a schedule whose years are over never fires again', () => {
    expect(nextFireTime(parseSchedule('cron(0 12 * * ? 2005)')!, Date.parse('2006-01-01T00:00:00Z'), 0)).toBeUndefined();
  });
});
