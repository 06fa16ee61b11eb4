import { timingSafeEqual } from 'node:crypto';
import { computeSignature, parseAuthorization, type SignableRequest } from './signature.js';
import type { CredentialStore, Principal } from './credential-store.js';

/** Why a request was not authenticated; each protocol maps these to its own AWS error names. */
export type AuthFailureReason =
  | 'missing-authentication'
  | 'incomplete-signature'
  | 'unknown-access-key'
  | 'invalid-session-token'
  | 'expired-token'
  | 'signature-mismatch'
  | 'request-expired';

/** A failed SigV4 check, with a message in AWS's words. */
export class AuthFailure extends Error {
  constructor(
    readonly reason: AuthFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'AuthFailure';
  }
}

export interface AuthenticateOptions {
  readonly store: CredentialStore;
  /** Skip every check and treat the caller as the account root (LocalStack's behaviour). */
  readonly acceptAnyCredentials: boolean;
  /** Service clock: decides whether a session has expired. */
  readonly now: () => number;
  /** The signing name the credential scope must carry (`events`, `sts`). */
  readonly service: string;
}

/** AWS refuses signatures dated more than 15 minutes away from its clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

function header(request: SignableRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Verifies a request's SigV4 signature against the known credentials and returns who signed it.
 * Throws AuthFailure with AWS's reason when the key is unknown, the session expired or the signature differs.
 */
export async function authenticate(request: SignableRequest, options: AuthenticateOptions): Promise<Principal> {
  const authorization = header(request, 'authorization');
  const parsed = authorization ? parseAuthorization(authorization) : undefined;
  if (options.acceptAnyCredentials) {
    return options.store.anonymousPrincipal(parsed?.accessKeyId ?? 'anonymous');
  }
  if (!authorization) {
    throw new AuthFailure('missing-authentication', 'Missing Authentication Token');
  }
  if (!parsed) {
    throw new AuthFailure(
      'incomplete-signature',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters of algorithm AWS4-HMAC-SHA256. Authorization=${authorization.split(' ')[0] ?? ''}`,
    );
  }
  const amzDate = header(request, 'x-amz-date') ?? '';
  const requestTime = parseAmzDate(amzDate);
  if (requestTime === undefined || !parsed.signedHeaders.includes('host')) {
    throw new AuthFailure(
      'incomplete-signature',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header, and 'host' among the signed headers.",
    );
  }

  if (parsed.service !== options.service) {
    throw new AuthFailure('signature-mismatch', `Credential should be scoped to correct service: '${options.service}'. `);
  }

  const found = options.store.lookup(parsed.accessKeyId);
  if (found.kind === 'unknown') {
    throw new AuthFailure('unknown-access-key', 'The security token included in the request is invalid.');
  }
  if (found.kind === 'temporary') {
    const token = header(request, 'x-amz-security-token');
    if (token !== found.credential.sessionToken) {
      throw new AuthFailure('invalid-session-token', 'The security token included in the request is invalid.');
    }
    if (options.now() >= found.credential.expiration.getTime()) {
      throw new AuthFailure('expired-token', 'The security token included in the request is expired');
    }
  }

  const expected = await computeSignature(request, parsed, amzDate, found.credential);
  const given = Buffer.from(parsed.signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new AuthFailure(
      'signature-mismatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }

  // A signature is fresh when it is within 15 minutes of the service clock or of the machine clock:
  // tests move the service clock forward and may sign with either (client and server share the machine).
  const serviceNow = options.now();
  const machineNow = Date.now();
  const fresh = (now: number): boolean => Math.abs(now - requestTime) <= MAX_CLOCK_SKEW_MS;
  if (!fresh(serviceNow) && !fresh(machineNow)) {
    const now = serviceNow;
    const earlier = now > requestTime;
    const limit = earlier ? now - MAX_CLOCK_SKEW_MS : now + MAX_CLOCK_SKEW_MS;
    throw new AuthFailure(
      'request-expired',
      `Signature expired: ${amzDate} is now ${earlier ? 'earlier' : 'later'} than ${formatAmzDate(limit)} (${formatAmzDate(now)} ${earlier ? '-' : '+'} 15 min.)`,
    );
  }
  return found.principal;
}
