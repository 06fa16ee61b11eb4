import express, { type Response } from 'express';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { answerJson } from './json-answer.js';

/** Status, raw header lines (without `Date`) and body of one request to an app answering with `send`. */
async function exchange(send: (res: Response) => void, method: string): Promise<{ status: number; headers: Array<[string, string]>; body: string }> {
  const app = express();
  app.all('/{*splat}', (_req, res) => send(res));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path: '/x', headers: { connection: 'close' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers: Array<[string, string]> = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i]!.toLowerCase() !== 'date') headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          resolve({ status: res.statusCode!, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    server.close();
  }
}

describe('answerJson', () => {
  const body = { id: 'évènement-1', status: 'accepted', nested: { list: [1, 'two', null] } };

  it('answers like res.json, without the ETag', async () => {
    for (const method of ['POST', 'GET', 'HEAD']) {
      for (const status of [200, 202, 429]) {
        const expressAnswer = await exchange((res) => res.status(status).json(body), method);
        const ours = await exchange((res) => answerJson(res, status, body), method);
        expect(expressAnswer.headers.some(([name]) => name === 'ETag')).toBe(true);
        expect(ours).toEqual({ ...expressAnswer, headers: expressAnswer.headers.filter(([name]) => name !== 'ETag') });
      }
    }
  });
});
