/**
 * The event side of matching. EventBridge flattens an event into dotted paths, so a key
 * `"a.b"` in the event is the same field as `"a": {"b": …}`; we expand such keys once per event
 * and then walk the pattern tree over the nested event. Arrays are walked element by element, and
 * all the fields of one sub-pattern must hold inside the same element (event-ruler's array consistency).
 */
import type { Branch, PatternNode } from './compile-pattern.js';
import { fieldMatches, type Scalar } from './field-matcher.js';

type JsonObject = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Bounds the scan of one event, so that a cyclic or enormous object cannot stall matching. */
const SCAN_BUDGET = 100_000;
let scanBudget = 0;

function hasDottedKeys(v: unknown, depth: number): boolean {
  if (depth > 1000 || v === null || typeof v !== 'object' || --scanBudget < 0) return false;
  if (Array.isArray(v)) {
    for (const item of v) if (hasDottedKeys(item, depth + 1)) return true;
    return false;
  }
  // for-in also visits inherited enumerable keys; at worst that costs an unneeded expansion.
  for (const key in v) {
    if (key.includes('.')) return true;
    if (hasDottedKeys((v as JsonObject)[key], depth + 1)) return true;
  }
  return false;
}

/** Merges a value into `target[key]`; two values at one path become a value set, as in a flattened event. */
function mergeInto(target: JsonObject, key: string, value: unknown): void {
  if (!hasOwn.call(target, key)) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    return;
  }
  const existing = target[key];
  if (isObject(existing) && isObject(value)) {
    for (const k of Object.keys(value)) mergeInto(existing, k, value[k]);
  } else {
    target[key] = [existing, value];
  }
}

function expand(v: unknown, depth: number): unknown {
  if (depth > 1000 || v === null || typeof v !== 'object' || --scanBudget < 0) return v;
  if (Array.isArray(v)) return v.map((item) => expand(item, depth + 1));
  const out: JsonObject = {};
  for (const key of Object.keys(v)) {
    const value = expand((v as JsonObject)[key], depth + 1);
    const segments = key.split('.');
    let target = out;
    for (let i = 0; i < segments.length - 1; i++) {
      const seg = segments[i] as string;
      const nested: JsonObject = {};
      mergeInto(target, seg, nested);
      const now = target[seg];
      // When the segment already held a scalar, the merge made a value set; descend into the new object.
      target = isObject(now) ? now : nested;
    }
    mergeInto(target, segments[segments.length - 1] as string, value);
  }
  return out;
}

/**
 * The event as a plain object with dotted keys expanded. A JSON string is parsed; anything that is
 * not an object has no fields.
 */
export function prepareEvent(event: unknown): JsonObject {
  let v = event;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return {};
    }
  }
  if (!isObject(v)) return {};
  scanBudget = SCAN_BUDGET;
  if (!hasDottedKeys(v, 0)) return v;
  scanBudget = SCAN_BUDGET;
  return expand(v, 0) as JsonObject;
}

const EMPTY: JsonObject = Object.freeze({}) as JsonObject;

/** Decides whether the event value at one pattern node's path satisfies that node. */
type ValueMatcher = (value: unknown) => boolean;
/** Decides whether one event object (or array element) satisfies a set of sibling nodes. */
type LevelMatcher = (obj: JsonObject) => boolean;

/**
 * Compiles a branch into nested closures specialised for its shape (a lone exact string costs one
 * comparison), so matching does no interpretation of the pattern tree.
 */
export function compileBranchMatcher(root: readonly PatternNode[]): LevelMatcher {
  return compileLevel(root);
}

function compileNode(node: PatternNode): ValueMatcher {
  const field = node.field;
  if (node.children.length === 0) {
    if (field === undefined) return () => true;
    const test = field.test;
    return (v) => {
      const t = typeof v;
      if (t === 'string' || t === 'number' || t === 'boolean' || v === null) return test(v as Scalar);
      return fieldMatches(field, v);
    };
  }
  const level = compileLevel(node.children);
  const structural: ValueMatcher = (v) => {
    if (v !== null && typeof v === 'object') {
      if (!Array.isArray(v)) return level(v as JsonObject);
      const state = { sawObject: false };
      if (someElementMatches(level, v, state, 0)) return true;
      if (state.sawObject) return false;
    }
    return level(EMPTY);
  };
  if (field === undefined) return structural;
  return (v) => fieldMatches(field, v) && structural(v);
}

function compileLevel(children: readonly PatternNode[]): LevelMatcher {
  const getters = children.map((child): LevelMatcher => {
    const key = child.key;
    const matcher = compileNode(child);
    // Only names Object.prototype has need the own-property check; the rest cost one lookup.
    return child.inheritedName ? (o) => matcher(hasOwn.call(o, key) ? o[key] : undefined) : (o) => matcher(o[key]);
  });
  if (getters.length === 1) return getters[0] as LevelMatcher;
  if (getters.length === 2) {
    const [a, b] = getters as [LevelMatcher, LevelMatcher];
    return (o) => a(o) && b(o);
  }
  return (o) => {
    for (let i = 0; i < getters.length; i++) if (!(getters[i] as LevelMatcher)(o)) return false;
    return true;
  };
}

function someElementMatches(level: LevelMatcher, items: readonly unknown[], state: { sawObject: boolean }, depth: number): boolean {
  for (const item of items) {
    if (Array.isArray(item)) {
      if (depth < 1000 && someElementMatches(level, item, state, depth + 1)) return true;
    } else if (isObject(item)) {
      state.sawObject = true;
      if (level(item)) return true;
    }
  }
  return false;
}

/** Whether a prepared event satisfies every field of one branch. */
export function branchMatches(branch: Branch, event: JsonObject): boolean {
  return branch.matches(event);
}

/** Every value at a dotted path, through arrays (for indexes and explanations; ignores array consistency). */
export function valuesAt(event: JsonObject, segments: readonly string[], out: unknown[] = []): unknown[] {
  collect(event, segments, 0, out, 0);
  return out;
}

function collect(v: unknown, segments: readonly string[], i: number, out: unknown[], depth: number): void {
  if (depth > 1000) return;
  if (Array.isArray(v)) {
    for (const item of v) collect(item, segments, i, out, depth + 1);
    return;
  }
  if (i === segments.length) {
    out.push(v);
    return;
  }
  if (isObject(v)) {
    const key = segments[i] as string;
    if (hasOwn.call(v, key)) collect(v[key], segments, i + 1, out, depth + 1);
  }
}
