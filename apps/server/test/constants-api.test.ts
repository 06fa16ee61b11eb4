import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { coreRuntimeModule, createEngine, type RuntimeModule } from '@flowbridge/runtime';
import { CONSTANTS_SERVICE } from '../src/engine.js';
import { body, startTestServer, type TestServer } from './support/test-server.js';

const SECRET = 'sk-live-4f9c2e7d1b8a6035';

/**
 * An activity that does what no real one should: writes the secret constant into the log, its error
 * and its output. The server's own masking must still keep it out of every response, trace and log line.
 */
const leakyModule: RuntimeModule = {
  definitions: {
    activities: [{ kind: 'test.Leak', label: 'Leak', category: 'Test', icon: '!', description: 'Leaks a constant', fields: [], ports: [{ id: 'out' }] }],
  },
  implementations: [
    {
      kind: 'test.Leak',
      async execute(ctx) {
        const value = String(await ctx.service(CONSTANTS_SERVICE).get('Test.ApiKey'));
        ctx.log('info', `the key is ${value}`);
        throw new Error(`could not use key ${value}`);
      },
    },
  ],
};

const leakFlow = {
  formatVersion: 1,
  name: 'ACT_Leak',
  parameters: [],
  nodes: [
    { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'leak', kind: 'test.Leak', position: { x: 200, y: 0 }, config: {} },
    { id: 'e', kind: 'core.End', position: { x: 400, y: 0 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 's', sourcePort: 'out', target: 'leak' },
    { id: 'e2', source: 'leak', sourcePort: 'out', target: 'e' },
  ],
  annotations: [],
};

let server: TestServer;
const responses: string[] = [];
/** Every response body the test read, so the secret check covers all of them. */
async function call(path: string, init?: Parameters<TestServer['api']>[1]): Promise<{ status: number; text: string }> {
  const res = await server.api(path, init);
  const text = await res.text();
  responses.push(text);
  return { status: res.status, text };
}

beforeAll(async () => {
  server = await startTestServer({
    engine: createEngine([coreRuntimeModule, leakyModule]),
    env: { FLOWBRIDGE_TEST_OVERRIDDEN: 'from-env' },
    files: { 'constants.json': JSON.stringify({ 'Test.Overridden': { value: 'from-file' } }) },
  });
});
afterAll(() => server.close());

describe('constants API', () => {
  it('sets a non-secret constant in constants.json and lists its value', async () => {
    const res = await call('/api/constants/Shop.Region', { method: 'PUT', json: { value: 'eu-west-1' } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ name: 'Shop.Region', secret: false, set: true, value: 'eu-west-1', source: 'constants.json' });
    const file = JSON.parse(await readFile(join(server.workspace, 'constants.json'), 'utf8'));
    expect(file['Shop.Region']).toEqual({ value: 'eu-west-1' });
    const { constants } = JSON.parse((await call('/api/constants')).text);
    expect(constants).toContainEqual(expect.objectContaining({ name: 'Shop.Region', value: 'eu-west-1', set: true }));
  });

  it('shows an environment override as the value and source', async () => {
    const { constants } = JSON.parse((await call('/api/constants')).text);
    expect(constants).toContainEqual(expect.objectContaining({ name: 'Test.Overridden', value: 'from-env', source: 'env', envVar: 'FLOWBRIDGE_TEST_OVERRIDDEN' }));
  });

  it('writes a secret to secrets.json only and never returns its value', async () => {
    const res = await call('/api/constants/Test.ApiKey', { method: 'PUT', json: { value: SECRET, secret: true } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual(expect.objectContaining({ name: 'Test.ApiKey', secret: true, set: true, source: 'secrets.json' }));
    expect(JSON.parse(res.text)).not.toHaveProperty('value');
    expect(JSON.parse(await readFile(join(server.workspace, 'secrets.json'), 'utf8'))).toEqual({ 'Test.ApiKey': SECRET });
    expect(await readFile(join(server.workspace, 'constants.json'), 'utf8')).not.toContain(SECRET);
    const listed = JSON.parse((await call('/api/constants')).text).constants.find((c: { name: string }) => c.name === 'Test.ApiKey');
    expect(listed).toMatchObject({ secret: true, set: true });
    expect(listed).not.toHaveProperty('value');
  });

  it('keeps a secret secret when it is edited without saying so', async () => {
    await call('/api/constants/Test.Other', { method: 'PUT', json: { value: 'first-secret-value', secret: true } });
    const res = await call('/api/constants/Test.Other', { method: 'PUT', json: { value: 'second-secret-value' } });
    expect(JSON.parse(res.text)).toMatchObject({ secret: true });
    expect(await readFile(join(server.workspace, 'constants.json'), 'utf8')).not.toContain('second-secret-value');
  });

  it('a secret set through the API never appears in any API response, trace or log line', async () => {
    await call('/api/flows/ACT_Leak', { method: 'PUT', json: leakFlow });
    const ran = await call('/api/flows/ACT_Leak/runs', { method: 'POST', json: {} });
    expect(ran.status).toBe(200);
    const record = JSON.parse(ran.text);
    expect(record.status).toBe('failed');
    // The leak happened and was masked, not avoided: the masked text is where the secret was.
    expect(record.logs[0].message).toBe('the key is ***');
    expect(record.error.message).toContain('***');
    await call(`/api/runs/${record.id}`);
    await call('/api/runs');
    await call('/api/constants');
    await call('/api/flows');
    await call('/metrics');
    for (const text of responses) expect(text).not.toContain(SECRET);
    expect(server.logs.length).toBeGreaterThan(0);
    expect(server.logs.some((line) => line.includes('ACT_Leak'))).toBe(true);
    for (const line of server.logs) expect(line).not.toContain(SECRET);
    const stored = await server.storage.runs.get(record.id);
    expect(JSON.stringify(stored)).not.toContain(SECRET);
  });

  it('masks a secret that an activity writes to the server log', () => {
    server.logger.info({ detail: { key: SECRET } }, `logging ${SECRET} by mistake`);
    const last = server.logs[server.logs.length - 1]!;
    expect(last).toContain('logging *** by mistake');
    expect(last).not.toContain(SECRET);
  });

  it('deletes a constant from both files with 204, then 404', async () => {
    expect((await call('/api/constants/Test.ApiKey', { method: 'DELETE' })).status).toBe(204);
    expect(JSON.parse(await readFile(join(server.workspace, 'secrets.json'), 'utf8'))).not.toHaveProperty('Test.ApiKey');
    const again = await call('/api/constants/Test.ApiKey', { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(JSON.parse(again.text)).toMatchObject({ error: 'ConstantNotFound' });
  });

  it.each(['NoModule', 'a.b.c', '..%2Fx', 'Mod.Na%20me'])('answers 400 for the constant name %s', async (name) => {
    const res = await call(`/api/constants/${name}`, { method: 'PUT', json: { value: 1 } });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: 'InvalidConstantName' });
  });

  it.each([{}, { value: 1, secret: 'yes' }, { value: 1, extra: true }])('answers 400 for the body %j', async (json) => {
    const res = await call('/api/constants/Shop.Thing', { method: 'PUT', json });
    expect(res.status).toBe(400);
  });
});
