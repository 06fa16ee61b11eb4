import { AwsServiceError } from '../aws-error.js';
import type { AuthFailure, AuthFailureReason } from './authenticate.js';

type ErrorShape = readonly [code: string, status: number];

/** AWS JSON services (EventBridge) answer authentication failures with these names, all 400. */
const JSON_PROTOCOL_ERRORS: Record<AuthFailureReason, ErrorShape> = {
  'missing-authentication': ['MissingAuthenticationTokenException', 400],
  'incomplete-signature': ['IncompleteSignatureException', 400],
  'unknown-access-key': ['UnrecognizedClientException', 400],
  'invalid-session-token': ['UnrecognizedClientException', 400],
  'expired-token': ['ExpiredTokenException', 400],
  'signature-mismatch': ['InvalidSignatureException', 400],
  'request-expired': ['InvalidSignatureException', 400],
};

/** Query-protocol services (STS, IAM) answer with the short names and 403. */
const QUERY_PROTOCOL_ERRORS: Record<AuthFailureReason, ErrorShape> = {
  'missing-authentication': ['MissingAuthenticationToken', 403],
  'incomplete-signature': ['IncompleteSignature', 400],
  'unknown-access-key': ['InvalidClientTokenId', 403],
  'invalid-session-token': ['InvalidClientTokenId', 403],
  'expired-token': ['ExpiredToken', 403],
  'signature-mismatch': ['SignatureDoesNotMatch', 403],
  'request-expired': ['SignatureDoesNotMatch', 403],
};

/** Converts an authentication failure to the error the given protocol's AWS service would send. */
export function authFailureToServiceError(failure: AuthFailure, protocol: 'json' | 'query'): AwsServiceError {
  const [code, status] = (protocol === 'json' ? JSON_PROTOCOL_ERRORS : QUERY_PROTOCOL_ERRORS)[failure.reason];
  return new AwsServiceError(code, failure.message, status);
}
