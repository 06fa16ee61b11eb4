/**
 * The event side of matching. EventBridge flattens an event into dotted paths, so a key
 * `"a.b"` in the event is the same field as `"a": {"b": …}`; we expand such keys once per event
 * and then walk the pattern tree over the nested event. Arrays are walked element by element, and
 * all the fields of one sub-pattern must hold inside the same element (event-ruler's array consistency).
 */
import type { Branch, PatternNode } from './compile-pattern.js';
import { fieldMatches } from './field-matcher.js';

type JsonObject = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Reads an own property only: `constructor` or `__proto__` in a pattern must not see the prototype. */
export function member(obj: JsonObject, key: string): unknown {
  return hasOwn.call(obj, key) ? obj[key] : undefined;
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

function nodeMatches(node: PatternNode, value: unknown): boolean {
  if (node.field !== undefined && !fieldMatches(node.field, value)) return false;
  const children = node.children;
  if (children.length === 0) return true;
  if (value !== null && typeof value === 'object') {
    if (!Array.isArray(value)) return levelMatches(children, value as JsonObject);
    const state = { sawObject: false };
    if (someElementMatches(children, value, state, 0)) return true;
    if (state.sawObject) return false;
  }
  return levelMatches(children, EMPTY);
}

function someElementMatches(children: readonly PatternNode[], items: readonly unknown[], state: { sawObject: boolean }, depth: number): boolean {
  for (const item of items) {
    if (Array.isArray(item)) {
      if (depth < 1000 && someElementMatches(children, item, state, depth + 1)) return true;
    } else if (isObject(item)) {
      state.sawObject = true;
      if (levelMatches(children, item)) return true;
    }
  }
  return false;
}

function levelMatches(children: readonly PatternNode[], obj: JsonObject): boolean {
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as PatternNode;
    const key = child.key;
    // Only names Object.prototype has need the own-property check; the rest cost one lookup.
    const value = child.inheritedName ? (hasOwn.call(obj, key) ? obj[key] : undefined) : obj[key];
    if (!nodeMatches(child, value)) return false;
  }
  return true;
}

/** Whether a prepared event satisfies every field of one branch. */
export function branchMatches(branch: Branch, event: JsonObject): boolean {
  return levelMatches(branch.root, event);
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
