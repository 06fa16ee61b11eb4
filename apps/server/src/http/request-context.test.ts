import express from 'express';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { SecretMasker } from '../observability/secret-masker.js';
import type { InboxRepository } from '../storage/storage.js';
import { contextOf, requestContext } from './request-context.js';

/** An app behind `requestContext` whose routes answer with the status in their path; its log lines as parsed JSON. */
async function withApp(run: (url: string, lines: Array<Record<string, unknown>>, counted: () => Promise<Array<{ labels: object; value: number }>>) => Promise<void>): Promise<void> {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ level: 'debug', masker: new SecretMasker(() => new Set(['hunter2'])), destination });
  const metrics = createMetrics({} as InboxRepository, { defaultMetrics: false });
  const app = express();
  app.use(requestContext(logger, metrics));
  // A mounted router sees only its part of the URL; the access line must still name the whole path.
  const mounted = express.Router();
  mounted.patch('/inner', (_req, res) => res.status(201).send('x'));
  app.use('/mounted/part', mounted);
  app.all('/status/:code/{*rest}', (req, res) => {
    contextOf(req, logger).log.warn({ step: 'handler' }, 'inside');
    res.status(Number(req.params.code)).send('x');
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, lines, async () => (await metrics.httpRequests.get()).values);
  } finally {
    server.close();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('request context', () => {
  it('logs one line per request: changes and refusals at info, reads at debug, failures at error, with the id, method, path without query, status and duration', async () => {
    await withApp(async (url, lines) => {
      const cases = [
        ['POST', '/status/202/events?token=hunter2', 'info', 'request'],
        ['GET', '/status/200/page?q=1', 'debug', 'request'],
        ['GET', '/status/404/missing', 'info', 'request'],
        ['DELETE', '/status/503/broken', 'error', 'request failed'],
        ['PATCH', '/mounted/part/inner?x=1', 'info', 'request'],
      ] as const;
      for (const [method, path, level, msg] of cases) {
        const res = await fetch(`${url}${path}`, { method, headers: { 'x-request-id': `id-${method}-${level}` } });
        await res.text();
        await settle();
        const access = lines.filter((line) => line.requestId === `id-${method}-${level}` && line.step === undefined);
        expect(access).toHaveLength(1);
        const line = access[0]!;
        expect(Object.keys(line)).toEqual(['level', 'time', 'service', 'requestId', 'method', 'path', 'status', 'durationMs', 'msg']);
        expect(line).toMatchObject({ level, service: 'flowbridge', method, path: path.split('?')[0], status: res.status, msg });
        expect(typeof line.durationMs).toBe('number');
        expect(Math.round((line.durationMs as number) * 10)).toBe((line.durationMs as number) * 10);
      }
      expect(JSON.stringify(lines)).not.toContain('hunter2');
    });
  });

  it('echoes a well-formed x-request-id, makes a UUID for a missing or malformed one, and tags the handler\'s log lines with it', async () => {
    await withApp(async (url, lines) => {
      const given = await fetch(`${url}/status/200/a`, { headers: { 'x-request-id': 'trace_1.2-3' } });
      const malformed = await fetch(`${url}/status/200/b`, { headers: { 'x-request-id': 'has spaces' } });
      const missing = await fetch(`${url}/status/200/c`);
      await settle();
      expect(given.headers.get('x-request-id')).toBe('trace_1.2-3');
      for (const res of [malformed, missing]) expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(malformed.headers.get('x-request-id')).not.toBe(missing.headers.get('x-request-id'));
      const inside = lines.filter((line) => line.step === 'handler').map((line) => line.requestId);
      expect(inside).toEqual([given, malformed, missing].map((res) => res.headers.get('x-request-id')));
    });
  });

  it('counts requests by method and status code', async () => {
    await withApp(async (url, _lines, counted) => {
      await (await fetch(`${url}/status/202/x`, { method: 'POST' })).text();
      await (await fetch(`${url}/status/202/y`, { method: 'POST' })).text();
      await settle();
      await (await fetch(`${url}/status/404/z`)).text();
      await settle();
      expect(await counted()).toEqual([
        { labels: { method: 'POST', code: '202' }, value: 2 },
        { labels: { method: 'GET', code: '404' }, value: 1 },
      ]);
    });
  });

  it('answers "unknown" and the fallback logger for a request it has not seen', () => {
    const fallback = createLogger({ level: 'silent', masker: new SecretMasker(() => new Set()) });
    expect(contextOf({} as express.Request, fallback)).toEqual({ id: 'unknown', log: fallback });
  });
});
