import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern, InvalidEventPatternError, matchesPattern, RuleSet, validatePattern } from '../src/index.js';
import { event, pattern } from './arbitraries.js';

describe('RuleSet', () => {
  it('gives the same answers as matching each pattern one by one', () => {
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 25 }), fc.array(event, { minLength: 1, maxLength: 10 }), (patterns, events) => {
        const valid = patterns.filter((p) => validatePattern(p).valid).map((p) => compilePattern(p));
        const set = new RuleSet<number>();
        valid.forEach((p, i) => set.add(i, p));
        for (const e of events) {
          const expected = valid.flatMap((p, i) => (matchesPattern(p, e) ? [i] : []));
          expect(set.match(e)).toEqual(expected);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('stays consistent through removals and replacements', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.option(pattern, { nil: undefined })), { maxLength: 30 }),
        fc.array(event, { minLength: 1, maxLength: 5 }),
        (operations, events) => {
          const set = new RuleSet<number>();
          const model = new Map<number, ReturnType<typeof compilePattern>>();
          for (const [id, p] of operations) {
            if (p === undefined || !validatePattern(p).valid) {
              set.remove(id);
              model.delete(id);
            } else {
              set.add(id, p);
              model.delete(id);
              model.set(id, compilePattern(p));
            }
          }
          expect(set.size).toBe(model.size);
          for (const e of events) {
            const expected = [...model].filter(([, p]) => matchesPattern(p, e)).map(([id]) => id);
            expect(new Set(set.match(e))).toEqual(new Set(expected));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports a rule once even when several $or branches match', () => {
    const set = new RuleSet();
    set.add('r', { $or: [{ source: ['s'] }, { 'detail-type': ['t'] }] });
    expect(set.match({ source: 's', 'detail-type': 't' })).toEqual(['r']);
  });

  it('returns ids in the order rules were added', () => {
    const set = new RuleSet();
    set.add('second', { source: [{ prefix: 's' }] });
    set.add('first', { source: ['s'] });
    set.add('third', { 'detail-type': ['t'] });
    expect(set.match({ source: 's', 'detail-type': 't' })).toEqual(['second', 'first', 'third']);
  });

  it('replaces a rule added again under the same id', () => {
    const set = new RuleSet();
    set.add('r', { source: ['a'] });
    set.add('r', { source: ['b'] });
    expect(set.size).toBe(1);
    expect(set.match({ source: 'a' })).toEqual([]);
    expect(set.match({ source: 'b' })).toEqual(['r']);
  });

  it('forgets removed rules and ignores unknown ids', () => {
    const set = new RuleSet();
    set.add('r', { source: ['a'] });
    set.remove('r');
    set.remove('never-added');
    expect(set.size).toBe(0);
    expect(set.match({ source: 'a' })).toEqual([]);
  });

  it('rejects an invalid pattern and keeps the previous rule', () => {
    const set = new RuleSet();
    set.add('r', { source: ['a'] });
    expect(() => set.add('r', { source: 'a' })).toThrow(InvalidEventPatternError);
    expect(set.match({ source: 'a' })).toEqual(['r']);
  });

  it('finds rules filed under values inside event arrays', () => {
    const set = new RuleSet();
    set.add('r', { resources: ['arn:2'] });
    expect(set.match({ resources: ['arn:1', 'arn:2'] })).toEqual(['r']);
  });

  it('finds rules whose indexed field is spelled as a dotted key in the event', () => {
    const set = new RuleSet();
    set.add('r', { detail: { kind: ['k'] } });
    expect(set.match({ 'detail.kind': 'k' })).toEqual(['r']);
  });

  it('accepts JSON text and compiled patterns', () => {
    const set = new RuleSet();
    set.add('text', '{"source": ["s"]}');
    set.add('compiled', compilePattern({ source: ['s'] }));
    expect(set.match('{"source": "s"}')).toEqual(['text', 'compiled']);
  });
});
