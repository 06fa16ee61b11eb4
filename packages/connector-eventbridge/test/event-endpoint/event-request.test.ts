import { describe, expect, it } from 'vitest';
import { apiKeyMatches, checkEventRequest, GroupCommit } from '../../src/event-endpoint/index.js';

const event = { version: '0', id: 'ev-1', 'detail-type': 'OrderPlaced', source: 'shop', account: '1', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: { orderId: 'o-1' } };
const auth = { apiKey: 'secret-key' };
const request = (overrides: { headers?: Record<string, string>; body?: string } = {}) => ({
  method: 'POST',
  uri: '/rest/EventBridge/v1/event',
  headers: { 'content-type': 'application/json', 'x-api-key': 'secret-key', 'user-agent': 'Amazon/EventBridge/ApiDestinations', ...overrides.headers },
  body: overrides.body ?? JSON.stringify(event),
});

describe('checkEventRequest', () => {
  it('accepts an authenticated EventBridge event and hands the flow the request without the key', () => {
    const result = checkEventRequest(request(), auth);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.event.id).toBe('ev-1');
    expect(result.request.headers['x-api-key']).toBeUndefined();
    expect(result.request.headers['user-agent']).toBe('Amazon/EventBridge/ApiDestinations');
    expect(result.request.content).toBe(JSON.stringify(event));
    expect(JSON.stringify(result.request)).not.toContain('secret-key');
  });

  it.each([
    ['no key', { headers: { 'x-api-key': '' } }],
    ['a wrong key', { headers: { 'x-api-key': 'secret-kez' } }],
    ['a longer key', { headers: { 'x-api-key': 'secret-key-and-more' } }],
  ])('answers 401 for %s, before looking at the body', (_name, overrides) => {
    const result = checkEventRequest(request({ ...overrides, body: 'not json' }), auth);
    expect(result).toMatchObject({ ok: false, status: 401 });
  });

  it('answers 401 to everyone while no API key is configured, saying which constant to set', () => {
    const result = checkEventRequest(request(), { apiKey: undefined });
    expect(result).toMatchObject({ ok: false, status: 401 });
    if (!result.ok) expect(result.message).toMatch(/FLOWBRIDGE_EVENTBRIDGE_APIKEY/);
  });

  it('uses the header the connection names', () => {
    expect(checkEventRequest(request({ headers: { 'x-api-key': '', 'x-flowbridge-key': 'secret-key' } }), { ...auth, apiKeyHeader: 'X-Flowbridge-Key' }).ok).toBe(true);
  });

  it('answers 415 for a body that is not declared as JSON', () => {
    expect(checkEventRequest(request({ headers: { 'content-type': 'text/plain' } }), auth)).toMatchObject({ status: 415 });
  });

  it.each([
    ['broken JSON', '{"id":'],
    ['an array', '[]'],
    ['no id', JSON.stringify({ ...event, id: undefined })],
    ['an empty detail-type', JSON.stringify({ ...event, 'detail-type': '' })],
    ['no source', JSON.stringify({ ...event, source: 7 })],
    ['a string detail', JSON.stringify({ ...event, detail: '{"a":1}' })],
  ])('answers 400 with a reason for %s', (_name, body) => {
    const result = checkEventRequest(request({ body }), auth);
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });
});

describe('apiKeyMatches', () => {
  it('matches only the exact key', () => {
    expect(apiKeyMatches('abc', 'abc')).toBe(true);
    expect(apiKeyMatches('abd', 'abc')).toBe(false);
    expect(apiKeyMatches(undefined, 'abc')).toBe(false);
    expect(apiKeyMatches('', '')).toBe(false);
  });
});

describe('GroupCommit', () => {
  it('writes concurrent submissions in shared batches and answers each with its own outcome', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, string>(async (items) => {
      batches.push([...items]);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((i) => `ok-${i}`);
    });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => commit.submit(i)));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => `ok-${i}`));
    expect(batches.length).toBeLessThan(20);
    expect(batches.flat()).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('rejects every submission of a batch whose write failed, and keeps serving later ones', async () => {
    let fail = true;
    const commit = new GroupCommit<number, number>(async (items) => {
      if (fail) throw new Error('disk full');
      return [...items];
    });
    await expect(commit.submit(1)).rejects.toThrow('disk full');
    fail = false;
    await expect(commit.submit(2)).resolves.toBe(2);
  });
});
