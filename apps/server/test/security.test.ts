import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readServerConfig } from '../src/config/server-config.js';
import { body, loggingFlow, startTestServer, tempDir, type TestServer } from './support/test-server.js';

/** A raw request, so the test controls headers fetch would not let it set (Host). */
function raw(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('DNS-rebinding defence and JSON-only state changes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { allowedHosts: ['localhost', '127.0.0.1', '[::1]', 'flows.example.com'] } });
    await server.api('/api/flows/ACT_Target', { method: 'PUT', json: loggingFlow('ACT_Target') });
  });
  afterAll(() => server.close());

  it('refuses an API request whose Host is a name the server was not given (a rebound DNS name)', async () => {
    const res = await raw(server.url, { path: '/api/flows', headers: { host: 'evil.example:8080' } });
    expect(res.status).toBe(421);
    expect(JSON.parse(res.text)).toMatchObject({ error: 'HostNotAllowed' });
    expect(JSON.parse(res.text).message).toMatch(/FLOWBRIDGE_ALLOWED_HOSTS/);
  });

  it('refuses a state change through a rebound name too, and runs nothing', async () => {
    const before = (await server.storage.runs.list({ limit: 100 })).runs.length;
    const res = await raw(server.url, { method: 'POST', path: '/api/flows/ACT_Target/runs', headers: { host: 'attacker.test', 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(421);
    expect((await server.storage.runs.list({ limit: 100 })).runs.length).toBe(before);
  });

  it.each(['localhost:1234', '127.0.0.1', '[::1]:8080', 'flows.example.com', 'FLOWS.example.com:443'])('accepts the configured host %s', async (host) => {
    const res = await raw(server.url, { path: '/api/flows', headers: { host } });
    expect(res.status).toBe(200);
  });

  it('answers the probes whatever the Host', async () => {
    expect((await raw(server.url, { path: '/healthz', headers: { host: '10.0.0.7:8080' } })).status).toBe(200);
  });

  it('refuses a cross-site form post with 415 and runs nothing', async () => {
    const before = (await server.storage.runs.list({ limit: 100 })).runs.length;
    const form = await server.api('/api/flows/ACT_Target/runs', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'parameters=1' });
    expect(form.status).toBe(415);
    expect(await body(form)).toMatchObject({ error: 'UnsupportedMediaType' });
    const plain = await server.api('/api/flows/ACT_Target/runs', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(plain.status).toBe(415);
    const multipart = await server.api('/api/flows/ACT_Target/runs', { method: 'POST', body: new FormData() });
    expect(multipart.status).toBe(415);
    const bare = await server.api('/api/flows/ACT_Target/runs', { method: 'POST' });
    expect(bare.status).toBe(415);
    expect((await server.storage.runs.list({ limit: 100 })).runs.length).toBe(before);
  });

  it('refuses a form PUT of a flow with 415 and writes nothing', async () => {
    const res = await server.api('/api/flows/ACT_Form', { method: 'PUT', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
    expect(res.status).toBe(415);
    expect((await server.api('/api/flows/ACT_Form')).status).toBe(404);
  });

  it('accepts application/json with a charset', async () => {
    const res = await server.api('/api/flows/ACT_Target/runs', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{}' });
    expect(res.status).toBe(200);
  });

  it('sends security headers, a request id, and no CORS headers', async () => {
    const res = await server.api('/api/flows', { headers: { origin: 'https://evil.example', 'x-request-id': 'trace-123' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    const fresh = await server.api('/api/flows', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an oversized body with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ ...loggingFlow('ACT_Huge'), description: 'x'.repeat(6 * 1024 * 1024) });
    const res = await server.api('/api/flows/ACT_Huge', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: huge });
    expect(res.status).toBe(413);
    expect((await server.api('/healthz')).status).toBe(200);
  });
});

describe('admin token', () => {
  const token = 'a-very-long-admin-token-0123456789';
  let server: TestServer;
  beforeAll(async () => {
    const editorDir = await tempDir('fb-editor-');
    await mkdir(join(editorDir, 'assets'));
    await writeFile(join(editorDir, 'index.html'), '<!doctype html><title>Flowbridge</title>');
    await writeFile(join(editorDir, 'assets', 'app.js'), 'console.log(1)');
    server = await startTestServer({ config: { adminToken: token }, editorDir });
  });
  afterAll(() => server.close());

  it('requires the bearer token on /api and /metrics', async () => {
    const missing = await server.api('/api/flows');
    expect(missing.status).toBe(401);
    expect(await body(missing)).toMatchObject({ error: 'Unauthorized' });
    expect(missing.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect((await server.api('/api/flows', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await server.api('/api/flows', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await server.api('/metrics')).status).toBe(401);
    expect((await server.api('/metrics', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('refuses a state change without the token and writes nothing', async () => {
    const res = await server.api('/api/flows/ACT_X', { method: 'PUT', json: loggingFlow('ACT_X') });
    expect(res.status).toBe(401);
    expect(await readdir(join(server.workspace, 'flows'))).toEqual([]);
  });

  it('serves the editor page and its assets without the token', async () => {
    expect((await server.api('/')).status).toBe(200);
    expect((await server.api('/assets/app.js')).status).toBe(200);
    expect(await (await server.api('/flows/ACT_Anything')).text()).toContain('Flowbridge');
  });

  it('lets the live stream take the token as a query parameter (EventSource sends no headers)', async () => {
    const controller = new AbortController();
    const res = await server.api(`/api/stream?access_token=${token}`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    controller.abort();
    expect((await server.api('/api/flows?access_token=' + token)).status).toBe(401);
  });
});

describe('start-up configuration', () => {
  it('refuses a non-loopback bind without an admin token, saying what to set', () => {
    expect(() => readServerConfig({ HOST: '0.0.0.0' })).toThrow(/FLOWBRIDGE_ADMIN_TOKEN/);
    expect(() => readServerConfig({ HOST: '192.168.1.5' })).toThrow(/HOST.*exposes the admin API/);
    const strong = '3f9a1c07d2b84e6590ac1e7b4d2f8c63';
    expect(readServerConfig({ HOST: '0.0.0.0', FLOWBRIDGE_ADMIN_TOKEN: strong }).adminToken).toBe(strong);
  });

  it('binds to loopback by default and allows only loopback names plus APP_URL and FLOWBRIDGE_ALLOWED_HOSTS', () => {
    const config = readServerConfig({ APP_URL: 'https://flows.example.com/', FLOWBRIDGE_ALLOWED_HOSTS: 'intranet.local, other.test' });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8080);
    expect(config.appUrl).toBe('https://flows.example.com');
    expect(new Set(config.allowedHosts)).toEqual(new Set(['localhost', '127.0.0.1', '[::1]', '::1', 'flows.example.com', 'intranet.local', 'other.test']));
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: must be a port number/],
    [{ PORT: '70000' }, /PORT/],
    [{ LOCAL_AWS_PORT: 'x' }, /LOCAL_AWS_PORT: .*"off"/],
    [{ APP_URL: 'not a url' }, /APP_URL/],
    [{ APP_URL: 'ftp://x' }, /APP_URL: must be an http/],
    [{ FLOWBRIDGE_ADMIN_TOKEN: 'short' }, /FLOWBRIDGE_ADMIN_TOKEN: is shorter/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => readServerConfig(env)).toThrow(message);
  });

  it('starts the embedded local AWS unless an endpoint is set or it is turned off', () => {
    expect(readServerConfig({}).aws).toEqual({ kind: 'embedded', port: 4566 });
    expect(readServerConfig({ LOCAL_AWS_PORT: '4599' }).aws).toEqual({ kind: 'embedded', port: 4599 });
    expect(readServerConfig({ LOCAL_AWS_PORT: 'off' }).aws).toEqual({ kind: 'off' });
    expect(readServerConfig({ AWS_ENDPOINT_URL_EVENTBRIDGE: 'http://localhost:4566' }).aws).toEqual({ kind: 'external', variables: ['AWS_ENDPOINT_URL_EVENTBRIDGE'] });
  });

  it('puts the database under <workspace>/data unless FLOWBRIDGE_DATA_DIR says otherwise', () => {
    expect(readServerConfig({ FLOWBRIDGE_WORKSPACE: '/srv/ws' }).dataDir).toBe('/srv/ws/data');
    expect(readServerConfig({ FLOWBRIDGE_WORKSPACE: '/srv/ws', FLOWBRIDGE_DATA_DIR: '/var/lib/fb' }).dataDir).toBe('/var/lib/fb');
  });
});

describe('request logs', () => {
  it('log each change with its request id, method, path and status, never the query string', async () => {
    const server = await startTestServer({ config: { logLevel: 'info' } });
    try {
      await server.api('/api/flows/ACT_Logged?access_token=should-not-appear', { method: 'PUT', json: loggingFlow('ACT_Logged'), headers: { 'x-request-id': 'req-42' } });
      const line = server.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === 'req-42');
      expect(line).toMatchObject({ level: 'info', method: 'PUT', path: '/api/flows/ACT_Logged', status: 200 });
      expect(server.logs.join('\n')).not.toContain('should-not-appear');
    } finally {
      await server.close();
    }
  });
});
