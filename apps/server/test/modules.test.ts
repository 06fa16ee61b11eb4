import { describe, expect, it } from 'vitest';
import express from 'express';
import type { ServerModuleContext } from '../src/server.js';
import { body, startTestServer } from './support/test-server.js';

describe('mounted modules (the event endpoint plugs in here)', () => {
  it('are reachable without the admin token or a JSON body, get the storage, and are started and stopped with the server', async () => {
    const calls: string[] = [];
    let seen: ServerModuleContext | undefined;
    const server = await startTestServer({
      config: { adminToken: 'module-test-token-0123456789' },
      modules: [
        (context) => {
          seen = context;
          const router = express.Router();
          router.post('/event', express.text({ type: '*/*' }), async (req, res) => {
            const { duplicate } = await context.storage.inbox.receive({ id: String(req.headers['x-event-id']), detailType: 'T', source: 's', event: req.body });
            context.metrics.eventEndpointRequests.inc({ code: '200' });
            res.status(200).json({ duplicate });
          });
          return {
            mounts: [{ path: '/rest/EventBridge/v1', handler: router }],
            start: () => void calls.push('start'),
            stop: async () => void calls.push('stop'),
          };
        },
      ],
    });
    expect(calls).toEqual(['start']);
    expect(seen?.settings.eventEndpoint.apiKeyConstant).toBe('EventBridge.APIKey');
    const post = () => fetch(`${server.url}/rest/EventBridge/v1/event`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-event-id': 'ev-1' }, body: 'hello' });
    expect(await body(await post())).toEqual({ duplicate: false });
    expect(await body(await post())).toEqual({ duplicate: true });
    expect((await server.api('/api/inbox')).status).toBe(401);
    const inbox = await body(await server.api('/api/inbox', { headers: { authorization: 'Bearer module-test-token-0123456789' } }));
    expect(inbox.events.map((e: { id: string }) => e.id)).toEqual(['ev-1']);
    await server.close();
    expect(calls).toEqual(['start', 'stop']);
  });

  it('see their mount path as the base, refuse oversized bodies first, and have their failures answered by the server', async () => {
    const server = await startTestServer({
      modules: [
        () => ({
          mounts: [
            {
              path: '/rest/Test/v1',
              bodyLimitBytes: 100,
              handler: async (req, res) => {
                if (req.url === '/fails') throw new Error('handler failed');
                res.json({ baseUrl: req.baseUrl, url: req.url, originalUrl: req.originalUrl });
              },
            },
          ],
        }),
      ],
    });
    try {
      expect(await body(await fetch(`${server.url}/rest/Test/v1/event?x=1`))).toEqual({ baseUrl: '/rest/Test/v1', url: '/event?x=1', originalUrl: '/rest/Test/v1/event?x=1' });
      const big = await fetch(`${server.url}/rest/Test/v1/event`, { method: 'POST', body: 'x'.repeat(101) });
      expect([big.status, (await body(big)).error]).toEqual([413, 'PayloadTooLarge']);
      const failed = await fetch(`${server.url}/rest/Test/v1/fails`);
      expect([failed.status, (await body(failed)).error]).toEqual([500, 'InternalError']);
      expect(server.logs.some((line) => line.includes('handler failed'))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('may not take a path under /api', async () => {
    await expect(startTestServer({ modules: [() => ({ mounts: [{ path: '/api/events', handler: express.Router() }] })] })).rejects.toThrow(/admin path/);
  });
});
