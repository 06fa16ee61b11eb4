/** Evaluating activity fields into checked values, failing with `InvalidInput` errors that name the field. */
import { FlowError, type ActivityContext, type ContextFieldName } from '@flowbridge/runtime';

/** The error kind for configuration or input values an activity refuses before calling AWS. */
export const INVALID_INPUT = 'InvalidInput';

/** An InvalidInput error naming the field of the node at fault. */
export function invalidInput<C extends ActivityContext>(ctx: C, field: ContextFieldName<C>, message: string, details?: unknown): FlowError {
  return new FlowError(INVALID_INPUT, `${message} (field "${field}")`, ctx.node.id, details ?? { field });
}

/** True when the node's field has no configured value. */
export function isBlank<C extends ActivityContext>(ctx: C, field: ContextFieldName<C>): boolean {
  const raw = ctx.raw(field);
  return raw === undefined || raw === null || raw === '';
}

/** The field's value as a non-empty string, or an InvalidInput error. */
export async function requiredString<C extends ActivityContext>(ctx: C, field: ContextFieldName<C>, what: string): Promise<string> {
  const value = isBlank(ctx, field) ? undefined : await ctx.value(field);
  if (typeof value !== 'string' || value === '') {
    throw invalidInput(ctx, field, `${what} is required but the expression gave ${describe(value)}`);
  }
  return value;
}

/** The field's value as a string, undefined when the field is empty or yields nothing. */
export async function optionalString<C extends ActivityContext>(ctx: C, field: ContextFieldName<C>, what: string): Promise<string | undefined> {
  if (isBlank(ctx, field)) return undefined;
  const value = await ctx.value(field);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidInput(ctx, field, `${what} must be text but the expression gave ${describe(value)}`);
  return value;
}

/** The field's value as an integer within bounds, undefined when empty. */
export async function optionalInteger<C extends ActivityContext>(ctx: C, field: ContextFieldName<C>, what: string, min: number, max: number): Promise<number | undefined> {
  if (isBlank(ctx, field)) return undefined;
  const value = await ctx.value(field);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidInput(ctx, field, `${what} must be a whole number from ${min} to ${max} but is ${describe(value)}`);
  }
  return value;
}

/** The field's literal boolean (checkbox), `fallback` when unset. */
export function flag<C extends ActivityContext>(ctx: C, field: ContextFieldName<C>, fallback: boolean): boolean {
  const raw = ctx.raw(field);
  return typeof raw === 'boolean' ? raw : fallback;
}

/** A short description of a value for error messages; never the value of a secret. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value === '' ? 'an empty text' : `the text "${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
