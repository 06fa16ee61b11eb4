/** The host services AWS activities read, and a reader for the optional ones. */
import { defineService, FlowError, type ActivityContext, type ServiceKey } from '@flowbridge/runtime';

/** Workspace-wide client defaults the host supplies as the `aws.defaults` service. */
export interface AwsClientDefaults {
  timeoutSeconds?: number;
  /** Retries after the first attempt; `'none'` disables them. */
  maxRetries?: number | 'none';
}

/** The base URL of the AWS endpoint the host runs (its embedded local AWS), a string; optional. */
export const AWS_ENDPOINT_SERVICE = defineService<string>('aws.endpoint');
/** Workspace defaults for AWS clients; optional. */
export const AWS_DEFAULTS_SERVICE = defineService<AwsClientDefaults>('aws.defaults');

/** A host service that may be absent: `undefined` instead of the runtime's MissingService error. */
export function optionalService<T>(ctx: Pick<ActivityContext, 'service'>, key: ServiceKey<T>): T | undefined {
  try {
    return ctx.service(key);
  } catch (error) {
    if (error instanceof FlowError && error.kind === 'MissingService') return undefined;
    throw error;
  }
}
