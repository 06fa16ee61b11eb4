/** Request ids and access logs: every request gets an id (echoed as `x-request-id`) and one log line. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { PlainMiddleware } from './direct-routes.js';
import type { Logger } from '../observability/logger.js';
import type { ServerMetrics } from '../observability/metrics.js';

interface RequestContext {
  /** This request's id (from a well-formed `x-request-id`, else a new UUID). */
  id: string;
  /** A logger that tags every line with the request id. */
  log: Logger;
}

/**
 * The child logger is made only when a handler asks for it: the access line binds the id itself, and
 * making a child per request was a measurable part of the event endpoint's CPU.
 */
class LazyRequestContext implements RequestContext {
  private child: Logger | undefined;

  constructor(
    readonly id: string,
    private readonly logger: Logger,
  ) {}

  get log(): Logger {
    return (this.child ??= this.logger.child({ requestId: this.id }));
  }
}

// A property on the request instead of a WeakMap entry: every request would otherwise add a weak
// entry the garbage collector has to process separately.
const CONTEXT = Symbol('flowbridge.requestContext');
type WithContext = IncomingMessage & { [CONTEXT]?: RequestContext };

/** The id and logger of a request that passed `requestContext` (a fallback logger for one that did not). */
export function contextOf(req: IncomingMessage, fallback: Logger): RequestContext {
  return (req as WithContext)[CONTEXT] ?? { id: 'unknown', log: fallback };
}

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The path of `url` without its query (it may hold a token), shortened for the log. */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return (query < 0 ? url : url.slice(0, query)).slice(0, 300);
}

/** Assigns the request id and logger, and logs method, path (no query: it may hold a token), status and duration. */
export function requestContext(logger: Logger, metrics: ServerMetrics): PlainMiddleware {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
    (req as WithContext)[CONTEXT] = new LazyRequestContext(id, logger);
    res.setHeader('x-request-id', id);
    const started = performance.now();
    // The URL as received: a mounted router later shortens `req.url` to its own part.
    const url = req.url ?? '';
    res.on('finish', () => {
      const method = req.method ?? '';
      const status = res.statusCode;
      metrics.httpRequests.inc({ method, code: String(status) });
      const line = { requestId: id, method, path: pathOf(url), status, durationMs: Math.round((performance.now() - started) * 10) / 10 };
      // Changes and refusals are worth a line at info (an audit trail with request ids); plain reads only at debug.
      if (status >= 500) logger.error(line, 'request failed');
      else if (status >= 400 || (method !== 'GET' && method !== 'HEAD')) logger.info(line, 'request');
      else logger.debug(line, 'request');
    });
    next();
  };
}
