import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { directRoutesFirst, type DirectRoute, type PlainMiddleware } from './direct-routes.js';

/** Serves `listener` on a free loopback port for the duration of `run`. */
async function serve(listener: RequestListener, run: (url: string) => Promise<void>): Promise<void> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A listener standing in for Express: answers 299 with `app` and counts what it got. */
function fallback(seen: string[]): RequestListener {
  return (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.statusCode = 299;
    res.end('app');
  };
}

const route = (handled: string[], overrides: Partial<DirectRoute> = {}): DirectRoute => ({
  method: 'POST',
  path: '/rest/X/v1/event',
  bodyLimitBytes: 100,
  handle: (req: IncomingMessage, res: ServerResponse) => {
    handled.push(`${req.method} ${req.url}`);
    res.statusCode = 202;
    res.end(String(res.getHeader('x-front')));
  },
  ...overrides,
});

describe('direct routes', () => {
  it('answers the exact method and path (any query) after the front middleware, in order, and hands everything else to the app', async () => {
    const seen: string[] = [];
    const handled: string[] = [];
    const front: PlainMiddleware[] = [
      (_req, res, next) => {
        res.setHeader('x-front', 'first');
        next();
      },
      (_req, res, next) => {
        res.setHeader('x-front', `${String(res.getHeader('x-front'))}+second`);
        next();
      },
    ];
    await serve(directRoutesFirst(fallback(seen), front, [route(handled)], () => undefined), async (url) => {
      const direct = await fetch(`${url}/rest/X/v1/event`, { method: 'POST', body: '{}' });
      expect([direct.status, await direct.text()]).toEqual([202, 'first+second']);
      expect((await fetch(`${url}/rest/X/v1/event?a=1`, { method: 'POST', body: '{}' })).status).toBe(202);
      for (const [method, path] of [
        ['GET', '/rest/X/v1/event'],
        ['PUT', '/rest/X/v1/event'],
        ['POST', '/rest/X/v1/event/'],
        ['POST', '/REST/X/v1/event'],
        ['POST', '/rest/X/v1/even%74'],
        ['POST', '/rest/X/v1'],
        ['POST', '/api/flows'],
      ] as const) {
        const res = await fetch(`${url}${path}`, { method, ...(method === 'GET' ? {} : { body: '{}' }) });
        expect([method, path, res.status, await res.text()]).toEqual([method, path, 299, 'app']);
      }
    });
    expect(handled).toEqual(['POST /rest/X/v1/event', 'POST /rest/X/v1/event?a=1']);
    expect(seen).toHaveLength(7);
  });

  it('answers 413 and closes the connection for a declared body over the route limit, without calling the handler', async () => {
    const handled: string[] = [];
    await serve(directRoutesFirst(fallback([]), [], [route(handled)], () => undefined), async (url) => {
      const res = await fetch(`${url}/rest/X/v1/event`, { method: 'POST', body: 'x'.repeat(101) });
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(await res.json()).toEqual({ error: 'PayloadTooLarge', message: 'The request body is declared as 101 bytes; at most 100 are accepted here.' });
      expect((await fetch(`${url}/rest/X/v1/event`, { method: 'POST', body: 'x'.repeat(100) })).status).toBe(202);
    });
    expect(handled).toHaveLength(1);
  });

  it('answers 500 and reports the error when a front middleware or the handler fails, and keeps serving', async () => {
    const errors: unknown[] = [];
    let failFront = true;
    const front: PlainMiddleware[] = [(_req, _res, next) => (failFront ? next(new Error('front failed')) : next())];
    const throwing = route([], {
      handle: () => {
        throw new Error('handler threw');
      },
    });
    await serve(directRoutesFirst(fallback([]), front, [throwing], (error) => errors.push(error)), async (url) => {
      const first = await fetch(`${url}/rest/X/v1/event`, { method: 'POST', body: '{}' });
      expect([first.status, await first.json()]).toEqual([500, { error: 'InternalError', message: 'The server failed to handle the request; its log has the details.' }]);
      failFront = false;
      expect((await fetch(`${url}/rest/X/v1/event`, { method: 'POST', body: '{}' })).status).toBe(500);
    });
    expect(errors.map((error) => (error as Error).message)).toEqual(['front failed', 'handler threw']);
  });

  it('is the app itself without direct routes, and refuses two routes at one path', () => {
    const app = fallback([]);
    expect(directRoutesFirst(app, [], [], () => undefined)).toBe(app);
    expect(() => directRoutesFirst(app, [], [route([]), route([], { method: 'PUT' })], () => undefined)).toThrow('Two direct routes use the path /rest/X/v1/event.');
  });
});
