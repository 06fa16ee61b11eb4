/** The shape of one route of the API's route table. */
import type { z } from 'zod';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete';

/** One answer of a route: JSON with a schema, another media type, or no body. */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to `application/json` when there is a schema. */
  contentType?: string;
  /** Response headers, by name → description. */
  headers?: Record<string, string>;
}

/** One route: what it takes and what it answers. `path` uses Express syntax (`/api/flows/:name`). */
export interface RouteSpec {
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** False when the handler validates the body itself (flow documents: 422 with flow-model's problems). */
  validateBody?: boolean;
  /** Request headers the route reads, by name → description. */
  headers?: Record<string, string>;
  /** The error code of a 400 for each part, e.g. `InvalidQuery`. */
  errorCodes?: { params?: string; query?: string; body?: string };
  responses: Record<number, ResponseSpec>;
  /** False for routes answered without the admin token (probes). */
  secured?: boolean;
  /** Routes outside `/api` that the table documents but does not guard the same way. */
  tags?: string[];
}
