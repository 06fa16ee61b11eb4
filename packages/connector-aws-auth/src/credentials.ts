/** Credentials values as flows carry them, checked before they reach an SDK client. */
import { FlowError, type ActivityContext } from '@flowbridge/runtime';
import { describe, invalidInput, isBlank } from './inputs.js';

/** A `Credentials` flow value. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** ISO-8601; absent for long-term keys. */
  expiration?: string;
}

/** The error kind for credentials that passed their expiry. */
export const EXPIRED_CREDENTIALS = 'ExpiredCredentials';

/** Checks that `value` is a Credentials object; the error never repeats secret parts. */
export function toAwsCredentials(ctx: ActivityContext, field: string, value: unknown): AwsCredentials {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput(ctx, field, `Credentials must be a Credentials object (from Get Static or Temporary Credentials) but the expression gave ${describe(value)}`);
  }
  const v = value as Record<string, unknown>;
  if (typeof v.accessKeyId !== 'string' || v.accessKeyId === '') throw invalidInput(ctx, field, 'Credentials have no accessKeyId');
  if (typeof v.secretAccessKey !== 'string' || v.secretAccessKey === '') throw invalidInput(ctx, field, `Credentials ${v.accessKeyId} have no secretAccessKey`);
  const out: AwsCredentials = { accessKeyId: v.accessKeyId, secretAccessKey: v.secretAccessKey };
  if (typeof v.sessionToken === 'string' && v.sessionToken !== '') out.sessionToken = v.sessionToken;
  const expiration = v.expiration instanceof Date ? v.expiration.toISOString() : v.expiration;
  if (typeof expiration === 'string' && expiration !== '') {
    if (Number.isNaN(Date.parse(expiration))) throw invalidInput(ctx, field, `Credentials ${v.accessKeyId} have an invalid expiration "${expiration}"`);
    out.expiration = expiration;
  }
  return out;
}

/** The node's Credentials field, undefined when empty (then the SDK default chain applies). */
export async function optionalCredentials(ctx: ActivityContext, field = 'credentials'): Promise<AwsCredentials | undefined> {
  if (isBlank(ctx, field)) return undefined;
  const value = await ctx.value(field);
  if (value === undefined || value === null) return undefined;
  return toAwsCredentials(ctx, field, value);
}

/** Fails with ExpiredCredentials when temporary credentials are past their expiry at `now`. */
export function assertNotExpired(ctx: ActivityContext, credentials: AwsCredentials, now: number): void {
  if (credentials.expiration === undefined) return;
  if (Date.parse(credentials.expiration) <= now) {
    throw new FlowError(
      EXPIRED_CREDENTIALS,
      `The credentials ${credentials.accessKeyId} expired at ${credentials.expiration}. Run Get Temporary Credentials again just before this activity; it refreshes them.`,
      ctx.node.id,
      { accessKeyId: credentials.accessKeyId, expiration: credentials.expiration },
    );
  }
}
