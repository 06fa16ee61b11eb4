/** Turning SDK failures into FlowErrors a flow can branch on (`$latestError.kind`) and a person can act on. */
import { FlowError } from '@flowbridge/runtime';
import { EXPIRED_CREDENTIALS } from './credentials.js';

const CREDENTIAL_REFUSALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** Metadata the SDK attaches to service exceptions. */
interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** Where a call went, for messages. */
export interface AwsCallSite {
  service: string;
  operation: string;
  nodeId: string;
  endpoint?: string;
}

/**
 * The FlowError for a failed SDK call: the AWS exception name as `kind` (e.g. `ResourceNotFoundException`),
 * the AWS message prefixed with the operation, and a hint where the fix is not obvious.
 */
export function toAwsFlowError(thrown: unknown, site: AwsCallSite): FlowError {
  if (thrown instanceof FlowError) return thrown;
  const e = (typeof thrown === 'object' && thrown !== null ? thrown : { message: String(thrown) }) as SdkErrorShape;
  const name = e.name && e.name !== 'Error' ? e.name : 'AwsError';
  const message = e.message ?? 'no message';
  const details = {
    service: site.service,
    operation: site.operation,
    ...(e.$metadata?.httpStatusCode !== undefined ? { httpStatusCode: e.$metadata.httpStatusCode } : {}),
    ...(e.$metadata?.requestId ? { requestId: e.$metadata.requestId } : {}),
    ...(name !== 'AwsError' ? { awsErrorName: name } : {}),
  };
  const where = `${site.service} ${site.operation}`;
  if (name === 'AbortError') return new FlowError('Cancelled', `${where} was cancelled with the run.`, site.nodeId, details);
  if (name === 'TimeoutError' || e.code === 'ETIMEDOUT' || (/timed? ?out/i.test(message) && e.$metadata?.httpStatusCode === undefined)) {
    // Not `Timeout`: the runtime reserves that kind for the run's own limit, which skips error paths.
    return new FlowError('RequestTimeout', `${where} did not answer in time (${message}). Raise the activity's timeout or check the endpoint.`, site.nodeId, details);
  }
  if ((e.code && NETWORK_CODES.has(e.code)) || NETWORK_CODES.has(name)) {
    return new FlowError(
      'EndpointUnreachable',
      `${where} could not reach ${site.endpoint ?? 'the AWS endpoint'} (${e.code ?? name}). Is the endpoint right and running?`,
      site.nodeId,
      details,
    );
  }
  if (name === 'CredentialsProviderError') {
    return new FlowError(
      'MissingCredentials',
      `${where}: no AWS credentials found (${message}). Set the activity's Credentials field or configure the SDK default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, or an instance role).`,
      site.nodeId,
      details,
    );
  }
  if (EXPIRED.has(name)) {
    return new FlowError(EXPIRED_CREDENTIALS, `${where}: AWS says the credentials expired (${message}). Get fresh ones with Get Temporary Credentials.`, site.nodeId, details);
  }
  if (CREDENTIAL_REFUSALS.has(name)) {
    return new FlowError(name, `${where}: AWS refused the credentials (${message}). Check the access key id and secret access key constants.`, site.nodeId, details);
  }
  return new FlowError(name, `${where} failed: ${message}`, site.nodeId, details);
}

/** Runs one SDK call, converting its failure with `toAwsFlowError`. */
export async function awsCall<T>(site: AwsCallSite, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (thrown) {
    throw toAwsFlowError(thrown, site);
  }
}
