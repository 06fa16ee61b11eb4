/**
 * A run worker gets the host services' description with its first run only; every later run on the
 * same worker must still reach them (a store's methods are called back on the server).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { body, startTestServer, type TestServer } from './support/test-server.js';

const node = (id: string, kind: string, x: number, config: Record<string, unknown>) => ({ id, kind, position: { x, y: 0 }, config });
const bindFlow = (name: string, eventType: string) => {
  const all = [node('s', 'core.Start', 0, {}), node('bind', 'eventbridge.CreateConfiguration', 200, { eventType: `'${eventType}'`, callbackFlow: 'CB_Any' }), node('e', 'core.End', 400, {})];
  return { formatVersion: 1, name, parameters: [], nodes: all, edges: all.slice(1).map((n, i) => ({ id: `e${i}`, source: all[i]!.id, sourcePort: 'out', target: n.id })), annotations: [] };
};

let server: TestServer;
beforeAll(async () => {
  // One worker with one slot: every run goes to the same worker, one after another.
  server = await startTestServer({ files: { 'settings.json': JSON.stringify({ workers: { count: 1, runsPerWorker: 1 } }) } });
  const callback = { formatVersion: 1, name: 'CB_Any', parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }], nodes: [node('s', 'core.Start', 0, {}), node('e', 'core.End', 200, {})], edges: [{ id: 'a', source: 's', sourcePort: 'out', target: 'e' }], annotations: [] };
  expect((await server.api('/api/flows/CB_Any', { method: 'PUT', json: callback })).ok).toBe(true);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

it('every run on a worker reaches the host services, not only the first', async () => {
  for (const type of ['First', 'Second', 'Third']) {
    expect((await server.api(`/api/flows/ACT_Bind${type}`, { method: 'PUT', json: bindFlow(`ACT_Bind${type}`, type) })).ok).toBe(true);
    const run = await body(await server.api(`/api/flows/ACT_Bind${type}/runs`, { method: 'POST', json: { parameters: {} } }));
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
  }
  expect(await Promise.all(['First', 'Second', 'Third'].map((type) => server.storage.routing.get(type)))).toEqual(['CB_Any', 'CB_Any', 'CB_Any']);
}, 60_000);
