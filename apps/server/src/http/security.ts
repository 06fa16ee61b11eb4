/**
 * The admin surface's guards: the DNS-rebinding defence (Host allow-list), the bearer token, and
 * JSON-only state changes (no cross-site form post or no-cors fetch can trigger anything).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendError } from './http-error.js';

/** Answers 421 unless the `Host` header names this server (a rebound DNS name of an attacker's page does not). */
export function hostCheck(allowedHosts: readonly string[]): RequestHandler {
  const allowed = new Set(allowedHosts.map((h) => h.toLowerCase()));
  return (req: Request, res: Response, next: NextFunction) => {
    const host = hostnameOf(req.headers.host);
    if (host !== undefined && allowed.has(host)) return next();
    sendError(
      res,
      421,
      'HostNotAllowed',
      `This server does not answer to the host name "${String(req.headers.host ?? '').slice(0, 100)}". Open it as http://localhost or http://127.0.0.1, or add the name to APP_URL or FLOWBRIDGE_ALLOWED_HOSTS.`,
    );
  };
}

/** The host name of a Host header without its port (`[::1]:8080` → `[::1]`), lower case. */
export function hostnameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end > 0 ? value.slice(0, end + 1) : undefined;
  }
  return value.replace(/:\d+$/, '');
}

/** Requires `Authorization: Bearer <token>` (compared in constant time); 401 otherwise. */
export function bearerToken(token: string, options: { queryParameterFor?: (req: Request) => boolean } = {}): RequestHandler {
  const expected = digest(token);
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    let presented = typeof header === 'string' && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '').trim() : undefined;
    // EventSource cannot send headers, so the live stream may carry the token as ?access_token=.
    if (presented === undefined && options.queryParameterFor?.(req) && typeof req.query.access_token === 'string') presented = req.query.access_token;
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) return next();
    res.setHeader('www-authenticate', 'Bearer realm="flowbridge"');
    sendError(res, 401, 'Unauthorized', presented === undefined ? 'This server requires the admin token: send "Authorization: Bearer <FLOWBRIDGE_ADMIN_TOKEN>".' : 'The admin token is not correct.');
  };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * State-changing requests must be `application/json` (415 otherwise). DELETE without a body is fine:
 * browsers only send it cross-site after a CORS preflight, which this server never grants.
 */
export function jsonOnlyStateChanges(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    const type = req.headers['content-type'];
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (req.method === 'DELETE' && type === undefined && !hasBody) return next();
    const mediaType = type?.split(';')[0]?.trim().toLowerCase();
    if (mediaType === 'application/json') return next();
    sendError(res, 415, 'UnsupportedMediaType', `${req.method} requests must send a JSON body with "Content-Type: application/json"${type ? `, not "${type.slice(0, 100)}"` : ''}.`);
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
