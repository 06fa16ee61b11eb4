import { AwsServiceError, ConstraintViolations, validationError } from '../../aws-error.js';
import type { EventsContext } from '../events-context.js';
import { templatePlaceholders, RESERVED_PLACEHOLDERS } from '../input-transformation.js';
import type { JsonObject, JsonValue, Target } from '../model.js';
import { paginate } from '../pagination.js';
import { isJsonObject, RequestInput } from '../request-input.js';
import { checkNumber, checkResourceName, checkString } from '../validation.js';
import { readRuleRef, requireRule } from './rules.js';

/** AWS allows five targets per rule. */
const MAX_TARGETS_PER_RULE = 5;
const PATHS_MAP_KEY = /^[A-Za-z0-9_-]+$/;

function validateTarget(raw: JsonValue, index: number, violations: ConstraintViolations): Target {
  const path = `targets.${index}.member`;
  if (!isJsonObject(raw)) throw new AwsServiceError('SerializationException', `Member ${path} must be a structure.`);
  const t = new RequestInput(raw);
  checkResourceName(violations, `${path}.id`, t.string('Id'));
  checkString(violations, `${path}.arn`, t.string('Arn'), { required: true, min: 1, max: 1600 });
  checkString(violations, `${path}.roleArn`, t.string('RoleArn'), { min: 1, max: 1600 });
  checkString(violations, `${path}.input`, t.string('Input'), { max: 8192 });
  checkString(violations, `${path}.inputPath`, t.string('InputPath'), { max: 256 });
  const transformer = t.object('InputTransformer');
  if (transformer) {
    const tr = new RequestInput(transformer);
    checkString(violations, `${path}.inputTransformer.inputTemplate`, tr.string('InputTemplate'), {
      required: true,
      min: 1,
      max: 8192,
    });
    const map = tr.object('InputPathsMap');
    if (map && Object.keys(map).length > 100) {
      violations.add(`${path}.inputTransformer.inputPathsMap`, map, 'have length less than or equal to 100');
    }
  }
  const retry = t.object('RetryPolicy');
  if (retry) {
    const r = new RequestInput(retry);
    checkNumber(violations, `${path}.retryPolicy.maximumRetryAttempts`, r.number('MaximumRetryAttempts'), { min: 0, max: 185 });
    checkNumber(violations, `${path}.retryPolicy.maximumEventAgeInSeconds`, r.number('MaximumEventAgeInSeconds'), {
      min: 60,
      max: 86400,
    });
  }
  // Shape checked above and by the SDK's serializer; keep the target exactly as sent.
  return raw as unknown as Target;
}

/** Target services EventBridge can only invoke through an IAM role the target names. */
const NEEDS_ROLE = /^arn:aws[a-z-]*:(events:[^:]*:\d*:api-destination\/|states:|kinesis:|codebuild:|codepipeline:)/;

/** Semantic checks AWS applies after the model constraints, with its messages. */
function checkTargetInput(target: Target): void {
  if (target.RoleArn === undefined && NEEDS_ROLE.test(target.Arn)) {
    throw validationError(`RoleArn is required for target ${target.Arn}.`);
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
  const targetsRaw = input.array('Targets');
  const violations = new ConstraintViolations();
  if (targetsRaw === undefined) violations.add('targets', null, 'not be null');
  else if (targetsRaw.length < 1) violations.add('targets', targetsRaw, 'have length greater than or equal to 1');
  else if (targetsRaw.length > 10) violations.add('targets', targetsRaw, 'have length less than or equal to 10');
  const targets = (targetsRaw ?? []).map((raw, i) => validateTarget(raw, i + 1, violations));
  violations.throwIfAny();

  const rule = requireRule(ctx, ref.name, ref.bus);
  for (const target of targets) checkTargetInput(target);
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
  const violations = new ConstraintViolations();
  if (ids === undefined) violations.add('ids', null, 'not be null');
  else if (ids.length < 1) violations.add('ids', ids, 'have length greater than or equal to 1');
  else if (ids.length > 100) violations.add('ids', ids, 'have length less than or equal to 100');
  (ids ?? []).forEach((id, i) => checkResourceName(violations, `ids.${i + 1}.member`, typeof id === 'string' ? id : undefined));
  violations.throwIfAny();
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
