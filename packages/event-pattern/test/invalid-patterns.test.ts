import { describe, expect, it } from 'vitest';
import { compilePattern, InvalidEventPatternError, validatePattern } from '../src/index.js';
import { awsRecordedInvalidCases, invalidCases } from './invalid-cases.js';

function firstLine(text: string): string {
  return text.split('\n')[0] as string;
}

function expectRejected(pattern: string, reason: string): void {
  const result = validatePattern(pattern);
  expect(result.valid).toBe(false);
  if (result.valid) return;
  const line = firstLine(result.reason);
  if (reason.startsWith('Unexpected end-of-input')) expect(line.startsWith(reason)).toBe(true);
  else expect(line).toBe(reason);
  expect(result.message).toBe(`Event pattern is not valid. Reason: ${result.reason}`);
}

describe('patterns AWS rejected, with the reason AWS gave', () => {
  it.each(awsRecordedInvalidCases)('%s → %s', expectRejected);
});

describe('patterns EventBridge rejects, with its reason', () => {
  it.each(invalidCases)('%s → %s', expectRejected);
});

describe('the error value', () => {
  it('carries AWS exception name, message, reason and the offending path', () => {
    let caught: unknown;
    try {
      compilePattern({ detail: { total: [{ numeric: ['~', 5] }] } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidEventPatternError);
    const err = caught as InvalidEventPatternError;
    expect(err.name).toBe('InvalidEventPatternException');
    expect(err.message).toBe('Event pattern is not valid. Reason: Unrecognized numeric range operator: ~');
    expect(err.reason).toBe('Unrecognized numeric range operator: ~');
    expect(err.path).toBe('detail.total');
  });

  it('reports where broken JSON breaks, as Jackson does on a second line', () => {
    const result = validatePattern('{"a": [1,]}');
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.reason).toContain('line: 1, column: 10');
  });

  it('validates every occurrence of a duplicated key even though the last one wins', () => {
    expect(validatePattern('{"a": [{"prefix": 1}], "a": ["x"]}').valid).toBe(false);
    expect(validatePattern('{"a": ["x"], "a": ["y"]}').valid).toBe(true);
  });

  it('rejects a pattern that refers to itself instead of looping', () => {
    const pattern: Record<string, unknown> = {};
    pattern.self = pattern;
    expect(validatePattern(pattern).valid).toBe(false);
  });

  it('rejects nesting deeper than Jackson allows', () => {
    const deep = `${'{"a":'.repeat(1001)}["x"]${'}'.repeat(1001)}`;
    const result = validatePattern(deep);
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.reason).toMatch(/nesting depth/);
  });

  it('rejects $or combinations beyond the limit', () => {
    const or = (n: number) => ({ $or: Array.from({ length: n }, (_, i) => ({ [`f${i}`]: [i] })) });
    expect(validatePattern({ a: or(10), b: or(10), c: or(10) }).valid).toBe(true);
    expect(validatePattern({ a: or(10), b: or(10), c: or(11) }).valid).toBe(false);
  });

  it('accepts trailing text after the pattern object, as the streaming parser of EventBridge does', () => {
    expect(validatePattern('{"a": ["x"]} trailing').valid).toBe(true);
  });
});

describe('valid patterns the validator must not reject', () => {
  it.each([
    '{"a": ["x"]}',
    '{"a": [{"prefix": ""}]}',
    '{"a": [{"wildcard": ""}]}',
    '{"a": [{"wildcard": "*:*:*:*"}]}',
    '{"a": [{"wildcard": "a\\\\*b\\\\\\\\c"}]}',
    '{"a": [{"numeric": [">", -5e9, "<=", 5e9]}]}',
    '{"a": [{"numeric": ["=", 0.000001]}]}',
    '{"a": [{"anything-but": {"prefix": []}}]}',
    '{"a": [{"anything-but": {"wildcard": ""}}]}',
    '{"a": [{"anything-but": 5}]}',
    '{"a": [{"anything-but": [1, 2.5]}]}',
    '{"a": [{"cidr": "0.0.0.0/0"}]}',
    '{"a": [{"cidr": "10.0.0.0/31"}]}',
    '{"a": [{"cidr": "::/0"}]}',
    '{"a": [{"cidr": "2001:db8::/127"}]}',
    '{"a": [{"exists": false}, "x"]}',
    '{"a": [12345678901234567890]}',
    '{"$or": [{"a": ["x"]}, {"b": ["y"]}], "c": ["z"]}',
    '{"$or": [{"a": ["x"]}, {"$or": [{"b": ["y"]}, {"c": ["z"]}]}]}',
    '{"a.b": ["x"], "a": {"c": ["y"]}}',
  ])('%s', (pattern) => {
    expect(validatePattern(pattern)).toEqual({ valid: true });
  });
});
