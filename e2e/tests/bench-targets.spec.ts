import { expect, test } from '@playwright/test';
// @ts-expect-error -- a plain script of the repository (scripts/), without type declarations
import { checkTargets, TARGETS } from '../../scripts/bench-targets.mjs';

type Verdict = { figure: string; verdict: 'met' | 'not met' | 'missing'; value?: number; limit?: number };
const verdictOf = (figures: Array<{ name: string; value: number }>, figure: string): Verdict =>
  (checkTargets(figures) as Verdict[]).find((v) => v.figure === figure)!;

test.describe("the bench's performance targets", () => {
  test('a fixed limit is met on its side of the line, the line included where the target says so', () => {
    expect(verdictOf([{ name: 'cluster.cpu_ms_per_event', value: 1 }], 'cluster.cpu_ms_per_event').verdict).toBe('met');
    expect(verdictOf([{ name: 'cluster.cpu_ms_per_event', value: 1.01 }], 'cluster.cpu_ms_per_event').verdict).toBe('not met');
    expect(verdictOf([{ name: 'editor.open_ms_1000_nodes', value: 1000 }], 'editor.open_ms_1000_nodes').verdict).toBe('not met');
    expect(verdictOf([{ name: 'editor.pan_fps_1000_nodes', value: 50 }], 'editor.pan_fps_1000_nodes').verdict).toBe('met');
  });

  test('a target relative to another figure uses that figure of the same run', () => {
    const figures = [
      { name: 'endpoint.express.cpu_us_per_event', value: 200 },
      { name: 'endpoint.inbox.cpu_us_per_event', value: 390 },
    ];
    expect(verdictOf(figures, 'endpoint.inbox.cpu_us_per_event')).toMatchObject({ verdict: 'met', value: 390, limit: 400 });
    figures[1]!.value = 410;
    expect(verdictOf(figures, 'endpoint.inbox.cpu_us_per_event').verdict).toBe('not met');
  });

  test('a figure the run did not produce, or its baseline, is missing, never met', () => {
    expect(verdictOf([], 'startup.cold_s').verdict).toBe('missing');
    expect(verdictOf([{ name: 'inbox.claim_us.backlog_30000', value: 1 }], 'inbox.claim_us.backlog_30000').verdict).toBe('missing');
  });

  test("every target names a different figure, twelve in all", () => {
    const names = (TARGETS as Array<{ figure: string }>).map((t) => t.figure);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(12);
  });
});
