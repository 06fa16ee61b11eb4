import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../api/client';
import { durationLabel, filterRuns, flowRuns, timeline, triggerLabel } from './run-list';

const run = (id: string, extra: Partial<RunRecord> = {}): RunRecord => ({ id, flow: 'F', status: 'succeeded', trigger: 'manual', startedAt: '2026-01-01T10:00:00.000Z', logs: [], trace: [], ...extra });

describe('the Runs dock list', () => {
  it("lists only the flow's runs, newest first whatever order they arrived in", () => {
    const runs = [run('a', { startedAt: '2026-01-01T10:00:00Z' }), run('c', { startedAt: '2026-01-01T12:00:00Z' }), run('x', { flow: 'Other' }), run('b', { startedAt: '2026-01-01T11:00:00Z' })];
    expect(flowRuns(runs, 'F').map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });

  it('filters by status and by trigger', () => {
    const runs = [run('a'), run('b', { status: 'failed' }), run('c', { trigger: 'event' }), run('d', { status: 'failed', trigger: 'event' })];
    expect(filterRuns(runs, { status: 'failed', trigger: '' }).map((r) => r.id)).toEqual(['b', 'd']);
    expect(filterRuns(runs, { status: '', trigger: 'event' }).map((r) => r.id)).toEqual(['c', 'd']);
    expect(filterRuns(runs, { status: 'failed', trigger: 'event' }).map((r) => r.id)).toEqual(['d']);
    expect(filterRuns(runs, { status: '', trigger: '' })).toHaveLength(4);
  });

  it('says what started a run, with the event type of a callback run', () => {
    expect(triggerLabel(run('a'))).toBe('manual');
    expect(triggerLabel(run('a', { trigger: 'startup' }))).toBe('after start-up');
    expect(triggerLabel(run('a', { trigger: 'event', parameters: { HttpRequest: { event: { 'detail-type': 'OrderPlaced' } } } }))).toBe('event OrderPlaced');
    expect(triggerLabel(run('a', { trigger: 'event' }), 'OrderShipped')).toBe('event OrderShipped');
    expect(triggerLabel(run('a', { trigger: 'event' }))).toBe('event');
  });

  it('shows durations as people read them', () => {
    expect(durationLabel(run('a', { endedAt: '2026-01-01T10:00:00.085Z' }))).toBe('85 ms');
    expect(durationLabel(run('a', { endedAt: '2026-01-01T10:00:01.250Z' }))).toBe('1.3 s');
    expect(durationLabel(run('a', { endedAt: '2026-01-01T10:03:05.000Z' }))).toBe('3 min 5 s');
    expect(durationLabel(run('a', { status: 'running' }))).toBe('running');
  });

  it("places each step on the run's time axis", () => {
    const steps = [
      { nodeId: 'a', kind: 'k', startedAt: '2026-01-01T10:00:00.000Z', endedAt: '', durationMs: 100 },
      { nodeId: 'b', kind: 'k', startedAt: '2026-01-01T10:00:00.100Z', endedAt: '', durationMs: 300 },
    ];
    expect(timeline(run('a', { endedAt: '2026-01-01T10:00:00.400Z', trace: steps }))).toEqual([
      { start: 0, length: 0.25 },
      { start: 0.25, length: 0.75 },
    ]);
  });
});
