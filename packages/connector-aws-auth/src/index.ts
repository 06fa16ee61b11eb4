/** The AWS Authentication connector (Node side): activities plus the client plumbing every AWS connector shares. */
import { defineConnector, type Connector } from '@flowbridge/runtime';
import { awsAuthDefinitions } from './definitions/index.js';
import { getStaticCredentials } from './get-static-credentials.js';
import { createGetTemporaryCredentials } from './get-temporary-credentials.js';
import { TemporaryCredentialsCache, type TemporaryCredentialsCacheOptions } from './temporary-credentials-cache.js';
import { createValidateCredentials } from './validate-credentials.js';

export * from './services.js';
export * from './inputs.js';
export * from './constants.js';
export * from './credentials.js';
export * from './client-config.js';
export * from './client-cache.js';
export * from './aws-error.js';
export { TemporaryCredentialsCache, type AssumeRoleKey, type TemporaryCredentialsCacheOptions } from './temporary-credentials-cache.js';
export { awsAuthDefinitions } from './definitions/index.js';

/** Options for building the module; a clock lets tests move past credential expiry. */
export interface AwsAuthModuleOptions extends TemporaryCredentialsCacheOptions {}

/** Builds the AWS Authentication runtime module with its own temporary-credentials cache. */
export function createAwsAuthModule(options: AwsAuthModuleOptions = {}): Connector {
  const now = options.now ?? Date.now;
  const cache = new TemporaryCredentialsCache(options);
  return defineConnector(awsAuthDefinitions, {
    'aws.GetStaticCredentials': getStaticCredentials,
    'aws.GetTemporaryCredentials': createGetTemporaryCredentials(cache, now),
    'aws.ValidateCredentials': createValidateCredentials(now),
  });
}

/** The AWS Authentication activities, ready to plug into an engine. */
export const awsAuthModule: Connector = createAwsAuthModule();
