/** `aws.ValidateCredentials`: STS GetCallerIdentity, true when AWS accepts the credentials. */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { defineActivity, type DefinedActivity } from '@flowbridge/runtime';
import { awsCall } from './aws-error.js';
import { cachedClient } from './client-cache.js';
import { readAwsClientConfig } from './client-config.js';
import { EXPIRED_CREDENTIALS } from './credentials.js';
import { validateCredentials as definition } from './definitions/validate-credentials.js';

// Answers that mean "these credentials are not good"; anything else (network, timeout) is a real failure.
const REFUSED = new Set([EXPIRED_CREDENTIALS, 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'InvalidSignatureException', 'AccessDenied', 'AccessDeniedException', 'IncompleteSignature']);

/** Builds the activity; `now` decides whether credentials have expired. */
export function createValidateCredentials(now: () => number = Date.now): DefinedActivity<typeof definition> {
  return defineActivity(definition, async (ctx) => {
    let client;
    try {
      client = await readAwsClientConfig(ctx, now());
    } catch (error) {
      if ((error as { kind?: string }).kind === EXPIRED_CREDENTIALS) {
        ctx.log('info', 'The credentials have expired.');
        return { output: false };
      }
      throw error;
    }
    const sts = cachedClient(STSClient, client.config);
    const site = { service: 'STS', operation: 'GetCallerIdentity', nodeId: ctx.node.id, ...(client.config.endpoint ? { endpoint: client.config.endpoint } : {}) };
    try {
      const identity = await awsCall(site, () => sts.send(new GetCallerIdentityCommand({}), { abortSignal: ctx.signal }));
      ctx.log('info', `The credentials belong to ${identity.Arn ?? 'an unnamed identity'} (account ${identity.Account ?? 'unknown'}).`);
      return { output: true };
    } catch (error) {
      const kind = (error as { kind?: string }).kind;
      if (kind && REFUSED.has(kind)) {
        ctx.log('info', `AWS refused the credentials: ${(error as Error).message}`);
        return { output: false };
      }
      throw error;
    }
  });
}
