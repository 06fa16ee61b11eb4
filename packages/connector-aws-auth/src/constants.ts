/**
 * Reading `constant` fields: the field holds a constant name `Module.Name`; `ctx.value` answers its value
 * through the host's constants (the runtime remembers secret values so traces and logs mask them, and
 * fails with ConstantNotFound when the host does not know the name).
 */
import type { ActivityContext, ContextFieldName } from '@flowbridge/runtime';
import { invalidInput, isBlank } from './inputs.js';

/** The value of the constant named in `field`, undefined when the field is empty. */
export async function constantValue<C extends ActivityContext>(ctx: C, field: ContextFieldName<C>): Promise<unknown> {
  if (isBlank(ctx, field)) return undefined;
  return ctx.value(field);
}

/** The constant named in `field` as a non-empty string, or an InvalidInput error that names the constant (never its value). */
export async function requiredConstantString<C extends ActivityContext>(ctx: C, field: ContextFieldName<C>, what: string): Promise<string> {
  const value = await constantValue(ctx, field);
  if (typeof value !== 'string' || value === '') {
    const name = ctx.raw(field);
    throw invalidInput(
      ctx,
      field,
      typeof name === 'string' && name !== ''
        ? `${what}: the constant "${name}" has no value; set it in the workspace constants or its environment variable`
        : `${what}: name the constant that holds it`,
    );
  }
  return value;
}

/** The constant named in `field` as a string, undefined when the field or the constant is empty. */
export async function optionalConstantString<C extends ActivityContext>(ctx: C, field: ContextFieldName<C>, what: string): Promise<string | undefined> {
  const value = await constantValue(ctx, field);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidInput(ctx, field, `${what}: the constant "${String(ctx.raw(field))}" must hold text`);
  return value;
}
