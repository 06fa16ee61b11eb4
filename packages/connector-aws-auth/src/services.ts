/** The host services AWS activities read, and a reader for the optional ones. */
import { FlowError, type ActivityContext } from '@flowbridge/runtime';

/** The base URL of the AWS endpoint the host runs (its embedded local AWS), a string; optional. */
export const AWS_ENDPOINT_SERVICE = 'aws.endpoint';
/** Workspace defaults for AWS clients (`AwsClientDefaults`); optional. */
export const AWS_DEFAULTS_SERVICE = 'aws.defaults';

/** A host service that may be absent: `undefined` instead of the runtime's MissingService error. */
export function optionalService<T>(ctx: ActivityContext, name: string): T | undefined {
  try {
    return ctx.service<T>(name);
  } catch (error) {
    if (error instanceof FlowError && error.kind === 'MissingService') return undefined;
    throw error;
  }
}
