import { describe, expect, it } from 'vitest';
import { eventBridgeModule } from '../../src/index.js';
import { EVENT_ENDPOINT_PATH } from '../../src/definitions/index.js';
import { eventBridgeEndpoint } from '../../src/event-endpoint/index.js';

const event = { version: '0', id: 'ev-1', 'detail-type': 'OrderPlaced', source: 'shop', account: '1', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: { orderId: 'o-1' } };
const auth = { apiKey: 'secret-key', apiKeyHeader: 'x-api-key' };
const request = (headers: Record<string, string> = {}) => ({
  method: 'POST',
  uri: EVENT_ENDPOINT_PATH,
  headers: { 'content-type': 'application/json', 'x-api-key': 'secret-key', 'user-agent': 'Amazon/EventBridge/ApiDestinations', ...headers },
  body: JSON.stringify(event),
});

describe('the EventBridge endpoint declaration', () => {
  it('is declared by the connector at the path Register App points API destinations to', () => {
    expect(eventBridgeModule.endpoints).toEqual([eventBridgeEndpoint]);
    expect(eventBridgeEndpoint.path).toBe('/rest/EventBridge/v1/event');
  });

  it('turns an event into one that finds its flow by detail-type, with the HttpRequest parts apart and without the key', () => {
    const result = eventBridgeEndpoint.check(request(), auth);
    expect(result).toEqual({
      ok: true,
      id: 'ev-1',
      type: 'OrderPlaced',
      source: 'shop',
      event,
      request: { method: 'POST', uri: EVENT_ENDPOINT_PATH, headers: { 'content-type': 'application/json', 'user-agent': 'Amazon/EventBridge/ApiDestinations' }, content: JSON.stringify(event) },
    });
  });

  it('passes refusals on with their status and message', () => {
    expect(eventBridgeEndpoint.check(request({ 'x-api-key': 'wrong' }), auth)).toMatchObject({ ok: false, status: 401, error: 'Unauthorized' });
    expect(eventBridgeEndpoint.check(request({ 'content-type': 'text/plain' }), auth)).toMatchObject({ ok: false, status: 415 });
  });

  it('compares keys', () => {
    expect(eventBridgeEndpoint.auth.keyMatches('secret-key', 'secret-key')).toBe(true);
    expect(eventBridgeEndpoint.auth.keyMatches('secret-key', '')).toBe(false);
  });
});
