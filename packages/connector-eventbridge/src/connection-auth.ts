/** Building a connection's AuthParameters from the node's authorization fields; secrets come from constants. */
import type { ConnectionAuthorizationType, CreateConnectionAuthRequestParameters } from '@aws-sdk/client-eventbridge';
import { invalidInput, optionalConstantString, optionalString } from '@flowbridge/connector-aws-auth';
import type { ActivityContext } from '@flowbridge/runtime';

/** The authorization of a connection, or nothing when an update leaves it unchanged. */
export interface ConnectionAuth {
  type: ConnectionAuthorizationType;
  parameters: CreateConnectionAuthRequestParameters;
}

// Header names: visible ASCII without separators; values: 1 to 512 characters without control characters.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,512}$/;

/** Reads authorization fields; `required` (create) demands every part, an update accepts none. */
export async function readConnectionAuth(ctx: ActivityContext, required: boolean): Promise<ConnectionAuth | undefined> {
  const type = ctx.raw('authorizationType');
  if (type === undefined || type === null || type === '') {
    if (required) throw invalidInput(ctx, 'authorizationType', 'Authorization type is required: API_KEY or BASIC');
    return undefined;
  }
  if (type === 'API_KEY') {
    const name = (await optionalString(ctx, 'apiKeyName', 'API key header')) ?? 'x-api-key';
    if (!HEADER_NAME.test(name)) throw invalidInput(ctx, 'apiKeyName', `API key header "${name}" is not a valid HTTP header name`);
    const value = await optionalConstantString(ctx, 'apiKeyValue', 'API key');
    if (!value) throw invalidInput(ctx, 'apiKeyValue', 'API_KEY authorization needs an API key: name a constant that holds it');
    checkSecretText(ctx, 'apiKeyValue', value, 'The API key');
    return { type, parameters: { ApiKeyAuthParameters: { ApiKeyName: name, ApiKeyValue: value } } };
  }
  if (type === 'BASIC') {
    const username = await optionalString(ctx, 'username', 'User name');
    if (!username) throw invalidInput(ctx, 'username', 'BASIC authorization needs a user name');
    const password = await optionalConstantString(ctx, 'password', 'Password');
    if (!password) throw invalidInput(ctx, 'password', 'BASIC authorization needs a password: name a constant that holds it');
    checkSecretText(ctx, 'password', password, 'The password');
    return { type, parameters: { BasicAuthParameters: { Username: username, Password: password } } };
  }
  throw invalidInput(ctx, 'authorizationType', `Authorization type must be API_KEY or BASIC, not "${String(type)}"`);
}

function checkSecretText(ctx: ActivityContext, field: string, value: string, what: string): void {
  // The message never includes the value itself.
  // eslint-disable-next-line no-control-regex
  if (value.length > 512 || /[\u0000-\u001f\u007f]/.test(value)) throw invalidInput(ctx, field, `${what} must be 1 to 512 characters without control characters`);
}
