/** JSON errors every route answers with: `{error, message, details?}`. */
import type { Response } from 'express';

export function sendError(res: Response, status: number, error: string, message: string, details?: unknown): void {
  res.status(status).json(details === undefined ? { error, message } : { error, message, details });
}
