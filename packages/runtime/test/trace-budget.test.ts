import { describe, expect, it } from 'vitest';
import { coreRuntimeModule, createEngine, run, TRACE_LIMITS, type RunResult } from '../src/index.js';
import { compiled, flowDoc } from './builder.js';

const engine = createEngine([coreRuntimeModule]);

/** Start → Loop over `list` → body (each node in turn, back to the loop) → End after the loop. */
function loopFlow(list: string, body: Array<[string, string, Record<string, unknown>]>) {
  const nodes: Parameters<typeof flowDoc>[0] = [['start', 'Start'], ['loop', 'Loop', { list, iterator: 'Item' }], ...body, ['end', 'End']];
  const edges: Parameters<typeof flowDoc>[1] = [['start', 'out', 'loop'], ['loop', 'done', 'end'], ['loop', 'body', body[0]![0]]];
  body.forEach(([id], i) => edges.push([id, 'out', body[i + 1]?.[0] ?? 'loop']));
  return compiled(flowDoc(nodes, edges), engine);
}

const recordSize = (result: RunResult): number => JSON.stringify({ trace: result.trace, logs: result.logs, error: result.error }).length;

describe('trace budget', () => {
  it('keeps the run record under maxTraceBytes while every step builds and logs big values', async () => {
    const flow = loopFlow('[1..40]', [
      ['big', 'CreateVariable', { variableName: 'Big', type: 'JSON', value: '[1..40].{"n": $, "text": $pad("", 3000, "x"), "nested": [1..40].{"m": $}}' }],
      ['log', 'LogMessage', { message: '{{ $string($Big) }}' }],
    ]);
    const result = await run(flow, {}, { maxTraceBytes: 300_000 });
    expect(result.status).toBe('succeeded');
    expect(result.steps).toBe(1 + 41 + 80 + 1);
    // The estimate may be off by the markers and per-step overhead, never by a whole value.
    expect(recordSize(result)).toBeLessThan(300_000 * 1.1);
    expect(result.traceTruncated).toBe(true);
    expect(result.omittedSteps).toBeGreaterThan(0);
  });

  it('cuts one big value to its share of the budget with a marker saying how much was cut', async () => {
    const flow = compiled(
      flowDoc(
        [['start', 'Start'], ['big', 'CreateVariable', { variableName: 'Big', type: 'List<JSON>', value: '[1..50].$pad("", 1900, "y")' }], ['end', 'End']],
        [['start', 'out', 'big'], ['big', 'out', 'end']],
      ),
      engine,
    );
    const result = await run(flow, {});
    const output = result.trace.find((s) => s.nodeId === 'big')!.output as string[];
    expect(JSON.stringify(output).length).toBeLessThan(TRACE_LIMITS.valueBytes + 200);
    expect(output.at(-1)).toMatch(/^… \d+ more items$/);
  });

  it('records the first iterations of a long loop in full and counts the rest on the step after it', async () => {
    const flow = loopFlow('[1..5000]', [['log', 'LogMessage', { message: '{{ $Item }}' }]]);
    const result = await run(flow, {});
    expect(result.status).toBe('succeeded');
    const loopSteps = result.trace.filter((s) => s.nodeId === 'loop' && s.port === 'body');
    expect(loopSteps).toHaveLength(TRACE_LIMITS.loopIterationsInFull);
    const end = result.trace.find((s) => s.nodeId === 'loop' && s.port === 'done')!;
    expect(end.omitted).toEqual([{ loopId: 'loop', iterations: 5000 - TRACE_LIMITS.loopIterationsInFull, steps: 2 * (5000 - TRACE_LIMITS.loopIterationsInFull) }]);
    expect(result.omittedSteps).toBe(2 * (5000 - TRACE_LIMITS.loopIterationsInFull));
    expect(result.traceTruncated).toBeUndefined();
  });

  it('keeps the failing step of a late loop iteration in the trace', async () => {
    const flow = loopFlow('[1..200]', [['check', 'CreateVariable', { variableName: 'X', type: 'Integer', value: '$Item = 150 ? $error("item 150 is bad") : $Item' }]]);
    const result = await run(flow, {});
    expect(result.status).toBe('failed');
    const last = result.trace.at(-1)!;
    expect(last.nodeId).toBe('check');
    expect(last.error?.message).toMatch(/item 150 is bad/);
  });

  it('counts log lines past the budget instead of keeping them', async () => {
    const flow = loopFlow('[1..2000]', [['log', 'LogMessage', { message: '{{ $pad("", 500, "z") }}' }]]);
    const result = await run(flow, {}, { maxTraceBytes: 50_000 });
    expect(result.logs.length).toBeLessThan(100);
    expect(result.omittedLogLines).toBe(2000 - result.logs.length);
    expect(recordSize(result)).toBeLessThan(55_000);
  });
});

describe('trace budget shared with the log', () => {
  it('keeps the failing step when a chatty loop has filled the log', async () => {
    const flow = loopFlow('[1..2000]', [
      ['log', 'LogMessage', { message: '{{ $pad("", 500, "z") }}' }],
      ['check', 'CreateVariable', { variableName: 'X', type: 'Integer', value: '$Item = 1999 ? $error("late failure") : $Item' }],
    ]);
    const result = await run(flow, {}, { maxTraceBytes: 40_000 });
    expect(result.status).toBe('failed');
    expect(result.omittedLogLines).toBeGreaterThan(0);
    expect(result.trace.at(-1)).toMatchObject({ nodeId: 'check', error: { message: expect.stringMatching(/late failure/) } });
  });
});
