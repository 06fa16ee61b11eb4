import { randomUUID } from 'node:crypto';
import type { Partition } from './account-regions.js';
import type { EventsContext } from './events-context.js';
import type { EventEnvelope, RuleRecord } from './model.js';
import { nextFireTime, parseSchedule, type Schedule } from './schedule-expression.js';
import { isoSeconds } from '../time-format.js';

interface Planned {
  readonly expression: string;
  readonly schedule: Schedule;
  readonly anchor: number;
  nextAt: number | undefined;
}

/**
 * Fires enabled scheduled rules: on each tick, every rule whose next fire time has passed sends an
 * `aws.events` "Scheduled Event" to its targets, as EventBridge does. A rule that fell behind fires once,
 * not once per missed period.
 */
export class RuleScheduler {
  private readonly planned = new Map<string, Planned>();

  constructor(
    private readonly ctx: Pick<EventsContext, 'now' | 'deliver'> & { readonly partitions: () => Partition[] },
  ) {}

  /** Checks every scheduled rule against the clock; call it periodically. */
  tick(): void {
    const now = this.ctx.now();
    const live = new Set<string>();
    for (const { state, scope } of this.ctx.partitions()) this.tickPartition(state.rulesOn('default'), scope, now, live);
    for (const arn of this.planned.keys()) if (!live.has(arn)) this.planned.delete(arn);
  }

  private tickPartition(rules: RuleRecord[], scope: Partition['scope'], now: number, live: Set<string>): void {
    for (const rule of rules) {
      if (rule.scheduleExpression === undefined || rule.state === 'DISABLED') continue;
      live.add(rule.arn);
      let plan = this.planned.get(rule.arn);
      if (!plan || plan.expression !== rule.scheduleExpression) {
        const schedule = parseSchedule(rule.scheduleExpression);
        if (!schedule) continue;
        plan = { expression: rule.scheduleExpression, schedule, anchor: now, nextAt: nextFireTime(schedule, now, now) };
        this.planned.set(rule.arn, plan);
      }
      if (plan.nextAt !== undefined && now >= plan.nextAt) {
        this.fire(rule, scope, now);
        plan.nextAt = nextFireTime(plan.schedule, now, plan.anchor);
      }
    }
  }

  private fire(rule: RuleRecord, scope: Partition['scope'], now: number): void {
    const event: EventEnvelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: scope.accountId,
      time: isoSeconds(now),
      region: scope.region,
      resources: [rule.arn],
      detail: {},
    };
    for (const target of rule.targets) this.ctx.deliver({ event, rule, target, ingestedAt: now });
  }
}
