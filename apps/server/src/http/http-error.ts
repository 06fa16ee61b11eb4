/** JSON errors every route answers with: `{error, message, details?}`. */
import type { Response } from 'express';

/** An error a route throws to answer with a 4xx/5xx; the error handler turns it into JSON. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Writes `{error, message, details?}` with `status`. */
export function sendError(res: Response, status: number, error: string, message: string, details?: unknown): void {
  res.status(status).json(details === undefined ? { error, message } : { error, message, details });
}
