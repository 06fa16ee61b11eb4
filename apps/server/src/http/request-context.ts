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
    const log = logger.child({ requestId: id });
    contexts.set(req, { id, log });
    res.setHeader('x-request-id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      metrics.httpRequests.inc({ method: req.method, code: String(res.statusCode) });
      const line = { method: req.method, path: req.path.slice(0, 300), status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 };
      if (res.statusCode >= 500) log.error(line, 'request failed');
      else log.debug(line, 'request');
    });
    next();
  };
}
