import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loggingFlow, startTestServer, tempDir, type TestServer } from './support/test-server.js';

let server: TestServer;
/** The workspace's own parent, so anything written beside the workspace shows up. */
let parent: string;

beforeAll(async () => {
  parent = await tempDir('fb-robust-');
  await mkdir(join(parent, 'ws'));
  server = await startTestServer({ workspace: join(parent, 'ws') });
  await server.api('/api/flows/ACT_Ok', { method: 'PUT', json: loggingFlow('ACT_Ok') });
});
afterAll(() => server.close());

const names = ['..', '...', '..%2F..%2Fescape', '%2e%2e%2fescape', 'a%00b', '%C0%AE%C0%AE', 'x'.repeat(5000), '%F0%9F%92%A5', 'con', 'a%5C..%5Cb', '%E0%A4%A', ' ', 'a b', '-lead'];
const bodies: Array<string | undefined> = [undefined, '', 'null', '[]', '"text"', '123', '{"parameters":null}', '{"newName":"../../x"}', '{"value":{"deep":[1,[2,[3]]]}}', '{', '{"ids":[null]}', JSON.stringify({ nodes: 'x', edges: {} })];

describe('hostile input', () => {
  it('never answers 5xx or crashes, always with a JSON error, and writes nothing outside the workspace', { timeout: 60_000 }, async () => {
    const routes = (name: string) => [
      ['GET', `/api/flows/${name}`],
      ['PUT', `/api/flows/${name}`],
      ['DELETE', `/api/flows/${name}`],
      ['POST', `/api/flows/${name}/runs`],
      ['POST', `/api/flows/${name}/rename`],
      ['POST', `/api/flows/${name}/duplicate`],
      ['PUT', `/api/constants/${name}`],
      ['DELETE', `/api/constants/${name}`],
      ['GET', `/api/runs/${name}`],
      ['GET', `/api/runs?before=${name}&flow=${name}`],
      ['GET', `/api/inbox/${name}`],
      ['GET', `/api/inbox?status=${name}`],
      ['POST', '/api/inbox/replay'],
    ];
    let requests = 0;
    for (const name of names) {
      for (const [method, path] of routes(name)) {
        for (const text of method === 'GET' || method === 'DELETE' ? [undefined] : bodies) {
          const res = await server.api(path!, { method: method!, ...(text !== undefined ? { headers: { 'content-type': 'application/json' }, body: text } : {}) });
          requests++;
          expect(res.status, `${method} ${path!.slice(0, 80)} ${text ?? ''}`).toBeLessThan(500);
          if (res.status >= 400) {
            const error = (await res.json()) as { error?: unknown; message?: unknown };
            expect(typeof error.error).toBe('string');
            expect(typeof error.message).toBe('string');
          } else {
            await res.arrayBuffer();
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(500);
    expect((await server.api('/healthz')).status).toBe(200);
    expect(await readdir(parent)).toEqual(['ws']);
    const flows = await readdir(`${server.workspace}/flows`);
    expect(flows.every((f) => /^[A-Za-z_][A-Za-z0-9_.-]*\.json$/.test(f))).toBe(true);
  });
});
