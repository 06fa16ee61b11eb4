import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventProblem, MAX_EVENT_ID_LENGTH } from '@flowbridge/connector-eventbridge/event-endpoint';
import { eventEndpointModule } from '../src/event-endpoint/event-endpoint-module.js';
import { body, startTestServer, type TestServer } from './support/test-server.js';

/** Sends only the headers of a request announcing `length` bytes; resolves with the status line, or 'hang' after `ms`. */
function announceBody(port: number, path: string, length: string, ms = 3000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{"a":`);
    });
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('hang');
    }, ms);
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
      if (text.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(text.split('\r\n')[0]!);
      }
    });
    socket.on('error', () => undefined);
  });
}

describe('request limits at the edge', () => {
  let server: TestServer;
  let port: number;
  beforeAll(async () => {
    server = await startTestServer({
      files: {
        'constants.json': JSON.stringify({ 'EventBridge.APIKey': { secret: true } }),
        'settings.json': JSON.stringify({ eventEndpoint: { bodyLimitBytes: 4096 } }),
      },
      env: { FLOWBRIDGE_EVENTBRIDGE_APIKEY: 'k3y-7f1c9a0e5b2d84c6a1f0e9d7' },
      modules: [eventEndpointModule],
    });
    port = Number(new URL(server.url).port);
  });
  afterAll(() => server.close());

  it('answers a deeply nested JSON body on /api with 400 naming the problem', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const res = await server.api('/api/flows/ACT_Deep/runs', { method: 'POST', body: `{"parameters":{"x":${deep}}}`, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect((await body(res)).message).toMatch(/nested more than \d+ levels/);
    const strings = await server.api('/api/flows/ACT_Deep/runs', { method: 'POST', json: { parameters: { x: '[[[[{{{{'.repeat(100) } } });
    expect(strings.status).toBe(404);
  });

  it.each([
    ['/api/flows/ACT_X', '10000000000', /^HTTP\/1\.1 413/],
    // Node's own parser refuses a length past 2^53 (400), also at once.
    ['/api/flows/ACT_X', '99999999999999999999999', /^HTTP\/1\.1 4(00|13)/],
    ['/rest/EventBridge/v1/event', '10000000000', /^HTTP\/1\.1 413/],
    ['/rest/EventBridge/v1/event', '5000', /^HTTP\/1\.1 413/],
  ])('refuses at once a body on %s declared as %s bytes', async (path, length, expected) => {
    const started = Date.now();
    const status = await announceBody(port, path, length);
    expect(status).toMatch(expected);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('accepts and replays event ids up to one shared limit, refuses longer ones everywhere', async () => {
    const longest = 'e'.repeat(MAX_EVENT_ID_LENGTH);
    expect(eventProblem({ id: longest, 'detail-type': 'T', source: 's', detail: {} })).toBeNull();
    expect(eventProblem({ id: `${longest}e`, 'detail-type': 'T', source: 's', detail: {} })).toMatch(/longer than/);
    await server.storage.inbox.receive({ id: longest, detailType: 'T', source: 's', event: { id: longest, detail: {} } });
    await server.storage.inbox.transition(longest, ['pending'], { status: 'dead', attempts: 5, error: 'failed' });
    const replay = await server.api('/api/inbox/replay', { method: 'POST', json: { ids: [longest] } });
    expect(replay.status).toBe(200);
    expect((await body(replay)).replayed).toEqual([longest]);
    expect((await server.api('/api/inbox/replay', { method: 'POST', json: { ids: [`${longest}e`] } })).status).toBe(400);
  });
});
