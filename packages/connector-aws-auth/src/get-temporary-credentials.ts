/** `aws.GetTemporaryCredentials`: STS AssumeRole with a cache that renews before expiry. */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { FlowError, defineActivity, type DefinedActivity } from '@flowbridge/runtime';
import { awsCall } from './aws-error.js';
import { cachedClient } from './client-cache.js';
import { readAwsClientConfig } from './client-config.js';
import type { AwsCredentials } from './credentials.js';
import { optionalInteger, optionalString, requiredString } from './inputs.js';
import { callerOf, TemporaryCredentialsCache } from './temporary-credentials-cache.js';
import { getTemporaryCredentials as definition } from './definitions/get-temporary-credentials.js';

/** Builds the activity around a cache (tests pass one with a controllable clock). */
export function createGetTemporaryCredentials(cache: TemporaryCredentialsCache, now: () => number = Date.now): DefinedActivity<typeof definition> {
  return defineActivity(definition, async (ctx) => {
    const client = await readAwsClientConfig(ctx, now());
    const roleArn = await requiredString(ctx, 'roleArn', 'Role ARN');
    if (!/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(roleArn)) {
      throw new FlowError('InvalidInput', `"${roleArn}" is not an IAM role ARN; expected arn:aws:iam::123456789012:role/Name (field "roleArn")`, ctx.node.id, { field: 'roleArn' });
    }
    const roleSessionName = await requiredString(ctx, 'roleSessionName', 'Session name');
    if (!/^[\w+=,.@-]{2,64}$/.test(roleSessionName)) {
      throw new FlowError('InvalidInput', `Session name "${roleSessionName}" must be 2 to 64 letters, digits or +=,.@_- (field "roleSessionName")`, ctx.node.id, { field: 'roleSessionName' });
    }
    const durationSeconds = await optionalInteger(ctx, 'durationSeconds', 'Duration', 900, 43_200);
    const externalId = await optionalString(ctx, 'externalId', 'External id');
    const key = {
      caller: callerOf(client.credentials),
      roleArn,
      roleSessionName,
      region: client.region,
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
      ...(externalId !== undefined ? { externalId } : {}),
      ...(client.config.endpoint ? { endpoint: client.config.endpoint } : {}),
    };
    const output = await cache.get(key, async () => {
      const sts = cachedClient(STSClient, client.config);
      const site = { service: 'STS', operation: 'AssumeRole', nodeId: ctx.node.id, ...(client.config.endpoint ? { endpoint: client.config.endpoint } : {}) };
      const result = await awsCall(site, () =>
        sts.send(
          new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: roleSessionName, DurationSeconds: durationSeconds, ExternalId: externalId }),
          { abortSignal: ctx.signal },
        ),
      );
      const c = result.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        throw new FlowError('InvalidResponse', `STS AssumeRole for ${roleArn} answered without credentials.`, ctx.node.id);
      }
      const credentials: AwsCredentials = {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
        ...(c.Expiration ? { expiration: new Date(c.Expiration).toISOString() } : {}),
      };
      ctx.log('info', `Assumed ${roleArn} as ${credentials.accessKeyId}${credentials.expiration ? `, valid until ${credentials.expiration}` : ''}.`);
      return credentials;
    });
    return { output };
  });
}
