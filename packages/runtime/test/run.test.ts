import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@flowbridge/flow-model';
import { compile, coreRuntimeModule, createEngine, run } from '../src/index.js';

const engine = createEngine([coreRuntimeModule]);

const hello: FlowDocument = {
  formatVersion: 1,
  name: 'ACT_Hello',
  parameters: [{ name: 'Name', type: 'String' }],
  returnType: 'String',
  nodes: [
    { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'l', kind: 'core.LogMessage', position: { x: 200, y: 0 }, config: { level: 'info', message: 'Hello, {{ $Name }}! {{ 6 * 7 }}' } },
    { id: 'e', kind: 'core.End', position: { x: 400, y: 0 }, config: { returnValue: '"done " & $Name' } },
  ],
  edges: [
    { id: 'e1', source: 's', sourcePort: 'out', target: 'l' },
    { id: 'e2', source: 'l', sourcePort: 'out', target: 'e' },
  ],
  annotations: [],
};

describe('run', () => {
  it('runs Start → Log → End, logging the evaluated template and returning the End value', async () => {
    const compiled = compile(hello, engine);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const result = await run(compiled.flow, { Name: 'Ana' });
    expect(result.status).toBe('succeeded');
    expect(result.result).toBe('done Ana');
    expect(result.logs.map((l) => l.message)).toEqual(['Hello, Ana! 42']);
    expect(result.trace.map((s) => [s.nodeId, s.port])).toEqual([
      ['s', 'out'],
      ['l', 'out'],
      ['e', undefined],
    ]);
  });

  it('refuses to compile a flow with errors and returns the problems', () => {
    const broken = { ...hello, nodes: hello.nodes.filter((n) => n.id !== 'e') };
    const compiled = compile(broken, engine);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.problems.map((p) => p.code)).toContain('missing-end');
  });

  it('fails with the error of an expression that fails at run time, naming the node', async () => {
    const doc = structuredClone(hello);
    doc.nodes[1]!.config = { message: '{{ $error("boom") }}' };
    const compiled = compile(doc, engine);
    if (!compiled.ok) throw new Error('compile');
    const result = await run(compiled.flow, { Name: 'x' });
    expect(result.status).toBe('failed');
    expect(result.error?.activity).toBe('l');
    expect(result.error?.message).toContain('boom');
  });
});
