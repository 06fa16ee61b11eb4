import { validationError } from '../aws-error.js';

/** Hosts a local service may call over plain http: the machine itself (a documented deviation from AWS). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for an https URL, or an http URL whose host is a loopback address. */
export function isAllowedEndpoint(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return url.hostname !== '';
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
}

/**
 * AWS calls only https endpoints (the model names the type `HttpsEndpoint`); plain http stays allowed
 * for 127.0.0.1, localhost and ::1 so a local loop works. `member` is the request member, e.g. InvocationEndpoint.
 */
export function requireHttpsEndpoint(member: string, endpoint: string): void {
  if (!isAllowedEndpoint(endpoint)) {
    throw validationError(
      `${member} ${endpoint} is not valid: use an https:// URL (http:// is accepted only for 127.0.0.1, localhost and ::1).`,
    );
  }
}
