import { AwsServiceError, validationError } from '../../aws-error.js';
import type { EventsContext } from '../events-context.js';
import { templatePlaceholders, RESERVED_PLACEHOLDERS } from '../input-transformation.js';
import type { JsonObject, JsonValue, Target } from '../model.js';
import { paginate } from '../pagination.js';
import { isJsonObject, RequestInput } from '../request-input.js';
import { readRuleRef, requireRule } from './rules.js';

/** AWS allows five targets per rule. */
const MAX_TARGETS_PER_RULE = 5;
const PATHS_MAP_KEY = /^[A-Za-z0-9_-]+$/;

/** A target as PutTargets received it (the model's constraints are checked before any operation runs). */
function readTarget(raw: JsonValue, index: number): Target {
  if (!isJsonObject(raw)) throw new AwsServiceError('SerializationException', `Member targets.${index}.member must be a structure.`);
  return raw as unknown as Target;
}

/** Target services EventBridge can only invoke through an IAM role the target names. */
const NEEDS_ROLE = /^arn:aws[a-z-]*:(events:[^:]*:\d*:api-destination\/|states:|kinesis:|codebuild:|codepipeline:)/;

/** Target services the local AWS delivers to; others are accepted but their deliveries fail. */
const INVOKABLE = /^arn:aws[a-z-]*:(sqs:|events:[^:]*:[^:]*:(api-destination|event-bus)\/)/;
const SQS_QUEUE_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const EVENT_BUS_ARN = /^arn:aws[a-z-]*:events:([^:]*):([^:]*):event-bus\//;

/** Semantic checks AWS applies after the model constraints, with its messages. */
function checkTargetInput(target: Target, ctx: EventsContext): void {
  const bus = EVENT_BUS_ARN.exec(target.Arn);
  const otherBus = bus !== null && (bus[1] !== ctx.scope.region || bus[2] !== ctx.scope.accountId);
  if (target.RoleArn === undefined && (NEEDS_ROLE.test(target.Arn) || otherBus)) {
    throw validationError(`RoleArn is required for target ${target.Arn}.`);
  }
  const dlq = target.DeadLetterConfig?.Arn;
  if (dlq !== undefined && !SQS_QUEUE_ARN.test(dlq)) {
    throw validationError(`DeadLetterConfig.Arn ${dlq} of target ${target.Id} is not an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>).`);
  }
  const kinds = [target.Input, target.InputPath, target.InputTransformer].filter((v) => v !== undefined);
  if (kinds.length > 1) {
    throw validationError(`Only one of Input, InputPath, or InputTransformer must be provided for target ${target.Id}.`);
  }
  const transformer = target.InputTransformer;
  if (!transformer) return;
  const map = transformer.InputPathsMap ?? {};
  for (const key of Object.keys(map)) {
    if (RESERVED_PLACEHOLDERS.has(key)) {
      throw validationError(`Input path map for target ${target.Id} contains reserved key ${key}.`);
    }
    if (!PATHS_MAP_KEY.test(key)) {
      throw validationError(`Input path map for target ${target.Id} contains invalid key ${key}: use [A-Za-z0-9_-]+.`);
    }
  }
  for (const name of templatePlaceholders(transformer.InputTemplate)) {
    if (!(name in map) && !RESERVED_PLACEHOLDERS.has(name)) {
      throw validationError(`InputTemplate for target ${target.Id} contains invalid placeholder ${name}.`);
    }
  }
}

export function putTargets(input: RequestInput, ctx: EventsContext): JsonObject {
  const ref = readRuleRef(input, 'Rule');
  const targets = (input.array('Targets') ?? []).map((raw, i) => readTarget(raw, i + 1));

  const rule = requireRule(ctx, ref.name, ref.bus);
  for (const target of targets) checkTargetInput(target, ctx);
  for (const target of targets) {
    if (!INVOKABLE.test(target.Arn)) {
      ctx.log?.(
        `PutTargets ${ref.name}/${target.Id}: ${target.Arn.split(':')[2] ?? 'this'} targets are accepted but the local AWS cannot invoke them; their deliveries fail into the target's dead-letter queue.`,
      );
    }
  }
  const merged = [...rule.targets];
  for (const target of targets) {
    const at = merged.findIndex((t) => t.Id === target.Id);
    if (at >= 0) merged[at] = target;
    else merged.push(target);
  }
  if (merged.length > MAX_TARGETS_PER_RULE) {
    throw new AwsServiceError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
  }
  rule.targets = merged;
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function removeTargets(input: RequestInput, ctx: EventsContext): JsonObject {
  const ref = readRuleRef(input, 'Rule');
  const ids = input.array('Ids');
  const rule = requireRule(ctx, ref.name, ref.bus);
  const remove = new Set(ids as string[]);
  rule.targets = rule.targets.filter((t) => !remove.has(t.Id));
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function listTargetsByRule(input: RequestInput, ctx: EventsContext): JsonObject {
  const ref = readRuleRef(input, 'Rule');
  const rule = requireRule(ctx, ref.name, ref.bus);
  const page = paginate(rule.targets, input);
  const out: JsonObject = { Targets: page.items as unknown as JsonValue[] };
  if (page.nextToken) out.NextToken = page.nextToken;
  return out;
}
