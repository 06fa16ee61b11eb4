import { describe, expect, it } from 'vitest';
import { apiKeyMatches, checkEventRequest, nestingProblem } from '../../src/event-endpoint/index.js';

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

  it('compares with the current key after the expected key changes', () => {
    expect([apiKeyMatches('first', 'first'), apiKeyMatches('first', 'second'), apiKeyMatches('second', 'second'), apiKeyMatches('second', 'first')]).toEqual([true, false, true, false]);
  });
});

describe('event field and shape limits', () => {
  const send = (body: unknown) =>
    checkEventRequest({ method: 'POST', uri: '/e', headers: { 'x-api-key': 'secret-key', 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }, auth);
  const refusal = (body: unknown) => {
    const result = send(body);
    return result.ok ? 'accepted' : `${result.status} ${result.message}`;
  };

  it('refuses an event id with a lone surrogate, naming the field', () => {
    expect(refusal({ ...event, id: 'ev-\ud800' })).toMatch(/^400 The event "id" is not well-formed Unicode/);
  });

  it('refuses unprintable characters in id, detail-type and source', () => {
    expect(refusal({ ...event, id: 'ev\u0000x' })).toMatch(/^400 The event "id" contains the unprintable character U\+0000 at position 2/);
    expect(refusal({ ...event, 'detail-type': 'Order\nPlaced' })).toMatch(/^400 The event "detail-type" contains the unprintable character U\+000A/);
    expect(refusal({ ...event, source: 'shop\u200b' })).toMatch(/^400 The event "source" contains the unprintable character U\+200B/);
  });

  it('refuses identifying fields longer than 256 characters and accepts 256', () => {
    expect(refusal({ ...event, id: 'x'.repeat(257) })).toMatch(/^400 The event "id" is longer than 256 characters/);
    expect(refusal({ ...event, source: 's'.repeat(257) })).toMatch(/^400 The event "source" is longer/);
    expect(refusal({ ...event, id: 'x'.repeat(256) })).toBe('accepted');
    expect(refusal({ ...event, id: 'ünïcödé-✓-😀' })).toBe('accepted');
  });

  it('refuses a body nested deeper than 100 levels without recursing, and accepts 100', () => {
    const nest = (levels: number) => JSON.stringify({ ...event, detail: 0 }).replace('"detail":0', `"detail":${'{"a":'.repeat(levels - 1)}1${'}'.repeat(levels - 1)}`);
    expect(refusal(nest(101))).toMatch(/^400 The event nests objects or arrays deeper than 100 levels/);
    expect(refusal(nest(100))).toBe('accepted');
    expect(refusal(JSON.stringify({ ...event, detail: { a: '[[[[' } }))).toBe('accepted');
    expect(refusal(`{"id":"x","detail":${'['.repeat(1_000_000)}`)).toMatch(/deeper than 100 levels/);
    expect(nestingProblem(JSON.stringify({ a: { b: [1, { c: '\\"{[' }] } }), 4)).toBeNull();
    expect(nestingProblem('{"a":{"b":[{}]}}', 3)).toMatch(/deeper than 3/);
  });
});
