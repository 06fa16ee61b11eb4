/**
 * `eventbridge.RouteEventsToApp`: ensures a rule on a bus matches the given detail-types (and sources) and
 * targets the app's API destination with the given role, so the whole loop is set up from flows. Compares
 * before writing: a repeat run makes no PutRule or PutTargets call.
 */
import { DescribeApiDestinationCommand, DescribeRuleCommand, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { describe, invalidInput, isBlank, optionalString, requiredString } from '@flowbridge/connector-aws-auth';
import { FlowError, defineActivity, type ActivityContext } from '@flowbridge/runtime';
import { eventBridgeFor } from './client.js';
import { EVENT_BUS_NAME, RESOURCE_NAME } from './definitions/names.js';
import { unlessNotFound } from './not-found.js';
import { resourceName } from './resource-names.js';
import { eventPatternOf } from './definitions/route-events-pattern.js';
import { routeEventsToApp as definition } from './definitions/route-events-to-app.js';

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/;
const API_DESTINATION_ARN = /^arn:aws[\w-]*:events:[\w-]+:\d{12}:api-destination\/[.\-_A-Za-z0-9]+(\/[\w-]+)?$/;

/** An EventRoute value, as flows see it. */
export interface EventRouteValue {
  RuleArn: string;
  TargetId: string;
  ApiDestinationArn: string;
  EventPattern: string;
  Changed: boolean;
}

/** Ensures the rule and its target; see the module comment. */
export const routeEventsToApp = defineActivity(definition, async (ctx) => {
  const eventBridge = await eventBridgeFor(ctx);
  const bus = (await optionalString(ctx, 'eventBusName', 'Event bus')) ?? 'default';
  if (!EVENT_BUS_NAME.test(bus)) throw invalidInput(ctx, 'eventBusName', `"${bus}" is not an event bus name or ARN`);
  const ruleName = await resourceName(ctx, 'ruleName', 'Rule name');
  const eventTypes = await stringList(ctx, 'eventTypes', 'Event types', true);
  const sources = await stringList(ctx, 'sources', 'Sources', false);
  const roleArn = await requiredString(ctx, 'roleArn', 'Role ARN');
  if (!ROLE_ARN.test(roleArn)) throw invalidInput(ctx, 'roleArn', `"${roleArn}" is not an IAM role ARN; expected arn:aws:iam::123456789012:role/Name`);
  const targetIdRaw = ctx.raw('targetId');
  const targetId = typeof targetIdRaw === 'string' && targetIdRaw.trim() !== '' ? targetIdRaw.trim() : 'flowbridge-app';
  if (!RESOURCE_NAME.test(targetId)) throw invalidInput(ctx, 'targetId', `Target id "${targetId}" must be 1 to 64 letters, digits, dots, hyphens or underscores`);

  const destination = await requiredString(ctx, 'apiDestination', 'API destination');
  let apiDestinationArn = destination;
  if (!destination.startsWith('arn:')) {
    if (!RESOURCE_NAME.test(destination)) throw invalidInput(ctx, 'apiDestination', `"${destination}" is neither an API destination name nor its ARN`);
    const found = await eventBridge.call('DescribeApiDestination', (c, o) => c.send(new DescribeApiDestinationCommand({ Name: destination }), o));
    apiDestinationArn = found.ApiDestinationArn ?? '';
  } else if (!API_DESTINATION_ARN.test(destination)) {
    throw invalidInput(ctx, 'apiDestination', `"${destination}" is not an API destination ARN (arn:aws:events:REGION:ACCOUNT:api-destination/NAME/ID)`);
  }

  const pattern = eventPatternOf(eventTypes, sources);
  const eventPattern = JSON.stringify(pattern);
  let changed = false;

  const rule = await unlessNotFound(() => eventBridge.call('DescribeRule', (c, o) => c.send(new DescribeRuleCommand({ Name: ruleName, EventBusName: bus }), o)));
  let ruleArn = rule?.Arn;
  if (!rule || rule.State !== 'ENABLED' || !samePattern(rule.EventPattern, pattern)) {
    const put = await eventBridge.call('PutRule', (c, o) =>
      c.send(
        new PutRuleCommand({
          Name: ruleName,
          EventBusName: bus,
          EventPattern: eventPattern,
          State: 'ENABLED',
          Description: `Routes ${eventTypes.join(', ')} events to the Flowbridge app (managed by Route Events To App).`,
        }),
        o,
      ),
    );
    ruleArn = put.RuleArn;
    changed = true;
  }

  const targets = await eventBridge.call('ListTargetsByRule', (c, o) => c.send(new ListTargetsByRuleCommand({ Rule: ruleName, EventBusName: bus }), o));
  const target = targets.Targets?.find((t) => t.Id === targetId);
  const targetIsCurrent = target && target.Arn === apiDestinationArn && target.RoleArn === roleArn && !target.Input && !target.InputPath && !target.InputTransformer;
  if (!targetIsCurrent) {
    const put = await eventBridge.call('PutTargets', (c, o) =>
      c.send(new PutTargetsCommand({ Rule: ruleName, EventBusName: bus, Targets: [{ Id: targetId, Arn: apiDestinationArn, RoleArn: roleArn }] }), o),
    );
    if (put.FailedEntryCount) {
      const failure = put.FailedEntries?.[0];
      throw new FlowError(failure?.ErrorCode ?? 'PutTargetsFailed', `EventBridge PutTargets refused target ${targetId} of rule ${ruleName}: ${failure?.ErrorMessage ?? 'no reason given'}`, ctx.node.id, {
        failedEntries: put.FailedEntries,
      });
    }
    changed = true;
  }

  ctx.log('info', changed ? `Rule ${ruleName} on ${bus} now routes ${eventTypes.join(', ')} to ${apiDestinationArn}.` : `Rule ${ruleName} on ${bus} already routes ${eventTypes.join(', ')}; nothing changed.`);
  const output: EventRouteValue = { RuleArn: ruleArn ?? '', TargetId: targetId, ApiDestinationArn: apiDestinationArn, EventPattern: eventPattern, Changed: changed };
  return { output };
});

async function stringList(ctx: ActivityContext, field: string, what: string, required: boolean): Promise<string[]> {
  const value = isBlank(ctx, field) ? undefined : await ctx.value(field);
  // JSONata yields a lone value for a one-element sequence; accept it as a list of one.
  const list = typeof value === 'string' ? [value] : value;
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) {
    if (required) throw invalidInput(ctx, field, `${what} needs at least one value, e.g. ["OrderPlaced"]`);
    return [];
  }
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string' && v !== '')) {
    throw invalidInput(ctx, field, `${what} must be a list of non-empty texts but is ${describe(value)}`);
  }
  return [...new Set(list as string[])];
}

/** True when the rule's stored pattern means the same as `wanted` (key order and value order ignored). */
function samePattern(stored: string | undefined, wanted: Record<string, string[]>): boolean {
  if (!stored) return false;
  try {
    return canonical(JSON.parse(stored)) === canonical(wanted);
  } catch {
    return false;
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
