import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import { recordHelmetHeaders, securityHeaders, SECURITY_HEADER_OPTIONS } from './security-headers.js';

/** The raw header lines (name, value) of a GET to an app with `middleware` in front of a fixed answer, without `Date`. */
async function rawHeaders(middleware: RequestHandler, method = 'GET'): Promise<Array<[string, string]>> {
  const app = express();
  app.use(middleware);
  app.all('/{*splat}', (_req, res) => {
    res.status(202).json({ ok: true });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const raw = await new Promise<string[]>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path: '/x', headers: { connection: 'close' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.rawHeaders));
      });
      req.on('error', reject);
      req.end();
    });
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() !== 'date') pairs.push([raw[i]!, raw[i + 1]!]);
    return pairs;
  } finally {
    server.close();
  }
}

describe('security headers', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers with the same header lines, in the same order, as helmet itself', async () => {
    for (const method of ['GET', 'POST']) {
      expect(await rawHeaders(securityHeaders(), method)).toEqual(await rawHeaders(helmet(SECURITY_HEADER_OPTIONS), method));
    }
  });

  it('gives every answer of the server the headers helmet sets for its configuration', async () => {
    const expected = recordHelmetHeaders(SECURITY_HEADER_OPTIONS);
    expect(expected.length).toBeGreaterThan(5);
    server = await startTestServer();
    const res = await server.api('/healthz');
    for (const change of expected) expect([change[0], res.headers.get(change[0])]).toEqual([change[0], change.length === 2 ? String(change[1]) : null]);
  });

  it('refuses a configuration whose Content-Security-Policy differs per request (a nonce)', () => {
    const nonce = () => `'nonce-${Math.random()}'`;
    expect(() => recordHelmetHeaders({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", nonce] } } })).toThrow(/per request/);
  });
});
