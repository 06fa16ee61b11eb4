/** Request ids and access logs: every request gets an id (echoed as `x-request-id`) and one log line. */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../observability/logger.js';
import type { ServerMetrics } from '../observability/metrics.js';

interface RequestContext {
  /** This request's id (from a well-formed `x-request-id`, else a new UUID). */
  id: string;
  /** A logger that tags every line with the request id. */
  log: Logger;
}

const contexts = new WeakMap<Request, RequestContext>();

/** The id and logger of a request that passed `requestContext` (a fallback logger for one that did not). */
export function contextOf(req: Request, fallback: Logger): RequestContext {
  return contexts.get(req) ?? { id: 'unknown', log: fallback };
}

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Assigns the request id and logger, and logs method, path (no query: it may hold a token), status and duration. */
export function requestContext(logger: Logger, metrics: ServerMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
    // The child logger is made only when a handler asks for it: the access line below binds the id
    // itself, and making a child per request was a measurable part of the event endpoint's CPU.
    let log: Logger | undefined;
    contexts.set(req, {
      id,
      get log() {
        return (log ??= logger.child({ requestId: id }));
      },
    });
    res.setHeader('x-request-id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      metrics.httpRequests.inc({ method: req.method, code: String(res.statusCode) });
      const line = { method: req.method, path: (req.originalUrl.split('?')[0] ?? '').slice(0, 300), status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 };
      // Changes and refusals are worth a line at info (an audit trail with request ids); plain reads only at debug.
      const tagged = { requestId: id, ...line };
      if (res.statusCode >= 500) logger.error(tagged, 'request failed');
      else if (res.statusCode >= 400 || (req.method !== 'GET' && req.method !== 'HEAD')) logger.info(tagged, 'request');
      else logger.debug(tagged, 'request');
    });
    next();
  };
}
