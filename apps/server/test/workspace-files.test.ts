import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { body, loggingFlow, startTestServer, tempDir, type TestServer } from './support/test-server.js';

const OUTSIDE = 'OUTSIDE-CONTENT root:x:0:0 must never be shown';

describe('workspace files: links are never followed', () => {
  let server: TestServer;
  let outsideFile: string;
  const texts: string[] = [];
  const call = async (path: string, init?: Parameters<TestServer['api']>[1]) => {
    const res = await server.api(path, init);
    const text = await res.text();
    texts.push(text);
    return { status: res.status, text };
  };
  beforeAll(async () => {
    const outside = await tempDir('fb-outside-');
    outsideFile = join(outside, 'passwd.json');
    await writeFile(outsideFile, OUTSIDE);
    server = await startTestServer();
    await mkdir(join(server.workspace, 'flows'), { recursive: true });
    await symlink(outsideFile, join(server.workspace, 'flows', 'ACT_Link.json'));
    await writeFile(join(server.workspace, 'flows', 'ACT_Real.json'), JSON.stringify(loggingFlow('ACT_Real')));
    await symlink(join(server.workspace, 'flows', 'ACT_Real.json'), join(server.workspace, 'flows', 'ACT_InsideLink.json'));
  });
  afterAll(async () => {
    await server.close();
    for (const text of [...texts, ...server.logs]) expect(text).not.toContain('OUTSIDE-CONTENT');
  });

  it('does not list linked flow files, inside or outside the workspace', async () => {
    const { flows } = JSON.parse((await call('/api/flows')).text) as { flows: Array<{ name: string }> };
    expect(flows.map((f) => f.name)).toEqual(['ACT_Real']);
  });

  it('does not read, run, save over or delete through a link', async () => {
    expect((await call('/api/flows/ACT_Link')).status).toBe(404);
    expect((await call('/api/flows/ACT_Link/runs', { method: 'POST', json: {} })).status).toBe(404);
    const saved = await call('/api/flows/ACT_Link', { method: 'PUT', json: loggingFlow('ACT_Link') });
    expect(saved.status).toBe(409);
    expect(JSON.parse(saved.text)).toMatchObject({ error: 'UnsafeWorkspaceFile' });
    expect((await call('/api/flows/ACT_Link', { method: 'DELETE' })).status).toBe(409);
    expect(await readFile(outsideFile, 'utf8')).toBe(OUTSIDE);
  });

  it('refuses a flows folder that is itself a link', async () => {
    const other = await startTestServer();
    try {
      const elsewhere = await tempDir('fb-elsewhere-');
      await writeFile(join(elsewhere, 'ACT_Away.json'), JSON.stringify(loggingFlow('ACT_Away')));
      const { rm } = await import('node:fs/promises');
      await rm(join(other.workspace, 'flows'), { recursive: true, force: true });
      await symlink(elsewhere, join(other.workspace, 'flows'));
      const res = await other.api('/api/flows');
      expect(res.status).toBe(409);
      expect(await body(res)).toMatchObject({ error: 'UnsafeWorkspaceFile' });
    } finally {
      await other.close();
    }
  });
});

describe('workspace files: concurrent edits of one flow', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('of ten concurrent renames of one flow exactly one wins, leaving one copy', async () => {
    expect((await server.api('/api/flows/ACT_Source', { method: 'PUT', json: loggingFlow('ACT_Source') })).status).toBe(200);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => server.api('/api/flows/ACT_Source/rename', { method: 'POST', json: { newName: `ACT_Target${i}` } })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 404)).toHaveLength(9);
    const files = (await readdir(join(server.workspace, 'flows'))).filter((f) => f.startsWith('ACT_'));
    expect(files).toHaveLength(1);
  });

  it('of two concurrent saves from the same version one is saved and one is told to reload', async () => {
    const first = await server.api('/api/flows/ACT_Both', { method: 'PUT', json: loggingFlow('ACT_Both') });
    const etag = first.headers.get('etag')!;
    const answers = await Promise.all(
      ['one', 'two'].map((m) => server.api('/api/flows/ACT_Both', { method: 'PUT', json: loggingFlow('ACT_Both', m), headers: { 'if-match': etag } })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 412]);
  });
});
