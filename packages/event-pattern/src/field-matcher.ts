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
}

/** Whether one present scalar satisfies some alternative. */
export function scalarMatches(m: FieldMatcher, v: Scalar): boolean {
  if (m.existsTrue) return true;
  switch (typeof v) {
    case 'string': {
      if (m.strings.has(v)) return true;
      if (m.ipKeys.size > 0) {
        const key = ipKey(v);
        if (key !== undefined && m.ipKeys.has(key)) return true;
      }
      break;
    }
    case 'number': {
      if (m.numbers.size > 0 || m.otherNumbers.size > 0) {
        const c = comparableFromNumber(v);
        if (c !== undefined ? m.numbers.has(c) : m.otherNumbers.has(v)) return true;
      }
      break;
    }
    case 'boolean':
      if (v ? m.matchesTrue : m.matchesFalse) return true;
      break;
    default:
      if (v === null && m.matchesNull) return true;
      break;
  }
  const tests = m.tests;
  for (let i = 0; i < tests.length; i++) if ((tests[i] as ScalarTest)(v)) return true;
  return false;
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
  if (isScalar(v)) return scalarMatches(m, v);
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
      if (scalarMatches(m, item)) return true;
    } else if (Array.isArray(item) && depth < 1000) {
      if (arrayMatches(m, item, state, depth + 1)) return true;
    }
  }
  return false;
}
