import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { body, loggingFlow, startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const put = (name: string, document: unknown, headers: Record<string, string> = {}) => server.api(`/api/flows/${name}`, { method: 'PUT', json: document, headers });
const post = (path: string, json: unknown) => server.api(path, { method: 'POST', json });

describe('flows API', () => {
  it('saves a flow as canonical JSON under flows/ with an ETag and runs it, returning the logged line', async () => {
    const saved = await put('ACT_Hello', loggingFlow('ACT_Hello'));
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toMatch(/^".+"$/);
    expect(await body(saved)).toEqual({ name: 'ACT_Hello', problems: [] });
    const text = await readFile(join(server.workspace, 'flows', 'ACT_Hello.json'), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ name: 'ACT_Hello', formatVersion: 1 });
    expect(text).toMatch(/^\{\n {2}"formatVersion": 1,\n {2}"name"/);

    const ran = await post('/api/flows/ACT_Hello/runs', {});
    expect(ran.status).toBe(200);
    const record = await body(ran);
    expect(record).toMatchObject({ flow: 'ACT_Hello', status: 'succeeded', trigger: 'manual' });
    expect(record.logs.map((l: { message: string }) => l.message)).toEqual(['Hello 3']);
    expect(record.trace.map((s: { nodeId: string }) => s.nodeId)).toEqual(['s', 'l', 'e']);
    expect(typeof record.startedAt).toBe('string');
    expect(typeof record.endedAt).toBe('string');
  });

  it('lists flows with their signature and problem count', async () => {
    await put('ACT_WithParams', { ...loggingFlow('ACT_WithParams'), description: 'Takes an order', parameters: [{ name: 'OrderId', type: 'Integer' }] });
    const res = await server.api('/api/flows');
    expect(res.status).toBe(200);
    const { flows } = await body(res);
    expect(flows).toContainEqual({ name: 'ACT_WithParams', description: 'Takes an order', parameters: [{ name: 'OrderId', type: 'Integer' }], problemCount: 0 });
    expect(flows.map((f: { name: string }) => f.name)).toContain('ACT_Hello');
  });

  it('reads a flow with its problems and the same ETag the save returned', async () => {
    const saved = await put('ACT_Read', loggingFlow('ACT_Read'));
    const res = await server.api('/api/flows/ACT_Read');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(saved.headers.get('etag'));
    const { document, problems } = await body(res);
    expect(document.name).toBe('ACT_Read');
    expect(problems).toEqual([]);
  });

  it('refuses a save with a stale If-Match with 412 and keeps the newer version', async () => {
    const first = await put('ACT_Concurrent', loggingFlow('ACT_Concurrent', 'first'));
    const firstTag = first.headers.get('etag')!;
    const second = await put('ACT_Concurrent', loggingFlow('ACT_Concurrent', 'second'), { 'if-match': firstTag });
    expect(second.status).toBe(200);
    const secondTag = second.headers.get('etag')!;
    expect(secondTag).not.toBe(firstTag);

    const stale = await put('ACT_Concurrent', loggingFlow('ACT_Concurrent', 'stale'), { 'if-match': firstTag });
    expect(stale.status).toBe(412);
    const error = await body(stale);
    expect(error).toMatchObject({ error: 'PreconditionFailed', details: { currentEtag: secondTag } });
    expect(error.message).toMatch(/changed since you loaded it/);
    const onDisk = await readFile(join(server.workspace, 'flows', 'ACT_Concurrent.json'), 'utf8');
    expect(onDisk).toContain('second');
    expect(onDisk).not.toContain('stale');
  });

  it('answers 412 for If-Match on a flow that does not exist and writes nothing', async () => {
    const res = await put('ACT_Ghost', loggingFlow('ACT_Ghost'), { 'if-match': '"whatever"' });
    expect(res.status).toBe(412);
    expect((await server.api('/api/flows/ACT_Ghost')).status).toBe(404);
  });

  it.each(['..%2F..%2Fetc', 'a%2Fb', 'a..b', '%00x', 'x'.repeat(101), 'a%5Cb', '.hidden'])('rejects the flow name %s with 400 and writes nothing', async (name) => {
    const before = await readdir(server.workspace, { recursive: true });
    const res = await put(name, { ...loggingFlow('x'), name: decodeURIComponent(name) });
    expect(res.status).toBe(400);
    expect((await body(res)).error).toBe('InvalidFlowName');
    expect(await readdir(server.workspace, { recursive: true })).toEqual(before);
  });

  it('answers 400 for a malformed percent-encoding instead of failing', async () => {
    const res = await server.api('/api/flows/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(await body(res)).toHaveProperty('error');
  });

  it('answers 422 with the problem list for a body that is not a flow', async () => {
    const res = await put('Broken', { hello: 'world' });
    expect(res.status).toBe(422);
    const error = await body(res);
    expect(error.error).toBe('InvalidFlowDocument');
    expect(error.details.length).toBeGreaterThan(0);
    expect(error.details[0]).toHaveProperty('message');
  });

  it('answers 422 when the document name differs from the URL', async () => {
    const res = await put('ACT_A', loggingFlow('ACT_B'));
    expect(res.status).toBe(422);
    expect((await body(res)).message).toMatch(/differs/);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await server.api('/api/flows/ACT_Bad', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"nope' });
    expect(res.status).toBe(400);
    expect((await body(res)).error).toBe('InvalidJson');
  });

  it('saves a flow with problems but refuses to run it with 422, naming the node', async () => {
    const full = loggingFlow('NoEnd');
    const saved = await put('NoEnd', { ...full, nodes: full.nodes.slice(0, 2), edges: full.edges.slice(0, 1) });
    expect(saved.status).toBe(200);
    expect((await body(saved)).problems.length).toBeGreaterThan(0);
    const ran = await post('/api/flows/NoEnd/runs', {});
    expect(ran.status).toBe(422);
    const error = await body(ran);
    expect(error.error).toBe('FlowHasProblems');
    expect(error.details.map((p: { code: string }) => p.code)).toContain('missing-end');
    expect(error.message).toMatch(/NoEnd/);

    const badLog = loggingFlow('BadExpression', 'Hello {{ 1 + }}');
    await put('BadExpression', badLog);
    const refused = await body(await post('/api/flows/BadExpression/runs', {}));
    // The node is named by its caption (here its activity's label), never by its id.
    expect(refused.message).toMatch(/cannot run: "Log Message": /);
    expect(refused.message).not.toMatch(/"l"/);
  });

  it('answers 400 for run parameters that are not an object, and 404 for an unknown flow', async () => {
    await put('ACT_Params', loggingFlow('ACT_Params'));
    expect((await post('/api/flows/ACT_Params/runs', { parameters: [1, 2] })).status).toBe(400);
    expect((await post('/api/flows/ACT_Params/runs', [1])).status).toBe(400);
    const missing = await post('/api/flows/Nope/runs', {});
    expect(missing.status).toBe(404);
    expect((await body(missing)).error).toBe('FlowNotFound');
  });

  it('answers 404 for a flow that does not exist', async () => {
    const res = await server.api('/api/flows/Nope');
    expect(res.status).toBe(404);
    expect(await body(res)).toMatchObject({ error: 'FlowNotFound' });
  });

  it('deletes a flow with 204, then 404', async () => {
    await put('ACT_Delete', loggingFlow('ACT_Delete'));
    expect((await server.api('/api/flows/ACT_Delete', { method: 'DELETE' })).status).toBe(204);
    expect((await server.api('/api/flows/ACT_Delete', { method: 'DELETE' })).status).toBe(404);
    expect((await server.api('/api/flows/ACT_Delete')).status).toBe(404);
  });

  it('renames a flow: the new file holds the new name, the old one is gone; a taken name is 409', async () => {
    await put('ACT_Old', loggingFlow('ACT_Old'));
    await put('ACT_Taken', loggingFlow('ACT_Taken'));
    await server.storage.routing.put('OrderPlaced', 'ACT_Old');
    const taken = await post('/api/flows/ACT_Old/rename', { newName: 'ACT_Taken' });
    expect(taken.status).toBe(409);
    expect((await body(taken)).error).toBe('FlowExists');

    const res = await post('/api/flows/ACT_Old/rename', { newName: 'ACT_New' });
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ name: 'ACT_New', dryRun: false });
    expect((await server.api('/api/flows/ACT_Old')).status).toBe(404);
    expect(await server.storage.routing.get('OrderPlaced')).toBe('ACT_New');
    expect((await body(await server.api('/api/flows/ACT_New'))).document.name).toBe('ACT_New');
    expect((await post('/api/flows/Missing/rename', { newName: 'X1' })).status).toBe(404);
    expect((await post('/api/flows/ACT_New/rename', { newName: '../x' })).status).toBe(400);
    expect((await post('/api/flows/ACT_New/rename', {})).status).toBe(400);
  });

  it('duplicates a flow with 201 and keeps the original; a taken name is 409', async () => {
    await put('ACT_Source', loggingFlow('ACT_Source'));
    const res = await post('/api/flows/ACT_Source/duplicate', { newName: 'ACT_Copy' });
    expect(res.status).toBe(201);
    expect(await body(res)).toEqual({ name: 'ACT_Copy' });
    expect((await server.api('/api/flows/ACT_Source')).status).toBe(200);
    expect((await body(await server.api('/api/flows/ACT_Copy'))).document.name).toBe('ACT_Copy');
    expect((await post('/api/flows/ACT_Source/duplicate', { newName: 'ACT_Copy' })).status).toBe(409);
  });

  it('reports a flow file that is not JSON as a problem instead of failing the list', async () => {
    await writeFile(join(server.workspace, 'flows', 'Corrupt.json'), '{ not json');
    const { flows } = await body(await server.api('/api/flows'));
    expect(flows.find((f: { name: string }) => f.name === 'Corrupt')).toMatchObject({ problemCount: 1 });
    const ran = await post('/api/flows/Corrupt/runs', {});
    expect(ran.status).toBe(422);
  });

  it('answers 400 for a bad name on every flow route', async () => {
    expect((await server.api('/api/flows/a..b')).status).toBe(400);
    expect((await server.api('/api/flows/a..b', { method: 'DELETE' })).status).toBe(400);
    expect((await post('/api/flows/a..b/runs', {})).status).toBe(400);
    expect((await post('/api/flows/a..b/duplicate', { newName: 'Fine' })).status).toBe(400);
  });

  it('refuses a delete with a stale If-Match with 412 and keeps the file', async () => {
    const saved = await put('ACT_KeepMe', loggingFlow('ACT_KeepMe'));
    await put('ACT_KeepMe', loggingFlow('ACT_KeepMe', 'changed'));
    const res = await server.api('/api/flows/ACT_KeepMe', { method: 'DELETE', headers: { 'if-match': saved.headers.get('etag')! } });
    expect(res.status).toBe(412);
    expect((await server.api('/api/flows/ACT_KeepMe')).status).toBe(200);
  });

  it('answers 404 when duplicating a flow that does not exist', async () => {
    const res = await post('/api/flows/Missing/duplicate', { newName: 'ACT_Whatever' });
    expect(res.status).toBe(404);
    expect(await body(res)).toMatchObject({ error: 'FlowNotFound' });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await server.api('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await body(res)).toMatchObject({ error: 'NotFound' });
  });
});

describe('runs during shutdown', () => {
  it('answers 503 ShuttingDown for a run asked for while the server drains', async () => {
    const draining = await startTestServer();
    try {
      await draining.api('/api/flows/ACT_Late', { method: 'PUT', json: loggingFlow('ACT_Late') });
      await draining.runner.drain();
      const res = await draining.api('/api/flows/ACT_Late/runs', { method: 'POST', json: {} });
      expect(res.status).toBe(503);
      expect(await body(res)).toMatchObject({ error: 'ShuttingDown' });
    } finally {
      await draining.close();
    }
  });
});

describe('flow snapshots', () => {
  it('reuses a snapshot for event runs until a flow changes through the server, and reads the folder again for people', async () => {
    const server = await startTestServer();
    try {
      await server.api('/api/flows/CB_Event', { method: 'PUT', json: loggingFlow('CB_Event', 'version one') });
      const first = await server.runner.run('CB_Event', {}, { trigger: 'event', eventId: 'e1' });
      expect(first.ok && first.record.logs[0]?.message).toBe('version one');
      // Edited behind the server's back: an event run within the second may still see the old version...
      await writeFile(join(server.workspace, 'flows', 'CB_Event.json'), JSON.stringify(loggingFlow('CB_Event', 'version two')));
      const manual = await body(await server.api('/api/flows/CB_Event/runs', { method: 'POST', json: {} }));
      // ...but a person always gets the file as it is now.
      expect(manual.logs[0].message).toBe('version two');
      // A save through the API is seen by the very next event run.
      await server.api('/api/flows/CB_Event', { method: 'PUT', json: loggingFlow('CB_Event', 'version three') });
      const next = await server.runner.run('CB_Event', {}, { trigger: 'event', eventId: 'e2' });
      expect(next.ok && next.record.logs[0]?.message).toBe('version three');
      expect(next.ok && next.record).toMatchObject({ trigger: 'event', eventId: 'e2' });
    } finally {
      await server.close();
    }
  });
});
