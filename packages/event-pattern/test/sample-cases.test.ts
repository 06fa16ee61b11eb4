import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, testEventPattern, validatePattern } from '../src/index.js';

interface SampleCase {
  id: string;
  pattern: unknown;
  event: unknown;
  expect: boolean | 'invalid';
  why?: string;
}

/** The public sample of EventBridge answers, copied into this package so the repository reads nothing outside itself. */
function loadCases(): SampleCase[] {
  const path = fileURLToPath(new URL('./fixtures/event-pattern-cases.json', import.meta.url));
  const file = JSON.parse(readFileSync(path, 'utf8')) as { cases: SampleCase[] };
  return file.cases;
}

const cases = loadCases();

describe('the public sample of EventBridge answers (test/fixtures/event-pattern-cases.json)', () => {
  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    if (c.expect === 'invalid') {
      expect(validatePattern(c.pattern).valid).toBe(false);
      expect(() => testEventPattern(c.pattern, c.event)).toThrow(InvalidEventPatternError);
    } else {
      expect(testEventPattern(c.pattern, c.event)).toBe(c.expect);
      // The same answer when the pattern arrives as JSON text, as it does over the wire.
      expect(testEventPattern(JSON.stringify(c.pattern), c.event)).toBe(c.expect);
    }
  });
});
