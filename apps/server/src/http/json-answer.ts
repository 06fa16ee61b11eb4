/**
 * JSON answers without an ETag. Express's `res.json` hashes every body to offer an ETag, which only a
 * conditional GET can use; answers to event deliveries are never fetched again, and the hash was a
 * measurable part of the event endpoint's CPU.
 */
import type { ServerResponse } from 'node:http';

/**
 * Answers `status` with `body` as JSON: the same status line, headers and body as `res.status(status).json(body)`,
 * minus `ETag` (and a content type set earlier is replaced, not given a charset).
 */
export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  if (res.req.method === 'HEAD') res.end();
  else res.end(text);
}
