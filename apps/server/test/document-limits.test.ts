import { describe, expect, it } from 'vitest';
import { body, loggingFlow, startTestServer, tempDir } from './support/test-server.js';

/** A chain Start → `count` Create Variable activities (each using the one before) → End: about 4.6 MB at 20,000. */
function longChain(name: string, count: number) {
  const nodes: Array<Record<string, unknown>> = [{ id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} }];
  const edges: Array<Record<string, unknown>> = [];
  let previous = 'start';
  for (let i = 0; i < count; i++) {
    const id = `v${i}`;
    nodes.push({ id, kind: 'core.CreateVariable', position: { x: i * 10, y: 0 }, config: { variableName: `V${i}`, type: 'Integer', value: i === 0 ? '1' : `$V${i - 1} + 1` } });
    edges.push({ id: `e${i}`, source: previous, sourcePort: 'out', target: id });
    previous = id;
  }
  nodes.push({ id: 'end', kind: 'core.End', position: { x: 0, y: 100 }, config: {} });
  edges.push({ id: 'last', source: previous, sourcePort: 'out', target: 'end' });
  return { formatVersion: 1, name, parameters: [], nodes, edges, annotations: [] };
}

describe('a flow of 20,000 nodes', () => {
  it('is refused on save with 413 and a message saying the limit and what to do', { timeout: 60_000 }, async () => {
    const server = await startTestServer();
    try {
      const res = await server.api('/api/flows/ACT_Huge', { method: 'PUT', json: longChain('ACT_Huge', 20_000) });
      expect(res.status).toBe(413);
      const answer = await body(res);
      expect(answer.error).toBe('FlowDocumentTooLarge');
      expect(answer.message).toMatch(/20002 nodes, more than the 10000 a flow may have; split it into smaller flows/);
      expect((await server.api('/api/flows/ACT_Huge')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('put in the workspace by hand is skipped and reported at start, the server works and restarts cleanly', { timeout: 120_000 }, async () => {
    const workspace = await tempDir();
    const files = { 'flows/ACT_Huge.json': JSON.stringify(longChain('ACT_Huge', 20_000)), 'flows/ACT_Fine.json': JSON.stringify(loggingFlow('ACT_Fine')) };
    for (let start = 0; start < 2; start++) {
      const server = await startTestServer({ workspace, ...(start === 0 ? { files } : {}) });
      try {
        const { flows } = await body(await server.api('/api/flows'));
        expect(flows).toEqual([expect.objectContaining({ name: 'ACT_Fine', problemCount: 0 }), expect.objectContaining({ name: 'ACT_Huge', problemCount: 2 })]);
        const huge = await body(await server.api('/api/flows/ACT_Huge'));
        expect(huge.problems[0]).toMatchObject({ code: 'document-too-large', field: 'nodes' });
        const ready = await server.api('/readyz');
        expect(ready.status).toBe(200);
        expect((await body(ready)).checks.flows).toMatch(/^1 not loaded: ACT_Huge \(The flow has 20002 nodes/);
        expect(server.logs.some((line) => line.includes('flow file not loaded') && line.includes('ACT_Huge'))).toBe(true);
        const run = await body(await server.api('/api/flows/ACT_Fine/runs', { method: 'POST', json: {} }));
        expect(run.status).toBe('succeeded');
        const refused = await server.api('/api/flows/ACT_Huge/runs', { method: 'POST', json: {} });
        expect(refused.status).toBeGreaterThanOrEqual(400);
        expect(refused.status).toBeLessThan(500);
      } finally {
        await server.close();
      }
    }
  });
});
