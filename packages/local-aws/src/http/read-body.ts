import type { IncomingMessage } from 'node:http';
import { AwsServiceError } from '../aws-error.js';

/** Reads a request body up to `limit` bytes; larger bodies are refused as AWS does (413). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      throw new AwsServiceError('RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes.`, 413);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
