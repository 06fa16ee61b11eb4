import { describe, expect, it } from 'vitest';
import { compilePattern, matchesPattern, testEventPattern } from '../src/index.js';
import { fieldTables, MISSING } from './field-cases.js';
import { structureCases } from './structure-cases.js';

for (const [table, rows] of Object.entries(fieldTables)) {
  describe(`${table} (pattern detail.x against event detail.x)`, () => {
    it.each(rows.map((r) => [r[0], r] as const))('%s', (_what, [, alternatives, value, expected]) => {
      const pattern = { detail: { x: alternatives } };
      const event = { source: 's', detail: value === MISSING ? { other: 1 } : { x: value } };
      expect(testEventPattern(pattern, event)).toBe(expected);
      // The answer must not depend on the pattern arriving as text or as an object.
      expect(testEventPattern(JSON.stringify(pattern), JSON.stringify(event))).toBe(expected);
    });
  });
}

describe('pattern structure', () => {
  it.each(structureCases.map((r) => [r[0], r] as const))('%s', (_what, [, pattern, event, expected]) => {
    expect(matchesPattern(compilePattern(pattern), event)).toBe(expected);
  });
});

describe('numbers written in pattern text', () => {
  it.each([
    ['{"n": [300]}', 300, true],
    ['{"n": [3e2]}', 300, true],
    ['{"n": [300.000]}', 300, true],
    ['{"n": [3.0E2]}', 300, true],
    ['{"n": [{"numeric": ["=", 3.00e2]}]}', 300, true],
    ['{"n": [-0.0]}', 0, true],
    ['{"n": [1.0000001]}', 1, false],
  ] as const)('%s against %s is %s', (pattern, value, expected) => {
    expect(testEventPattern(pattern, { n: value })).toBe(expected);
  });
});

describe('case-insensitive comparison with letters whose case forms differ in length', () => {
  it.each([
    [{ 'equals-ignore-case': 'ß' }, 'SS', true],
    [{ 'equals-ignore-case': 'ß' }, 'ß', true],
    [{ 'equals-ignore-case': 'ß' }, 'S', false],
    [{ prefix: { 'equals-ignore-case': 'straß' } }, 'STRASSE', true],
    [{ suffix: { 'equals-ignore-case': 'aß' } }, 'STRASS', true],
    [{ suffix: { 'equals-ignore-case': 'aß' } }, 'STRESS', false],
    [{ 'anything-but': { 'equals-ignore-case': 'ß' } }, 'SS', false],
    [{ 'anything-but': { 'equals-ignore-case': 'ß' } }, 'ss', true],
  ] as const)('%j against %s is %s', (alternative, value, expected) => {
    expect(testEventPattern({ v: [alternative] }, { v: value })).toBe(expected);
  });

  // A quadratic scan of this value would run past vitest's timeout.
  it('checks a long value against a case-insensitive suffix', () => {
    expect(testEventPattern({ v: [{ suffix: { 'equals-ignore-case': 'xß' } }] }, { v: 'a'.repeat(200_000) })).toBe(false);
  });
});
