import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, loggingFlow, startTestServer, type TestServer } from './support/test-server.js';

describe('request validation from the API schema', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ files: { 'flows/ACT_Hello.json': JSON.stringify(loggingFlow('ACT_Hello')) } });
  });
  afterAll(() => server.close());

  it('names the query field and what it expects', async () => {
    const res = await server.api('/api/runs?limit=9999');
    expect(res.status).toBe(400);
    expect(await body(res)).toEqual({
      error: 'InvalidQuery',
      message: 'limit: must be a whole number from 1 to 500.',
      details: [{ in: 'query', field: 'limit', message: 'must be a whole number from 1 to 500.' }],
    });
  });

  it('lists the allowed values of an enumerated query parameter', async () => {
    const res = await server.api('/api/inbox?status=lost');
    expect(res.status).toBe(400);
    expect(await body(res)).toMatchObject({ error: 'InvalidQuery', message: 'status: must be one of pending, routed, unrouted, done, dead.' });
  });

  it('applies the documented default when a query parameter is absent', async () => {
    const res = await server.api('/api/runs');
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ runs: expect.any(Array) });
  });

  it('refuses run parameters that are not an object, with the route’s own error code', async () => {
    const res = await server.api('/api/flows/ACT_Hello/runs', { method: 'POST', json: { parameters: [1, 2] } });
    expect(res.status).toBe(400);
    const answer = await body(res);
    expect(answer.error).toBe('InvalidParameters');
    expect(answer.message).toMatch(/^parameters: must be a JSON object of parameter name to value/);
  });

  it('names the body field of a rename to a bad flow name', async () => {
    const res = await server.api('/api/flows/ACT_Hello/rename', { method: 'POST', json: { newName: '../evil' } });
    expect(res.status).toBe(400);
    const answer = await body(res);
    expect(answer.error).toBe('InvalidFlowName');
    expect(answer.details).toEqual([expect.objectContaining({ in: 'body', field: 'newName' })]);
    expect(answer.message).toMatch(/^newName: /);
  });

  it('refuses unknown fields and a non-boolean secret when setting a constant', async () => {
    const unknown = await server.api('/api/constants/App.Greeting', { method: 'PUT', json: { value: 'hi', colour: 'red' } });
    expect(unknown.status).toBe(400);
    expect(await body(unknown)).toMatchObject({ error: 'InvalidBody', message: expect.stringContaining('colour') });
    const secret = await server.api('/api/constants/App.Greeting', { method: 'PUT', json: { value: 'hi', secret: 'yes' } });
    expect(await body(secret)).toMatchObject({ error: 'InvalidBody', message: 'secret: must be true or false.' });
  });

  it('refuses a replay with no ids and one with too many', async () => {
    const none = await server.api('/api/inbox/replay', { method: 'POST', json: { ids: [] } });
    expect(await body(none)).toMatchObject({ error: 'InvalidBody', message: 'ids: must hold at least one event id.' });
    const many = await server.api('/api/inbox/replay', { method: 'POST', json: { ids: Array.from({ length: 501 }, (_, i) => `e${i}`) } });
    expect(await body(many)).toMatchObject({ error: 'InvalidBody', message: 'ids: must hold at most 500 event ids; replay in batches.' });
  });

  it('refuses a body that is not an object', async () => {
    const res = await server.api('/api/flows/ACT_Hello/duplicate', { method: 'POST', json: 'ACT_Copy' });
    expect(res.status).toBe(400);
    expect((await body(res)).details[0]).toMatchObject({ in: 'body', field: '' });
  });
});
