/** Assumed-role credentials kept per (caller, role, session) and renewed shortly before they expire. */
import { createHash } from 'node:crypto';
import type { AwsCredentials } from './credentials.js';

/** What identifies one assumed-role session. */
export interface AssumeRoleKey {
  /** Who assumes: an access key id (plus a digest of its secret), or `default-chain`. */
  caller: string;
  roleArn: string;
  roleSessionName: string;
  durationSeconds?: number;
  externalId?: string;
  region: string;
  endpoint?: string;
}

/** Options of the cache; `now` is injectable so tests can move past an expiry without waiting 15 minutes. */
export interface TemporaryCredentialsCacheOptions {
  now?: () => number;
  /** Renew this long before expiry (default 5 minutes, capped at half the lifetime). */
  refreshBeforeExpiryMs?: number;
}

interface Entry {
  credentials: AwsCredentials;
  issuedAt: number;
  expiresAt: number;
}

/** Caches assumed-role credentials; concurrent runs asking for the same role share one STS call. */
export class TemporaryCredentialsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<AwsCredentials>>();
  private readonly now: () => number;
  private readonly refreshBeforeExpiryMs: number;

  constructor(options: TemporaryCredentialsCacheOptions = {}) {
    this.now = options.now ?? Date.now;
    this.refreshBeforeExpiryMs = options.refreshBeforeExpiryMs ?? 5 * 60_000;
  }

  /** Cached credentials that are not about to expire, or fresh ones from `assume`. */
  async get(key: AssumeRoleKey, assume: () => Promise<AwsCredentials>): Promise<AwsCredentials> {
    const id = digest(key);
    const entry = this.entries.get(id);
    if (entry && this.isFresh(entry)) return entry.credentials;
    const inFlight = this.pending.get(id);
    if (inFlight) return inFlight;
    const request = (async () => {
      try {
        const credentials = await assume();
        const issuedAt = this.now();
        const expiresAt = credentials.expiration ? Date.parse(credentials.expiration) : Number.POSITIVE_INFINITY;
        this.entries.set(id, { credentials, issuedAt, expiresAt });
        return credentials;
      } finally {
        this.pending.delete(id);
      }
    })();
    this.pending.set(id, request);
    return request;
  }

  /** Forgets every cached session. */
  clear(): void {
    this.entries.clear();
  }

  private isFresh(entry: Entry): boolean {
    const margin = Math.min(this.refreshBeforeExpiryMs, (entry.expiresAt - entry.issuedAt) / 2);
    return this.now() < entry.expiresAt - margin;
  }
}

// The key holds a caller's access key id; hashing keeps even that out of the map's keys.
function digest(key: AssumeRoleKey): string {
  return createHash('sha256').update(JSON.stringify([key.caller, key.roleArn, key.roleSessionName, key.durationSeconds ?? 0, key.externalId ?? '', key.region, key.endpoint ?? ''])).digest('hex');
}

/** The caller part of a cache key: access key id plus a digest of its secret, or the default chain. */
export function callerOf(credentials: AwsCredentials | undefined): string {
  if (!credentials) return 'default-chain';
  return `${credentials.accessKeyId}:${createHash('sha256').update(`${credentials.secretAccessKey}\u0000${credentials.sessionToken ?? ''}`).digest('hex')}`;
}
