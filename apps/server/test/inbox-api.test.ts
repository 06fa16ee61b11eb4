import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const { inbox } = server.storage;
  for (const id of ['ev-pending', 'ev-dead', 'ev-unrouted', 'ev-done']) await inbox.receive({ id, detailType: 'OrderPlaced', source: 'shop', event: { id, detail: { secretish: 'x' } } });
  await inbox.transition('ev-dead', ['pending'], { status: 'dead', attempts: 5, error: 'callback failed 5 times', runId: 'r-1', flow: 'CB_Order' });
  await inbox.transition('ev-unrouted', ['pending'], { status: 'unrouted', error: 'no flow bound to OrderPlaced' });
  await inbox.transition('ev-done', ['pending'], { status: 'done', attempts: 1, runId: 'r-2' });
});
afterAll(() => server.close());

describe('inbox API', () => {
  it('lists received events newest first with status, attempts and run id', async () => {
    const res = await server.api('/api/inbox');
    expect(res.status).toBe(200);
    const { events } = await body(res);
    expect(events.map((e: { id: string }) => e.id)).toEqual(['ev-done', 'ev-unrouted', 'ev-dead', 'ev-pending']);
    expect(events[2]).toMatchObject({ id: 'ev-dead', detailType: 'OrderPlaced', source: 'shop', status: 'dead', attempts: 5, runId: 'r-1', error: 'callback failed 5 times' });
    expect(typeof events[2].receivedAt).toBe('string');
    expect(events[2]).not.toHaveProperty('event');
  });

  it('filters by status and rejects an unknown status', async () => {
    expect((await body(await server.api('/api/inbox?status=dead'))).events.map((e: { id: string }) => e.id)).toEqual(['ev-dead']);
    const bad = await server.api('/api/inbox?status=lost');
    expect(bad.status).toBe(400);
    expect(await body(bad)).toMatchObject({ error: 'InvalidQuery' });
  });

  it('filters by event type (detail-type), alone or with the status', async () => {
    await server.storage.inbox.receive({ id: 'ev-shipped', detailType: 'OrderShipped', source: 'shop', event: { id: 'ev-shipped', detail: {} } });
    expect((await body(await server.api('/api/inbox?detailType=OrderShipped'))).events.map((e: { id: string }) => e.id)).toEqual(['ev-shipped']);
    expect((await body(await server.api('/api/inbox?detailType=OrderPlaced&status=dead'))).events.map((e: { id: string }) => e.id)).toEqual(['ev-dead']);
    expect((await body(await server.api('/api/inbox?detailType=Nothing'))).events).toEqual([]);
    await server.storage.inbox.delete('ev-shipped');
  });

  it('returns one event with its envelope, 404 for an unknown id', async () => {
    expect((await body(await server.api('/api/inbox/ev-dead'))).event).toMatchObject({ id: 'ev-dead' });
    expect((await server.api('/api/inbox/nope')).status).toBe(404);
  });

  it('replays dead, unrouted and done events back to pending, skips the rest with a reason, and announces it', async () => {
    const announced: unknown[] = [];
    const off = server.bus.subscribe('inbox.changed', (data) => announced.push(data));
    const res = await server.api('/api/inbox/replay', { method: 'POST', json: { ids: ['ev-dead', 'ev-unrouted', 'ev-done', 'ev-pending', 'ev-missing'] } });
    off();
    expect(res.status).toBe(200);
    const result = await body(res);
    expect(result.replayed).toEqual(['ev-dead', 'ev-unrouted', 'ev-done']);
    expect(result.skipped.map((s: { id: string }) => s.id)).toEqual(['ev-pending', 'ev-missing']);
    expect(result.skipped[0].reason).toMatch(/pending/);
    expect(announced).toEqual([{ ids: ['ev-dead', 'ev-unrouted', 'ev-done'], status: 'pending' }]);
    const dead = await server.storage.inbox.get('ev-dead');
    expect(dead).toMatchObject({ status: 'pending', attempts: 0 });
    expect(dead).not.toHaveProperty('error');
  });

  it.each([{}, { ids: [] }, { ids: 'ev-dead' }, { ids: [1] }])('answers 400 for the replay body %j', async (json) => {
    const res = await server.api('/api/inbox/replay', { method: 'POST', json });
    expect(res.status).toBe(400);
    expect(await body(res)).toMatchObject({ error: 'InvalidBody' });
  });

  it('lists summaries without the event body or its request, however large', async () => {
    const big = 'x'.repeat(200_000);
    await server.storage.inbox.receive({ id: 'ev-big', detailType: 'OrderPlaced', source: 'shop', event: { id: 'ev-big', detail: { big } }, request: { method: 'POST', content: big, headers: {} } });
    const res = await server.api('/api/inbox?limit=500');
    const text = await res.text();
    expect(text.length).toBeLessThan(10_000);
    const summary = (JSON.parse(text).events as Array<Record<string, unknown>>).find((e) => e.id === 'ev-big');
    expect(summary).toMatchObject({ id: 'ev-big', status: 'pending' });
    expect(summary).not.toHaveProperty('request');
    const one = await body(await server.api('/api/inbox/ev-big'));
    expect(one.event.detail.big).toHaveLength(200_000);
    expect(one.request.content).toHaveLength(200_000);
    await server.storage.inbox.delete('ev-big');
  });

  it('parks a waiting event so it is not dispatched, and refuses to park a running one', async () => {
    await server.storage.inbox.receive({ id: 'ev-park', detailType: 'OrderPlaced', source: 'shop', event: {} });
    const res = await server.api('/api/inbox/ev-park/park', { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ id: 'ev-park', status: 'dead', error: expect.stringMatching(/Parked by an administrator/) });
    expect((await server.storage.inbox.get('ev-park'))?.status).toBe('dead');
    await server.storage.inbox.receive({ id: 'ev-running', detailType: 'OrderPlaced', source: 'shop', event: {} });
    await server.storage.inbox.transition('ev-running', ['pending'], { status: 'routed' });
    const running = await server.api('/api/inbox/ev-running/park', { method: 'POST', json: {} });
    expect(running.status).toBe(409);
    expect((await body(running)).message).toMatch(/routed; only pending or unrouted/);
    expect((await server.api('/api/inbox/nope/park', { method: 'POST', json: {} })).status).toBe(404);
  });

  it('deletes one event, refuses while its callback runs, and 404s an unknown id', async () => {
    await server.storage.inbox.receive({ id: 'ev-delete', detailType: 'OrderPlaced', source: 'shop', event: {} });
    expect((await server.api('/api/inbox/ev-delete', { method: 'DELETE' })).status).toBe(204);
    expect(await server.storage.inbox.get('ev-delete')).toBeUndefined();
    expect((await server.api('/api/inbox/ev-delete', { method: 'DELETE' })).status).toBe(404);
    const running = await server.api('/api/inbox/ev-running', { method: 'DELETE' });
    expect(running.status).toBe(409);
    expect(await server.storage.inbox.get('ev-running')).toBeDefined();
  });
});
