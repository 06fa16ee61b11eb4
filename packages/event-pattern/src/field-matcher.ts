/**
 * The compiled alternatives for one field (one pattern array): exact values sit in hash sets,
 * operators become small predicates. A field matches when any event value at that path satisfies
 * any alternative; "no value" only satisfies `{"exists": false}`.
 */
import { comparableFromNumber } from './comparable-number.js';
import { ipKey } from './ip-address.js';

/** A scalar event value (objects are structure, not values). */
export type Scalar = string | number | boolean | null;

/** A predicate for one operator alternative. */
export type ScalarTest = (value: Scalar) => boolean;

/** Everything one pattern array accepts. */
export interface FieldMatcher {
  /** Exact strings (IP literals excluded: they live in ipKeys). */
  readonly strings: ReadonlySet<string>;
  /** Exact IP literals, as comparable keys; an event string matches the same address in any spelling. */
  readonly ipKeys: ReadonlySet<string>;
  /** Exact numbers EventBridge can compare by value (scaled by 10⁶). */
  readonly numbers: ReadonlySet<number>;
  /** Exact numbers outside that domain, compared as doubles. */
  readonly otherNumbers: ReadonlySet<number>;
  readonly matchesTrue: boolean;
  readonly matchesFalse: boolean;
  readonly matchesNull: boolean;
  readonly tests: readonly ScalarTest[];
  readonly existsTrue: boolean;
  readonly existsFalse: boolean;
  /** Only exact strings and nothing else: usable as an index key by RuleSet. */
  readonly exactOnly: boolean;
  /** The pattern array as written, for explanations. */
  readonly source: readonly unknown[];
  /** All of the above as one predicate over a present value. */
  readonly test: ScalarTest;
}

/**
 * Builds the single predicate a field runs per value, from only the parts the pattern uses:
 * most fields are one or two exact strings, and those should cost one comparison.
 */
export function buildScalarTest(m: Omit<FieldMatcher, 'test'>): ScalarTest {
  if (m.existsTrue) return () => true;
  const parts: ScalarTest[] = [];
  if (m.strings.size === 1) {
    const only = [...m.strings][0] as string;
    parts.push((v) => v === only);
  } else if (m.strings.size > 1) {
    const strings = m.strings;
    parts.push((v) => typeof v === 'string' && strings.has(v));
  }
  if (m.ipKeys.size > 0) {
    const keys = m.ipKeys;
    parts.push((v) => {
      if (typeof v !== 'string') return false;
      const key = ipKey(v);
      return key !== undefined && keys.has(key);
    });
  }
  if (m.numbers.size > 0 || m.otherNumbers.size > 0) {
    const { numbers, otherNumbers } = m;
    parts.push((v) => {
      if (typeof v !== 'number') return false;
      const c = comparableFromNumber(v);
      return c !== undefined ? numbers.has(c) : otherNumbers.has(v);
    });
  }
  if (m.matchesTrue) parts.push((v) => v === true);
  if (m.matchesFalse) parts.push((v) => v === false);
  if (m.matchesNull) parts.push((v) => v === null);
  parts.push(...m.tests);
  if (parts.length === 0) return () => false;
  if (parts.length === 1) return parts[0] as ScalarTest;
  if (parts.length === 2) {
    const [a, b] = parts as [ScalarTest, ScalarTest];
    return (v) => a(v) || b(v);
  }
  return (v) => {
    for (let i = 0; i < parts.length; i++) if ((parts[i] as ScalarTest)(v)) return true;
    return false;
  };
}

function isScalar(v: unknown): v is Scalar {
  const t = typeof v;
  return v === null || t === 'string' || t === 'number' || t === 'boolean';
}

/**
 * Whether the event value at a field's path satisfies the field. `undefined` means missing; an
 * object is structure, so it counts as missing; arrays are value sets (nested arrays flattened,
 * objects inside skipped; an array with no scalar counts as missing).
 */
export function fieldMatches(m: FieldMatcher, v: unknown): boolean {
  if (isScalar(v)) return m.test(v);
  if (Array.isArray(v)) {
    const state = { present: false };
    if (arrayMatches(m, v, state, 0)) return true;
    return !state.present && m.existsFalse;
  }
  return m.existsFalse;
}

function arrayMatches(m: FieldMatcher, items: readonly unknown[], state: { present: boolean }, depth: number): boolean {
  for (const item of items) {
    if (isScalar(item)) {
      state.present = true;
      if (m.test(item)) return true;
    } else if (Array.isArray(item) && depth < 1000) {
      if (arrayMatches(m, item, state, depth + 1)) return true;
    }
  }
  return false;
}
