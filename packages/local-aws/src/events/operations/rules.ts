import { AwsServiceError, validationError } from '../../aws-error.js';
import { busNameFromNameOrArn, ruleArn } from '../arns.js';
import type { EventsContext } from '../events-context.js';
import type { JsonObject, RuleRecord, RuleState } from '../model.js';
import { paginate } from '../pagination.js';
import { compileEventPattern } from '../pattern-matcher.js';
import { parseSchedule } from '../schedule-expression.js';
import type { RequestInput } from '../request-input.js';
import { requireBus } from './event-buses.js';

/** Looks up a rule on a bus, failing with AWS's ResourceNotFoundException text. */
export function requireRule(ctx: EventsContext, ruleName: string, busNameOrArn: string | undefined): RuleRecord {
  const busName = busNameFromNameOrArn(busNameOrArn);
  const rule = ctx.state.getRule(busName, ruleName);
  if (!rule) throw new AwsServiceError('ResourceNotFoundException', `Rule ${ruleName} does not exist on EventBus ${busName}.`);
  return rule;
}

/** Validates the `Name` + `EventBusName` pair most rule operations take. */
export function readRuleRef(input: RequestInput, nameMember = 'Name'): { name: string; bus: string | undefined } {
  const name = input.string(nameMember);
  const bus = input.string('EventBusName');
  return { name: name ?? '', bus };
}

function describe(rule: RuleRecord): JsonObject {
  const out: JsonObject = { Name: rule.name, Arn: rule.arn };
  if (rule.eventPattern !== undefined) out.EventPattern = rule.eventPattern;
  if (rule.scheduleExpression !== undefined) out.ScheduleExpression = rule.scheduleExpression;
  out.State = rule.state;
  if (rule.description !== undefined) out.Description = rule.description;
  if (rule.roleArn !== undefined) out.RoleArn = rule.roleArn;
  out.EventBusName = rule.eventBusName;
  return out;
}

export function putRule(input: RequestInput, ctx: EventsContext): JsonObject {
  const name = input.string('Name');
  const eventPattern = input.string('EventPattern');
  const schedule = input.string('ScheduleExpression');
  const state = input.string('State');
  const description = input.string('Description');
  const roleArn = input.string('RoleArn');
  const busParam = input.string('EventBusName');


  const bus = requireBus(ctx, busParam);
  if (eventPattern === undefined && schedule === undefined) {
    throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  if (schedule !== undefined) {
    if (bus.name !== 'default') throw validationError('ScheduleExpression is supported only on the default event bus.');
    if (!parseSchedule(schedule)) throw validationError('Parameter ScheduleExpression is not valid.');
  }
  if (eventPattern !== undefined) compileEventPattern(eventPattern);

  const ruleName = name ?? '';
  const previous = ctx.state.getRule(bus.name, ruleName);
  // PutRule replaces the rule wholesale but keeps its targets, as AWS does.
  const rule: RuleRecord = {
    name: ruleName,
    arn: ruleArn(ctx.scope, bus.name, ruleName),
    eventBusName: bus.name,
    state: (state as RuleState | undefined) ?? 'ENABLED',
    createdBy: previous?.createdBy ?? ctx.callerAccountId,
    targets: previous?.targets ?? [],
  };
  if (eventPattern !== undefined) rule.eventPattern = eventPattern;
  if (schedule !== undefined) rule.scheduleExpression = schedule;
  if (description !== undefined) rule.description = description;
  if (roleArn !== undefined) rule.roleArn = roleArn;
  ctx.state.putRule(rule);
  return { RuleArn: rule.arn };
}

export function describeRule(input: RequestInput, ctx: EventsContext): JsonObject {
  const ref = readRuleRef(input);
  const rule = requireRule(ctx, ref.name, ref.bus);
  return { ...describe(rule), CreatedBy: rule.createdBy };
}

export function listRules(input: RequestInput, ctx: EventsContext): JsonObject {
  const prefix = input.string('NamePrefix');
  const busParam = input.string('EventBusName');
  const bus = requireBus(ctx, busParam);
  const all = ctx.state
    .rulesOn(bus.name)
    .filter((r) => prefix === undefined || r.name.startsWith(prefix))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const page = paginate(all, input);
  const out: JsonObject = { Rules: page.items.map(describe) };
  if (page.nextToken) out.NextToken = page.nextToken;
  return out;
}

function setState(input: RequestInput, ctx: EventsContext, state: RuleState): JsonObject {
  const ref = readRuleRef(input);
  requireRule(ctx, ref.name, ref.bus).state = state;
  return {};
}

export function enableRule(input: RequestInput, ctx: EventsContext): JsonObject {
  return setState(input, ctx, 'ENABLED');
}

export function disableRule(input: RequestInput, ctx: EventsContext): JsonObject {
  return setState(input, ctx, 'DISABLED');
}

export function deleteRule(input: RequestInput, ctx: EventsContext): JsonObject {
  const ref = readRuleRef(input);
  const busName = busNameFromNameOrArn(ref.bus);
  const rule = ctx.state.getRule(busName, ref.name);
  if (!rule) return {}; // deleting a rule that is gone succeeds, as in AWS
  if (rule.targets.length > 0) throw validationError("Rule can't be deleted since it has targets.");
  ctx.state.deleteRule(busName, ref.name);
  return {};
}
