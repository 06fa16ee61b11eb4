import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern, InvalidEventPatternError, matchesPattern, validatePattern } from '../src/index.js';
import { compileWildcard, matchesWildcard, wildcardSyntaxError } from '../src/wildcard.js';
import { event, pattern } from './arbitraries.js';

function answersValidOrInvalid(input: unknown): void {
  const result = validatePattern(input);
  expect(typeof result.valid).toBe('boolean');
  try {
    compilePattern(input);
    expect(result.valid).toBe(true);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidEventPatternError);
    expect(result.valid).toBe(false);
  }
}

describe('the validator answers valid or invalid for anything, and never hangs', () => {
  it('arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), answersValidOrInvalid), { numRuns: 1500 });
  });

  it('arbitrary text, including broken JSON', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1)))), answersValidOrInvalid), {
      numRuns: 1500,
    });
  });

  it('JSON text of patterns with every operator, wildcard and numeric inputs included', () => {
    fc.assert(fc.property(pattern, (p) => answersValidOrInvalid(JSON.stringify(p))), { numRuns: 1500 });
  });

  it('JavaScript values JSON cannot hold', () => {
    const odd = fc.constantFrom(undefined, NaN, Infinity, () => 1, Symbol('s'), 10n, new Date(0));
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.array(odd, { maxLength: 2 })), answersValidOrInvalid), { numRuns: 300 });
  });

  // A hang shows up as the test exceeding vitest's timeout.
  it('long runs of wildcard stars and repeats', () => {
    const text = fc.array(fc.constantFrom('*', 'a', 'b', ':', '\\*'), { maxLength: 200 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (t) => {
        answersValidOrInvalid({ a: [{ wildcard: t }] });
      }),
      { numRuns: 300 },
    );
  });
});

describe('matching never throws', () => {
  it('random events against random valid patterns', () => {
    fc.assert(
      fc.property(pattern, fc.array(event, { maxLength: 5 }), (p, events) => {
        if (!validatePattern(p).valid) return;
        const compiled = compilePattern(p);
        for (const e of events) expect(typeof matchesPattern(compiled, e)).toBe('boolean');
      }),
      { numRuns: 1500 },
    );
  });

  it('arbitrary JSON events', () => {
    const compiled = compilePattern({ detail: { a: [{ exists: false }, { numeric: ['>', 1] }, { wildcard: '*x*' }] } });
    fc.assert(
      fc.property(fc.jsonValue(), (e) => {
        expect(typeof matchesPattern(compiled, e)).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});

function wildcardOracle(text: string): RegExp {
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\') source += (text[++i] as string).replace(/[\\*]/g, '\\$&');
    else if (c === '*') source += '[\\s\\S]*';
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

describe('wildcard matching agrees with a regular-expression oracle', () => {
  it('for random wildcards and values', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '\\*', '\\\\');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(fc.constantFrom('a', 'b', '*', '\\'), { maxLength: 10 }), (parts, valueParts) => {
        const text = parts.join('');
        if (wildcardSyntaxError(text) !== undefined) return;
        const value = valueParts.join('');
        expect(matchesWildcard(compileWildcard(text), value)).toBe(wildcardOracle(text).test(value));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('numeric ranges agree with plain comparison inside the EventBridge domain', () => {
  it('for six-decimal numbers', () => {
    const n = fc.integer({ min: -5_000_000, max: 5_000_000 }).map((i) => i / 1000);
    fc.assert(
      fc.property(n, n, n, (a, b, v) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        if (lo === hi) return;
        const compiled = compilePattern({ v: [{ numeric: ['>', lo, '<=', hi] }] });
        expect(matchesPattern(compiled, { v })).toBe(v > lo && v <= hi);
      }),
      { numRuns: 2000 },
    );
  });
});
