/** Reading `constant` fields: the field holds a constant name; the value comes from the host. */
import type { ActivityContext } from '@flowbridge/runtime';
import { invalidInput, isBlank } from './inputs.js';
import { CONSTANTS_SERVICE, optionalService, type ConstantsProvider } from './services.js';

/**
 * The value of the constant named in `field`, undefined when the field is empty. The runtime resolves
 * `constant` fields in `ctx.value`; a runtime that hands back the bare name instead is covered by asking
 * the host's `constants` service directly.
 */
export async function constantValue(ctx: ActivityContext, field: string): Promise<unknown> {
  if (isBlank(ctx, field)) return undefined;
  const name = ctx.raw(field);
  const value = await ctx.value(field);
  if (value !== name) return value;
  const constants = optionalService<ConstantsProvider>(ctx, CONSTANTS_SERVICE);
  return constants ? await constants.get(String(name)) : undefined;
}

/** The constant named in `field` as a non-empty string, or an InvalidInput error that names the constant (never its value). */
export async function requiredConstantString(ctx: ActivityContext, field: string, what: string): Promise<string> {
  const value = await constantValue(ctx, field);
  if (typeof value !== 'string' || value === '') {
    const name = ctx.raw(field);
    throw invalidInput(ctx, field, `${what}: the constant ${typeof name === 'string' && name ? `"${name}"` : ''} has no value; set it in the workspace constants or its environment variable`);
  }
  return value;
}

/** The constant named in `field` as a string, undefined when the field or the constant is empty. */
export async function optionalConstantString(ctx: ActivityContext, field: string, what: string): Promise<string | undefined> {
  const value = await constantValue(ctx, field);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidInput(ctx, field, `${what}: the constant "${String(ctx.raw(field))}" must hold text`);
  return value;
}
