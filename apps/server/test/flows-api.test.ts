import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createApp } from '../src/app.js';
import { createServerEngine } from '../src/engine.js';

let server: Server;
let base: string;
let workspace: string;

const hello = {
  formatVersion: 1,
  name: 'ACT_Hello',
  parameters: [],
  nodes: [
    { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'l', kind: 'core.LogMessage', position: { x: 200, y: 0 }, config: { level: 'info', message: 'Hello {{ 1 + 2 }}' } },
    { id: 'e', kind: 'core.End', position: { x: 400, y: 0 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 's', sourcePort: 'out', target: 'l' },
    { id: 'e2', source: 'l', sourcePort: 'out', target: 'e' },
  ],
  annotations: [],
};

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'fb-ws-'));
  server = createApp({ workspaceDir: workspace, engine: createServerEngine(), editorDir: undefined }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const put = (name: string, body: unknown) =>
  fetch(`${base}/api/flows/${name}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('flows API', () => {
  it('saves a flow as canonical JSON under flows/ and runs it, returning the logged line', async () => {
    const saved = await put('ACT_Hello', hello);
    expect(saved.status).toBe(200);
    expect((await saved.json()).problems).toEqual([]);
    const text = await readFile(join(workspace, 'flows', 'ACT_Hello.json'), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ name: 'ACT_Hello', formatVersion: 1 });

    const ran = await fetch(`${base}/api/flows/ACT_Hello/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(ran.status).toBe(200);
    const record = await ran.json();
    expect(record.status).toBe('succeeded');
    expect(record.logs.map((l: { message: string }) => l.message)).toEqual(['Hello 3']);
    expect((await fetch(`${base}/api/runs/${record.id}`)).status).toBe(200);
    expect((await (await fetch(`${base}/api/flows`)).json()).flows).toContain('ACT_Hello');
  });

  it.each(['..%2F..%2Fetc', 'a%2Fb', 'a..b', '%00x', 'x'.repeat(101)])('rejects the flow name %s with 400 and writes nothing', async (name) => {
    const before = await readdir(workspace, { recursive: true });
    const res = await put(name, { ...hello, name });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('InvalidFlowName');
    expect(await readdir(workspace, { recursive: true })).toEqual(before);
  });

  it('answers 422 with the problem list for a body that is not a flow', async () => {
    const res = await put('Broken', { hello: 'world' });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.details.length).toBeGreaterThan(0);
  });

  it('saves a flow with problems but refuses to run it, naming the problem', async () => {
    const noEnd = { ...hello, name: 'NoEnd', nodes: hello.nodes.slice(0, 2), edges: hello.edges.slice(0, 1) };
    const saved = await put('NoEnd', noEnd);
    expect(saved.status).toBe(200);
    expect((await saved.json()).problems.length).toBeGreaterThan(0);
    const ran = await fetch(`${base}/api/flows/NoEnd/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(ran.status).toBe(422);
    expect((await ran.json()).details.map((p: { code: string }) => p.code)).toContain('missing-end');
  });

  it('answers 404 for a flow that does not exist', async () => {
    expect((await fetch(`${base}/api/flows/Nope`)).status).toBe(404);
  });
});
