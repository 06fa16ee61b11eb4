/**
 * The event endpoint module names no connector: a made-up connector's declaration, at its own path with
 * its own event shape, gets the same pipeline (key check, inbox, dispatcher, callback run).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointCheck, EventEndpointDeclaration } from '@flowbridge/runtime';
import { createEventEndpointModule } from '../src/event-endpoint/event-endpoint-module.js';
import { body, startTestServer, type TestServer } from './support/test-server.js';

const KEY = 'acme-test-key-0123456789';
const PATH = '/hooks/acme/v2/notify';

/** A notification service that posts `{ notificationId, topic, payload }` and finds its flow by topic. */
const acmeEndpoint: EventEndpointDeclaration = {
  path: PATH,
  sender: 'Acme',
  callbackParameterType: 'HttpRequest',
  auth: { keyMatches: (presented, expected) => expected !== undefined && expected !== '' && presented === expected },
  check(request, auth): EndpointCheck {
    if (!this.auth.keyMatches(request.headers[auth.apiKeyHeader] as string | undefined, auth.apiKey)) return { ok: false, status: 401, error: 'Unauthorized', message: 'Wrong key.' };
    const parsed = JSON.parse(request.body) as { notificationId?: unknown; topic?: unknown; payload?: unknown };
    if (typeof parsed.notificationId !== 'string' || typeof parsed.topic !== 'string') return { ok: false, status: 400, error: 'InvalidNotification', message: 'A notification needs a notificationId and a topic.' };
    return { ok: true, id: parsed.notificationId, type: parsed.topic, source: 'acme', event: parsed, request: { method: request.method, uri: request.uri, headers: {}, content: request.body } };
  },
  documentation: { summary: 'Acme notifications', eventName: 'AcmeNotification', eventFields: { notificationId: 'string', topic: 'string', payload: 'object' }, apiKeyDescription: 'The Acme webhook key' },
};

const callbackFlow = JSON.stringify({
  formatVersion: 1,
  name: 'CB_PriceChanged',
  parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }],
  nodes: [
    { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'l', kind: 'core.LogMessage', position: { x: 200, y: 0 }, config: { level: 'info', message: 'price of {{ $HttpRequest.event.payload.sku }} via {{ $HttpRequest.uri }}' } },
    { id: 'e', kind: 'core.End', position: { x: 400, y: 0 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 's', sourcePort: 'out', target: 'l' },
    { id: 'e2', source: 'l', sourcePort: 'out', target: 'e' },
  ],
  annotations: [],
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (s: TestServer, payload: unknown, key = KEY) =>
  fetch(`${s.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-acme-key': key }, body: JSON.stringify(payload) });

describe('an endpoint a connector declares', () => {
  it('is mounted at its path, refuses what its check refuses, and runs the flow its events are bound to', async () => {
    const s = (server = await startTestServer({
      files: {
        'flows/CB_PriceChanged.json': callbackFlow,
        'constants.json': JSON.stringify({ 'Acme.WebhookKey': { secret: true } }),
        'settings.json': JSON.stringify({ eventEndpoint: { apiKeyConstant: 'Acme.WebhookKey', apiKeyHeader: 'x-acme-key', retryDelayMs: 20 } }),
      },
      env: { FLOWBRIDGE_ACME_WEBHOOKKEY: KEY },
      modules: [createEventEndpointModule([acmeEndpoint])],
    }));
    await s.storage.routing.put('PriceChanged', 'CB_PriceChanged');

    expect((await post(s, { notificationId: 'n-1', topic: 'PriceChanged', payload: { sku: 'A-1' } }, 'wrong')).status).toBe(401);
    const refused = await post(s, { topic: 'PriceChanged' });
    expect(refused.status).toBe(400);
    expect(await body(refused)).toEqual({ error: 'InvalidNotification', message: 'A notification needs a notificationId and a topic.' });

    const accepted = await post(s, { notificationId: 'n-1', topic: 'PriceChanged', payload: { sku: 'A-1' } });
    expect(accepted.status).toBe(202);
    expect(await body(accepted)).toEqual({ id: 'n-1', status: 'accepted' });
    const deadline = Date.now() + 10_000;
    let entry = await s.storage.inbox.get('n-1');
    while (entry?.status !== 'done' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      entry = await s.storage.inbox.get('n-1');
    }
    expect(entry).toMatchObject({ status: 'done', detailType: 'PriceChanged', source: 'acme' });
    const run = await body(await s.api(`/api/runs/${entry!.runId}`));
    expect(run).toMatchObject({ flow: 'CB_PriceChanged', status: 'succeeded', trigger: 'event', eventId: 'n-1' });
    expect(run.logs.map((l: { message: string }) => l.message)).toEqual([`price of A-1 via ${PATH}`]);

    expect((await post(s, { notificationId: 'n-1', topic: 'PriceChanged', payload: { sku: 'A-1' } })).status).toBe(200);
    expect((await fetch(`${s.url}${PATH}`)).status).toBe(405);
  });

  it('is documented in /api/openapi.json, and no other connector’s endpoint is mounted', async () => {
    const s = (server = await startTestServer({ modules: [createEventEndpointModule([acmeEndpoint])] }));
    const doc = await body(await s.api('/api/openapi.json'));
    expect(Object.keys(doc.paths).filter((path) => !path.startsWith('/api') && path.includes('/v'))).toEqual([PATH]);
    expect(doc.paths[PATH].post.parameters).toEqual([expect.objectContaining({ name: 'x-api-key', in: 'header', description: 'The Acme webhook key' })]);
    expect(doc.components.schemas).toHaveProperty('AcmeNotification');
  });

  it('refuses two endpoints at one path', () => {
    expect(() => createEventEndpointModule([acmeEndpoint, { ...acmeEndpoint, sender: 'Other' }])).toThrow(`Two installed connectors declare the event endpoint ${PATH}`);
  });
});
