/**
 * Limits on request bodies, checked at the edge: a declared `Content-Length` past the limit is refused
 * at once (body parsers would otherwise wait for the whole body before answering, so a client that
 * announces gigabytes and sends nothing held the request open), and JSON nested deeper than any flow
 * document or parameter needs is refused with 400 before recursive code could overflow the stack.
 */
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerJson } from './json-answer.js';

/** Largest `/api` request body, in bytes. */
export const API_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** Deepest nesting of arrays and objects accepted in a JSON body. */
export const MAX_JSON_DEPTH = 128;

/** Refuses, before reading it, a body whose declared length is over `limitBytes` (413, connection closed). */
export function refuseOversizedBody(limitBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!answeredOversizedBody(req, res, limitBytes)) next();
  };
}

/** What `refuseOversizedBody` does, for a caller that goes on itself: true when it answered 413. */
export function answeredOversizedBody(req: IncomingMessage, res: ServerResponse, limitBytes: number): boolean {
  const declared = req.headers['content-length'];
  if (declared === undefined || (/^\d{1,16}$/.test(declared) && Number(declared) <= limitBytes)) return false;
  // The unread body would otherwise keep the connection busy; the client has to open a new one.
  res.setHeader('connection', 'close');
  answerJson(res, 413, { error: 'PayloadTooLarge', message: `The request body is declared as ${declared.slice(0, 20)} bytes; at most ${limitBytes} are accepted here.` });
  return true;
}

/** An error body-parser passes on as a 400 when a JSON body is nested too deeply. */
class TooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  readonly expose = true;
}

/** `express.json({ verify })` hook: throws for JSON nested deeper than `MAX_JSON_DEPTH` (scans bytes, no recursion). */
export function verifyJsonDepth(_req: unknown, _res: unknown, buf: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const byte = buf[i]!;
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
      continue;
    }
    if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw new TooDeepError(`The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep; flatten it.`);
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
}
