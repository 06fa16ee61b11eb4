import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { nextFireTime, parseSchedule } from '../src/events/schedule-expression.js';
import { eventBridge, INVOKE_ROLE, rejection, startEndpoint, startForTest, wireDestination, type TestEndpoint } from './helpers.js';

let offsetMs = 0;
let aws: LocalAws;
let app: TestEndpoint;
beforeAll(async () => {
  aws = await startForTest({ clock: () => Date.now() + offsetMs, scheduleTickMs: 50 });
  app = await startEndpoint();
});
afterAll(async () => {
  await aws.close();
  await app.close();
});

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('scheduled rules', () => {
  it('a rate rule sends an aws.events Scheduled Event to its targets once the period has passed', async () => {
    const wiring = await wireDestination(aws, `${app.url}/scheduled`, { pattern: { source: ['unused'] } });
    const eb = eventBridge(aws);
    await eb.send(new PutRuleCommand({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)' }));
    await eb.send(new PutTargetsCommand({ Rule: 'every-minute', Targets: [{ Id: 'app', Arn: wiring.destinationArn, RoleArn: INVOKE_ROLE }] }));
    await new Promise((r) => setTimeout(r, 150));
    expect(app.received.filter((r) => r.url === '/scheduled')).toHaveLength(0);

    offsetMs += 61_000;
    await waitFor(() => app.received.some((r) => r.url === '/scheduled'));
    await aws.idle();
    const event = JSON.parse(app.received.find((r) => r.url === '/scheduled')?.body ?? '{}') as Record<string, unknown>;
    expect(event).toMatchObject({
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      resources: [`arn:aws:events:us-east-1:000000000000:rule/every-minute`],
      detail: {},
    });
  });

  it('refuses rate expressions with the wrong unit number and cron with both day fields', async () => {
    const eb = eventBridge(aws);
    for (const expression of ['rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'cron(0 12 * * * *)', 'cron(0 12 * *)']) {
      const error = await rejection(eb.send(new PutRuleCommand({ Name: 'bad-schedule', ScheduleExpression: expression })));
      expect(error.message, expression).toBe('Parameter ScheduleExpression is not valid.');
    }
    await expect(eb.send(new PutRuleCommand({ Name: 'ok-schedule', ScheduleExpression: 'cron(0/15 8-17 ? * MON-FRI *)' }))).resolves.toBeDefined();
  });
});

describe('schedule expressions', () => {
  const at = (iso: string): number => Date.parse(iso);

  it('computes the next cron time in UTC, with names, ranges, steps and ?', () => {
    const weekdays = parseSchedule('cron(0/15 8-17 ? * MON-FRI *)');
    if (!weekdays) throw new Error('expected a valid schedule');
    // Friday 17:50 → next is Monday 08:00
    expect(new Date(nextFireTime(weekdays, at('2026-11-27T17:50:00Z'), 0) ?? 0).toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(new Date(nextFireTime(weekdays, at('2026-11-30T08:00:00Z'), 0) ?? 0).toISOString()).toBe('2026-11-30T08:15:00.000Z');
    const monthly = parseSchedule('cron(30 6 1 JAN,JUL ? 2027)');
    if (!monthly) throw new Error('expected a valid schedule');
    expect(new Date(nextFireTime(monthly, at('2026-11-29T00:00:00Z'), 0) ?? 0).toISOString()).toBe('2027-01-01T06:30:00.000Z');
  });

  it('counts rate periods from the anchor', () => {
    const fiveMinutes = parseSchedule('rate(5 minutes)');
    if (!fiveMinutes) throw new Error('expected a valid schedule');
    expect(nextFireTime(fiveMinutes, 1000, 0)).toBe(300_000);
    expect(nextFireTime(fiveMinutes, 300_000, 0)).toBe(600_000);
  });
});
