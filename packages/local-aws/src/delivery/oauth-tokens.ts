import type { ConnectionRecord } from '../events/model.js';

/** A token fetch that worked, or why it did not, in words a user can act on. */
export type TokenResult = { readonly ok: true; readonly token: string } | { readonly ok: false; readonly reason: string };

export interface OAuthTokensOptions {
  /** How long the authorization endpoint may take, in ms. */
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly log: (line: string) => void;
  /** Called after a connection's state changed (AUTHORIZED / DEAUTHORIZED), so it can be persisted. */
  readonly changed: () => void;
}

/** Tokens without `expires_in` are kept this long; AWS refreshes on 401 anyway. */
const DEFAULT_LIFETIME_MS = 3600 * 1000;
/** A token about to expire is refreshed this much early so a call does not carry a stale one. */
const EARLY_REFRESH_MS = 30 * 1000;
/** The largest token answer read, so a hostile endpoint cannot fill memory. */
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

/**
 * OAuth client-credentials tokens for connections: fetched from the connection's authorization endpoint
 * with the client id and secret (HTTP Basic) and its OAuthHttpParameters, cached until they expire,
 * dropped on a 401. Moves the connection AUTHORIZING → AUTHORIZED, or DEAUTHORIZED when the fetch fails.
 */
export class OAuthTokens {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<TokenResult>>();

  constructor(private readonly options: OAuthTokensOptions) {}

  /** A valid bearer token for the connection, fetching one when none is cached. */
  token(connection: ConnectionRecord): Promise<TokenResult> {
    const cached = this.cache.get(connection.arn);
    if (cached && cached.expiresAt - EARLY_REFRESH_MS > this.options.now()) return Promise.resolve({ ok: true, token: cached.token });
    let pending = this.pending.get(connection.arn);
    if (!pending) {
      pending = this.fetchToken(connection).finally(() => this.pending.delete(connection.arn));
      this.pending.set(connection.arn, pending);
    }
    return pending;
  }

  /** Forgets a connection's token (after a 401, or when the connection changed). */
  invalidate(connectionArn: string): void {
    this.cache.delete(connectionArn);
  }

  private async fetchToken(connection: ConnectionRecord): Promise<TokenResult> {
    const oauth = connection.authParameters.OAuthParameters;
    const result = oauth ? await this.request(oauth) : { ok: false as const, reason: 'The connection has no OAuthParameters.' };
    if (result.ok) {
      this.cache.set(connection.arn, { token: result.token, expiresAt: this.options.now() + result.lifetimeMs });
      connection.state = 'AUTHORIZED';
      connection.lastAuthorizedTime = this.options.now();
    } else {
      connection.state = 'DEAUTHORIZED';
      this.options.log(`connection ${connection.name} could not authorize: ${result.reason}`);
    }
    this.options.changed();
    return result.ok ? { ok: true, token: result.token } : result;
  }

  private async request(
    oauth: NonNullable<ConnectionRecord['authParameters']['OAuthParameters']>,
  ): Promise<{ ok: true; token: string; lifetimeMs: number } | { ok: false; reason: string }> {
    let url: URL;
    try {
      url = new URL(oauth.AuthorizationEndpoint);
    } catch {
      return { ok: false, reason: `AuthorizationEndpoint ${oauth.AuthorizationEndpoint} is not a URL.` };
    }
    const params = oauth.OAuthHttpParameters;
    for (const p of params?.QueryStringParameters ?? []) url.searchParams.set(p.Key ?? '', p.Value ?? '');
    const headers: Record<string, string> = {};
    for (const p of params?.HeaderParameters ?? []) headers[(p.Key ?? '').toLowerCase()] = p.Value ?? '';
    const client = oauth.ClientParameters;
    if (client) {
      headers.authorization = `Basic ${Buffer.from(`${client.ClientID}:${client.ClientSecret ?? ''}`).toString('base64')}`;
    }
    const method = oauth.HttpMethod.toUpperCase();
    let body: string | undefined;
    if (method !== 'GET' && method !== 'HEAD') {
      const form = new URLSearchParams();
      for (const p of params?.BodyParameters ?? []) form.set(p.Key ?? '', p.Value ?? '');
      body = form.toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    let response: Response;
    try {
      response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (error) {
      return { ok: false, reason: `${method} ${url.origin}${url.pathname} failed: ${(error as Error).message}.` };
    }
    const text = (await response.text()).slice(0, MAX_TOKEN_RESPONSE_BYTES);
    if (!response.ok) return { ok: false, reason: `${method} ${url.origin}${url.pathname} answered HTTP ${response.status}.` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, reason: `${url.origin}${url.pathname} answered something that is not JSON; it must answer {"access_token": ..., "expires_in": ...}.` };
    }
    const answer = parsed as { access_token?: unknown; expires_in?: unknown };
    if (typeof answer.access_token !== 'string' || answer.access_token === '') {
      return { ok: false, reason: `${url.origin}${url.pathname} answered without an access_token.` };
    }
    const expiresIn = Number(answer.expires_in);
    return { ok: true, token: answer.access_token, lifetimeMs: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : DEFAULT_LIFETIME_MS };
  }
}
