import type { ConstraintViolations } from '../aws-error.js';

/** Rule, target id, connection and API destination names. */
export const RESOURCE_NAME = /^[.\-_A-Za-z0-9]+$/;
export const RESOURCE_NAME_TEXT = '[\\.\\-_A-Za-z0-9]+';
/** Event bus names (also allow `/` for partner buses). */
export const BUS_NAME = /^[/.\-_A-Za-z0-9]+$/;
export const BUS_NAME_TEXT = '[/\\.\\-_A-Za-z0-9]+';
/** "Name or ARN" bus parameters. */
export const BUS_NAME_OR_ARN = /^(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/.\-_A-Za-z0-9]+$/;
export const BUS_NAME_OR_ARN_TEXT =
  '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+';

export interface StringRule {
  readonly required?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
  readonly patternText?: string;
}

/** Checks a string member against the model's constraints, recording each failure AWS-style. */
export function checkString(
  violations: ConstraintViolations,
  path: string,
  value: string | undefined,
  rule: StringRule,
): void {
  if (value === undefined) {
    if (rule.required) violations.add(path, null, 'not be null');
    return;
  }
  if (rule.min !== undefined && value.length < rule.min) {
    violations.add(path, value, `have length greater than or equal to ${rule.min}`);
  }
  if (rule.max !== undefined && value.length > rule.max) {
    violations.add(path, value, `have length less than or equal to ${rule.max}`);
  }
  if (rule.pattern && value.length > 0 && !rule.pattern.test(value)) {
    violations.add(path, value, `satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`);
  }
}

/** Checks a number member's range. */
export function checkNumber(
  violations: ConstraintViolations,
  path: string,
  value: number | undefined,
  range: { min?: number; max?: number; required?: boolean },
): void {
  if (value === undefined) {
    if (range.required) violations.add(path, null, 'not be null');
    return;
  }
  if (range.min !== undefined && value < range.min) {
    violations.add(path, value, `have value greater than or equal to ${range.min}`);
  }
  if (range.max !== undefined && value > range.max) {
    violations.add(path, value, `have value less than or equal to ${range.max}`);
  }
}

/** Checks an enum member. */
export function checkEnum(
  violations: ConstraintViolations,
  path: string,
  value: string | undefined,
  allowed: readonly string[],
  required = false,
): void {
  if (value === undefined) {
    if (required) violations.add(path, null, 'not be null');
    return;
  }
  if (!allowed.includes(value)) violations.add(path, value, `satisfy enum value set: [${allowed.join(', ')}]`);
}

/** Names of rules, targets, connections, API destinations: 1–64 of `[\.\-_A-Za-z0-9]`. */
export function checkResourceName(
  violations: ConstraintViolations,
  path: string,
  value: string | undefined,
  required = true,
): void {
  checkString(violations, path, value, {
    required,
    min: 1,
    max: 64,
    pattern: RESOURCE_NAME,
    patternText: RESOURCE_NAME_TEXT,
  });
}

/** An "event bus name or ARN" parameter (optional; default bus when omitted). */
export function checkBusNameOrArn(violations: ConstraintViolations, path: string, value: string | undefined): void {
  checkString(violations, path, value, { min: 1, max: 1600, pattern: BUS_NAME_OR_ARN, patternText: BUS_NAME_OR_ARN_TEXT });
}
