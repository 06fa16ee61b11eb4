import { describe, expect, it } from 'vitest';
import { fitRecord, jsonSize } from '../src/runs/run-record-fit.js';
import type { RunRecord } from '../src/storage/storage.js';

const base: RunRecord = {
  id: 'r1',
  flow: 'ACT_Big',
  status: 'succeeded',
  trigger: 'manual',
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: '2026-01-01T00:00:01.000Z',
  logs: [{ time: '2026-01-01T00:00:00.500Z', level: 'info', nodeId: 'log', message: 'hello' }],
  trace: [{ nodeId: 'start', kind: 'core.Start', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.000Z', durationMs: 0 }],
};

describe('fitting a run record to its byte limit', () => {
  it('keeps a record that fits as it is', () => {
    expect(fitRecord({ ...base, result: 42 }, 10_000)).toEqual({ ...base, result: 42 });
  });

  it('drops a result over the limit first and says so in the log', () => {
    const fitted = fitRecord({ ...base, result: 'x'.repeat(50_000) }, 10_000);
    expect(fitted.result).toBeUndefined();
    expect(fitted.trace).toEqual(base.trace);
    expect(fitted.logs.at(-1)?.message).toMatch(/over the 10000-byte limit \(maxTraceBytes\); its result was not stored/);
    expect(jsonSize(fitted)!).toBeLessThanOrEqual(10_000);
  });

  it('ends a record too big to serialise with its outcome instead of throwing', () => {
    // JSON.stringify throws on it, as it does (RangeError) on a value past the longest string V8 makes.
    const value = { count: 10n };
    const fitted = fitRecord({ ...base, status: 'failed', result: value, error: { kind: 'Boom', message: 'it broke' } }, 10_000);
    expect(fitted.status).toBe('failed');
    expect(fitted.error?.kind).toBe('Boom');
    expect(fitted.logs.at(-1)?.message).toMatch(/too big to serialise/);
    expect(jsonSize(fitted)!).toBeLessThanOrEqual(10_000);
  });
});
