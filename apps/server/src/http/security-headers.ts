/**
 * The security headers every answer carries, as helmet produces them. Helmet runs a chain of a dozen
 * middlewares per request to set the same fixed values each time (a measurable share of the event
 * endpoint's CPU); with a configuration that has no per-request part (no CSP nonce or other function
 * directive), its answer to one request is its answer to all of them, so it is recorded once at start-up
 * and replayed in the same order.
 */
import helmet, { type HelmetOptions } from 'helmet';
import type { PlainMiddleware } from './direct-routes.js';

/** The server's helmet configuration. */
export const SECURITY_HEADER_OPTIONS: Readonly<HelmetOptions> = {
  crossOriginEmbedderPolicy: false,
  // The server usually speaks plain HTTP (loopback or a LAN address); upgrading asset requests to HTTPS would break the editor.
  contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } },
};

/** One header helmet sets (with its value) or removes (without one). */
export type HeaderChange = readonly [name: string, value: string | number | readonly string[]] | readonly [name: string];

/** Helmet's header changes for `options`, in the order it makes them; throws for a configuration whose headers depend on the request. */
export function recordHelmetHeaders(options: Readonly<HelmetOptions>): HeaderChange[] {
  const directives = typeof options.contentSecurityPolicy === 'object' ? options.contentSecurityPolicy.directives : undefined;
  for (const [name, value] of Object.entries(directives ?? {})) {
    const entries = typeof value === 'string' || value === null || typeof value !== 'object' || !(Symbol.iterator in value) ? [] : [...(value as Iterable<unknown>)];
    if (typeof value === 'function' || entries.some((entry) => typeof entry === 'function')) {
      throw new Error(`The Content-Security-Policy directive ${name} is computed per request; its headers cannot be recorded once.`);
    }
  }
  const changes: HeaderChange[] = [];
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      changes.push([name, value]);
      return response;
    },
    removeHeader(name: string) {
      changes.push([name]);
    },
  };
  let outcome: { error: unknown } | undefined;
  const middleware = helmet(options) as unknown as (req: object, res: typeof response, next: (error?: unknown) => void) => void;
  middleware({}, response, (error?: unknown) => {
    outcome = { error };
  });
  if (!outcome) throw new Error('helmet did not finish synchronously; its headers cannot be recorded once.');
  if (outcome.error) throw new Error('helmet refused its configuration', { cause: outcome.error });
  return changes;
}

/** Sets helmet's headers for `options` (recorded once) on every response. */
export function securityHeaders(options: Readonly<HelmetOptions> = SECURITY_HEADER_OPTIONS): PlainMiddleware {
  const changes = recordHelmetHeaders(options);
  return (_req, res, next) => {
    for (const change of changes) {
      if (change.length === 2) res.setHeader(change[0], change[1]);
      else res.removeHeader(change[0]);
    }
    next();
  };
}
