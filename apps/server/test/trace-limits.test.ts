import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RECORD_BYTES } from '../src/runs/flow-runner.js';
import { body, startTestServer } from './support/test-server.js';

/** A small flow that loops 5,000 times building a sizeable value each time, then returns a huge list. */
function heavyFlow(name: string) {
  return {
    formatVersion: 1,
    name,
    parameters: [],
    returnType: 'List<Integer>',
    nodes: [
      { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
      { id: 'loop', kind: 'core.Loop', position: { x: 100, y: 0 }, config: { list: '[1..5000]', iterator: 'I' } },
      { id: 'big', kind: 'core.CreateVariable', position: { x: 200, y: 0 }, config: { variableName: 'Big', type: 'JSON', value: '[1..20].{"n": $, "items": [1..50]}' } },
      { id: 'log', kind: 'core.LogMessage', position: { x: 300, y: 0 }, config: { level: 'info', message: '{{ $string($Big) }}' } },
      { id: 'e', kind: 'core.End', position: { x: 400, y: 0 }, config: { returnValue: '[1..2000000]' } },
    ],
    edges: [
      { id: 'e1', source: 's', sourcePort: 'out', target: 'loop' },
      { id: 'e2', source: 'loop', sourcePort: 'body', target: 'big' },
      { id: 'e3', source: 'big', sourcePort: 'out', target: 'log' },
      { id: 'e4', source: 'log', sourcePort: 'out', target: 'loop' },
      { id: 'e5', source: 'loop', sourcePort: 'done', target: 'e' },
    ],
    annotations: [],
  };
}

describe('run records within their byte limit', () => {
  it('ends a 5,000-iteration loop that builds big values with a stored record under the limit', { timeout: 120_000 }, async () => {
    const server = await startTestServer();
    try {
      expect((await server.api('/api/flows/ACT_Heavy', { method: 'PUT', json: heavyFlow('ACT_Heavy') })).status).toBe(200);
      const res = await server.api('/api/flows/ACT_Heavy/runs', { method: 'POST', json: {} });
      expect(res.status).toBe(200);
      const run = await body(res);
      expect(run.status).toBe('succeeded');
      const stored = await server.api(`/api/runs/${run.id}`);
      const text = await stored.text();
      expect(text.length).toBeLessThan(DEFAULT_MAX_RECORD_BYTES);
      const record = JSON.parse(text);
      expect(record.status).toBe('succeeded');
      // The 2,000,000-item result does not fit: it is dropped from the record, with a note saying so.
      expect(record.result).toBeUndefined();
      expect(record.logs.at(-1).message).toMatch(/its result was not stored/);
      expect(record.trace.find((s: { nodeId: string; port?: string }) => s.nodeId === 'loop' && s.port === 'done').omitted).toEqual([{ loopId: 'loop', iterations: 4980, steps: 3 * 4980 }]);
    } finally {
      await server.close();
    }
  });

  it('holds a flow to its own maxTraceBytes: the stored record stays under twice the limit', { timeout: 120_000 }, async () => {
    const server = await startTestServer();
    try {
      const flow = { ...heavyFlow('ACT_Small'), limits: { maxTraceBytes: 65_536 } };
      flow.nodes[4]!.config = { returnValue: '42' };
      flow.returnType = 'Integer';
      expect((await server.api('/api/flows/ACT_Small', { method: 'PUT', json: flow })).status).toBe(200);
      const run = await body(await server.api('/api/flows/ACT_Small/runs', { method: 'POST', json: {} }));
      expect(run.status).toBe('succeeded');
      const text = await (await server.api(`/api/runs/${run.id}`)).text();
      expect(text.length).toBeLessThan(2 * 65_536);
      const record = JSON.parse(text);
      expect(record.result).toBe(42);
      // 5,000 log lines of a few KB each cannot fit half of 64 KiB: most are counted, not kept.
      expect(record.omittedLogLines).toBeGreaterThan(4_000);
    } finally {
      await server.close();
    }
  });

  it('refuses a maxTraceBytes below its minimum, naming the range', async () => {
    const server = await startTestServer();
    try {
      const res = await server.api('/api/flows/ACT_Tiny', { method: 'PUT', json: { ...heavyFlow('ACT_Tiny'), limits: { maxTraceBytes: 10 } } });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(await res.text()).toMatch(/maxTraceBytes/);
    } finally {
      await server.close();
    }
  });
});
