/** Reading resource-name fields, checked against EventBridge's name rule before any call. */
import { invalidInput, requiredString } from '@flowbridge/connector-aws-auth';
import type { ActivityContext, ContextFieldName } from '@flowbridge/runtime';
import { RESOURCE_NAME } from './definitions/names.js';

/** The field's value as a valid connection / API destination / rule name. */
export async function resourceName<C extends ActivityContext>(ctx: C, field: ContextFieldName<C>, what: string): Promise<string> {
  const name = await requiredString(ctx, field, what);
  if (!RESOURCE_NAME.test(name)) {
    throw invalidInput(ctx, field, `${what} "${name}" is not valid: use 1 to 64 letters, digits, dots, hyphens or underscores`);
  }
  return name;
}
