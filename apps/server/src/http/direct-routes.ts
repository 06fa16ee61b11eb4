/**
 * Routes answered ahead of Express's router. An event endpoint takes most of a busy server's requests,
 * and for them Express's own work per request (swapping the request's and response's prototypes,
 * parsing the URL, matching every app-level layer and the mount, then the route) was a measurable share
 * of the CPU. A request whose method and path are exactly a direct route's runs the app's front
 * middleware (the same instances, in the same order) and the route's handler; the mounted router calls
 * the same handler for every other spelling of the path (case, trailing slash, percent-encoding), so
 * both ways answer alike. Every other request goes to Express unchanged.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { answeredOversizedBody } from './body-limits.js';
import { answerJson } from './json-answer.js';

/** A middleware that needs only Node's request and response, so it can run ahead of Express too. */
export type PlainMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** One method on one exact path, answered by `handle` without Express. */
export interface DirectRoute {
  method: string;
  /** The whole path, e.g. `/rest/EventBridge/v1/event`; the query is ignored when matching. */
  path: string;
  /** Answers the request itself, whatever happens (it must not throw). */
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  /** Largest request body; a longer declared `Content-Length` is answered 413 before the handler runs. */
  bodyLimitBytes: number;
}

/**
 * Answers `routes` directly after the `front` middleware and hands every other request to `app`;
 * `onError` hears of a front middleware or handler that failed (the request is then answered 500).
 */
export function directRoutesFirst(
  app: RequestListener,
  front: readonly PlainMiddleware[],
  routes: readonly DirectRoute[],
  onError: (error: unknown) => void,
): RequestListener {
  if (routes.length === 0) return app;
  const byPath = new Map<string, DirectRoute>();
  for (const route of routes) {
    if (byPath.has(route.path)) throw new Error(`Two direct routes use the path ${route.path}.`);
    byPath.set(route.path, route);
  }
  return (req, res) => {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const route = byPath.get(query < 0 ? url : url.slice(0, query));
    if (route === undefined || route.method !== req.method) return app(req, res);
    let index = 0;
    const fail = (error: unknown): void => {
      onError(error);
      if (!res.headersSent) answerJson(res, 500, { error: 'InternalError', message: 'The server failed to handle the request; its log has the details.' });
    };
    const next = (error?: unknown): void => {
      if (error !== undefined) return fail(error);
      const middleware = front[index++];
      if (middleware) return middleware(req, res, next);
      if (!answeredOversizedBody(req, res, route.bodyLimitBytes)) route.handle(req, res);
    };
    try {
      next();
    } catch (error) {
      fail(error);
    }
  };
}
