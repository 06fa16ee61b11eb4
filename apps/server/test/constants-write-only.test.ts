import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, startTestServer, type TestServer } from './support/test-server.js';

const FROM_ENV = 'env-secret-9d2f61c0b7a4e835';

describe('secret constants stay write-only whatever is sent', () => {
  let server: TestServer;
  const texts: string[] = [];
  const call = async (path: string, init?: Parameters<TestServer['api']>[1]) => {
    const res = await server.api(path, init);
    const text = await res.text();
    texts.push(text);
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  beforeAll(async () => {
    server = await startTestServer({
      files: { 'constants.json': JSON.stringify({ 'Shop.ApiKey': { secret: true }, 'Shop.Region': { value: 'eu-west-1' } }) },
      env: { FLOWBRIDGE_SHOP_APIKEY: FROM_ENV, FLOWBRIDGE_SHOP_NEWKEY: FROM_ENV, FLOWBRIDGE_SHOP_REGION: 'us-east-1' },
    });
  });
  afterAll(async () => {
    await server.close();
    // Nothing the API answered, and nothing logged, held the value from the environment.
    for (const text of [...texts, ...server.logs]) expect(text).not.toContain(FROM_ENV);
  });

  it('refuses to turn a secret whose value comes from the environment non-secret, naming the variable', async () => {
    const res = await call('/api/constants/Shop.ApiKey', { method: 'PUT', json: { value: 'visible', secret: false } });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ error: 'SecretWouldBeRevealed' });
    expect(String(res.json!.message)).toContain('FLOWBRIDGE_SHOP_APIKEY');
    const listed = (await call('/api/constants')).json!.constants as Array<Record<string, unknown>>;
    expect(listed.find((c) => c.name === 'Shop.ApiKey')).toMatchObject({ secret: true, set: true });
  });

  it('refuses the same after the secret is deleted and created again as non-secret', async () => {
    expect((await call('/api/constants/Shop.ApiKey', { method: 'DELETE' })).status).toBe(204);
    const res = await call('/api/constants/Shop.ApiKey', { method: 'PUT', json: { value: 'visible', secret: false } });
    expect(res.status).toBe(409);
    expect((await call('/api/constants/Shop.NewKey', { method: 'PUT', json: { value: 'x', secret: false } })).status).toBe(409);
  });

  it('still lets a constant declared non-secret show its value from the environment', async () => {
    const res = await call('/api/constants/Shop.Region', { method: 'PUT', json: { value: 'eu-central-1', secret: false } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ secret: false, value: 'us-east-1', source: 'env' });
  });

  it('saving it as secret keeps working', async () => {
    const res = await call('/api/constants/Shop.ApiKey', { method: 'PUT', json: { value: 'new-value-0123456789', secret: true } });
    expect(res.status).toBe(200);
    expect(res.json).not.toHaveProperty('value');
  });
});
