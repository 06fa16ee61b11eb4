/**
 * Registers a route of the API's route table on a router: the path and method come from the table, and
 * params, query and body are validated against its schemas before the handler runs (400 naming the field).
 */
import type { IRouter, NextFunction, Request, RequestHandler, Response } from 'express';
import { routes, type RouteBody, type RouteId, type RouteParams, type RouteQuery, type RouteSpec, type RouteTable } from '@flowbridge/api-schema';
import type { z } from 'zod';
import { sendError } from './http-error.js';

/** The validated inputs of a route, typed by its schemas. */
export interface RouteInput<Id extends RouteId> {
  params: RouteParams<Id>;
  query: RouteQuery<Id>;
  body: RouteBody<Id>;
}

type ResponseBodies<Id extends RouteId> = {
  [S in keyof RouteTable[Id]['responses']]: RouteTable[Id]['responses'][S] extends { schema: infer T } ? (T extends z.ZodType ? z.output<T> : never) : never;
}[keyof RouteTable[Id]['responses']];

/** The response of a route: `res.json` accepts only what the table declares for it. */
export type RouteResponse<Id extends RouteId> = Response<ResponseBodies<Id>>;

export type RouteHandler<Id extends RouteId> = (input: RouteInput<Id>, res: RouteResponse<Id>, req: Request) => unknown;

/** Which part of the request was wrong, for the default error codes. */
const DEFAULT_CODES = { params: 'InvalidParams', query: 'InvalidQuery', body: 'InvalidBody' } as const;
type Part = keyof typeof DEFAULT_CODES;

/** `field: what is expected` for each issue, e.g. `limit: must be a whole number from 1 to 500.` */
function describeIssues(part: Part, issues: readonly z.core.$ZodIssue[]): { message: string; details: Array<{ in: Part; field: string; message: string }> } {
  const details = issues.slice(0, 20).map((issue) => {
    const field = issue.path.map(String).join('.');
    return { in: part, field, message: issue.message };
  });
  const what = part === 'body' ? 'The request body' : part === 'query' ? 'The query' : 'The URL';
  const message = details.map((d) => (d.field ? `${d.field}: ${d.message}` : `${what}: ${d.message}`)).join(' ');
  return { message, details };
}

/** Validates the parts a route declares; answers 400 with the route's error code on the first wrong part. */
function validator(spec: RouteSpec): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const input: Record<Part, unknown> = { params: req.params, query: req.query, body: req.body };
    const parts: Array<[Part, z.ZodType | undefined]> = [
      ['params', spec.params],
      ['query', spec.query],
      ['body', spec.validateBody === false ? undefined : spec.body],
    ];
    for (const [part, schema] of parts) {
      if (!schema) continue;
      const parsed = schema.safeParse(input[part]);
      if (!parsed.success) {
        const { message, details } = describeIssues(part, parsed.error.issues);
        return sendError(res, 400, spec.errorCodes?.[part] ?? DEFAULT_CODES[part], message, details);
      }
      input[part] = parsed.data;
    }
    res.locals.input = input;
    next();
  };
}

/**
 * Registers table route `id` on `router`, which is mounted at `mountPath` (the table holds full paths).
 * The handler gets the validated inputs; what it throws (or rejects with) goes to the error handler.
 */
export function apiRoute<Id extends RouteId>(router: IRouter, mountPath: string, id: Id, handler: RouteHandler<Id>): void {
  const spec: RouteSpec = routes[id];
  if (!spec.path.startsWith(mountPath)) throw new Error(`Route ${id} (${spec.path}) is not under ${mountPath}`);
  const path = spec.path.slice(mountPath.length) || '/';
  router[spec.method](path, validator(spec), async (req: Request, res: Response) => {
    await handler(res.locals.input as RouteInput<Id>, res as RouteResponse<Id>, req);
  });
}
