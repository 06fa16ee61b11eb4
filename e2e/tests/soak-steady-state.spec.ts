import { expect, test } from '@playwright/test';
import { steadyFrom, WARM_UP, type GcSample } from '../reliability/steady-state.js';

/** One sample per second, with the full collections counted so far at each. */
function samples(counts: number[]): GcSample[] {
  return counts.map((majorCollections, second) => ({ second, majorCollections }));
}

test.describe('the memory soak warm-up', () => {
  test('has not ended while V8 has made fewer than two full collections under load', () => {
    expect(steadyFrom(samples(Array(120).fill(0)))).toBeUndefined();
    expect(steadyFrom(samples([0, ...Array(119).fill(1)]))).toBeUndefined();
  });

  test('ends a few seconds after the second full collection when that comes late', () => {
    const counts = [...Array(10).fill(0), ...Array(75).fill(1), ...Array(30).fill(2)];
    expect(steadyFrom(samples(counts))).toBe(85 + WARM_UP.settleSeconds);
  });

  test('lasts the minimum when the collections come early', () => {
    expect(steadyFrom(samples([0, 0, 1, 2, 2, 3, ...Array(40).fill(4)]))).toBe(WARM_UP.minSeconds);
  });

  test('counts only the collections made since the load began', () => {
    // Five full collections at start-up do not end the warm-up.
    const counts = [5, ...Array(50).fill(6), ...Array(20).fill(7)];
    expect(steadyFrom(samples(counts))).toBe(51 + WARM_UP.settleSeconds);
  });

  test('is undecided without samples', () => {
    expect(steadyFrom([])).toBeUndefined();
  });
});
