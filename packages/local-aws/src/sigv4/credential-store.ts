import { randomBytes, randomUUID } from 'node:crypto';

/** A long-term access key the service accepts (AWS's IAM user keys; default `test`/`test`). */
export interface StaticCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Account the key belongs to; default: the key id itself when it is 12 digits, else the service's account. */
  readonly accountId?: string;
}

/** Who signed a request, as GetCallerIdentity reports it. */
export interface Principal {
  readonly accountId: string;
  readonly arn: string;
  readonly userId: string;
  readonly accessKeyId: string;
}

/** A session this service's STS issued through AssumeRole. */
export interface TemporaryCredential extends StaticCredential {
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly principal: Principal;
}

export type CredentialLookup =
  | { readonly kind: 'static'; readonly credential: StaticCredential; readonly principal: Principal }
  | { readonly kind: 'temporary'; readonly credential: TemporaryCredential; readonly principal: Principal }
  | { readonly kind: 'unknown' };

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomKeySuffix(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += KEY_ALPHABET[b % KEY_ALPHABET.length];
  return out;
}

/** Holds the keys requests may be signed with: configured static keys plus the sessions STS issued. */
export class CredentialStore {
  private readonly staticKeys = new Map<string, StaticCredential>();
  private readonly sessions = new Map<string, TemporaryCredential>();

  constructor(
    credentials: readonly StaticCredential[],
    private readonly accountId: string,
  ) {
    for (const c of credentials) this.staticKeys.set(c.accessKeyId, c);
  }

  /** The account a long-term key belongs to (LocalStack's rule: a 12-digit key id names its account). */
  accountFor(accessKeyId: string, configured?: string): string {
    if (configured !== undefined) return configured;
    return /^\d{12}$/.test(accessKeyId) ? accessKeyId : this.accountId;
  }

  /** Finds the secret and principal behind an access key id. */
  lookup(accessKeyId: string): CredentialLookup {
    const s = this.staticKeys.get(accessKeyId);
    if (s) {
      const accountId = this.accountFor(accessKeyId, s.accountId);
      return {
        kind: 'static',
        credential: s,
        principal: { accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId, accessKeyId },
      };
    }
    const t = this.sessions.get(accessKeyId);
    if (t) return { kind: 'temporary', credential: t, principal: t.principal };
    return { kind: 'unknown' };
  }

  /** A principal for a caller whose key is not known (acceptAnyCredentials mode). */
  anonymousPrincipal(accessKeyId: string): Principal {
    const session = this.sessions.get(accessKeyId);
    if (session) return session.principal;
    const accountId = this.accountFor(accessKeyId);
    return { accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId, accessKeyId };
  }

  /** Issues session credentials for an assumed role, valid until `expiration`. */
  issueSession(role: { arn: string; accountId: string; name: string }, sessionName: string, expiration: Date): TemporaryCredential {
    const accessKeyId = `ASIA${randomKeySuffix(16)}`;
    const roleId = `AROA${randomKeySuffix(17)}`;
    const credential: TemporaryCredential = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 40),
      sessionToken: Buffer.from(`flowbridge-local-session:${randomUUID()}:${role.arn}`).toString('base64'),
      expiration,
      principal: {
        accountId: role.accountId,
        arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
        userId: `${roleId}:${sessionName}`,
        accessKeyId,
      },
    };
    this.sessions.set(accessKeyId, credential);
    return credential;
  }
}
