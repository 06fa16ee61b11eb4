/**
 * The public single-pattern API: compile once (validating as EventBridge does), match many times.
 */
import { type Branch, compileBranches } from './compile-pattern.js';
import { fieldMatches, type FieldMatcher } from './field-matcher.js';
import { InvalidEventPatternError } from './invalid-event-pattern-error.js';
import { jsonNodeFromValue, type JsonNode, jsonNodeToValue, parseJsonText } from './json-text.js';
import { branchMatches, prepareEvent, valuesAt } from './event-tree.js';

/** A validated, compiled event pattern. */
export interface CompiledPattern {
  /** The parsed pattern JSON (as given when an object was passed). */
  readonly source: unknown;
}

/** The compiled form behind a {@link CompiledPattern}. */
export class CompiledEventPattern implements CompiledPattern {
  constructor(
    readonly source: unknown,
    /** One branch per `$or` combination; the pattern matches when any branch does. */
    readonly branches: readonly Branch[],
  ) {}
}

function toNode(pattern: unknown): JsonNode | undefined {
  if (typeof pattern === 'string') return parseJsonText(pattern);
  return jsonNodeFromValue(pattern);
}

/** Compiles a pattern given as JSON text or as a parsed value; throws InvalidEventPatternError. */
export function compilePattern(pattern: unknown): CompiledPattern {
  if (pattern instanceof CompiledEventPattern) return pattern;
  try {
    const node = toNode(pattern);
    const branches = compileBranches(node);
    const source = typeof pattern === 'string' && node !== undefined ? jsonNodeToValue(node) : pattern;
    return new CompiledEventPattern(source, branches);
  } catch (e) {
    if (e instanceof InvalidEventPatternError) throw e;
    // Anything else is a defect here, but callers were promised one error type; keep the cause for debugging.
    const detail = e instanceof Error ? e.message : String(e);
    throw new InvalidEventPatternError(`Pattern could not be read: ${detail}`);
  }
}

/** Checks a pattern without throwing. */
export function validatePattern(pattern: unknown): { valid: true } | { valid: false; message: string; reason: string } {
  try {
    compilePattern(pattern);
    return { valid: true };
  } catch (e) {
    const err = e as InvalidEventPatternError;
    return { valid: false, message: err.message, reason: err.reason };
  }
}

function compiled(pattern: CompiledPattern): CompiledEventPattern {
  if (pattern instanceof CompiledEventPattern) return pattern;
  return compilePattern(pattern.source) as CompiledEventPattern;
}

/** Whether the event matches a compiled pattern. Events may be objects or JSON text; never throws. */
export function matchesPattern(pattern: CompiledPattern, event: unknown): boolean {
  const p = compiled(pattern);
  const prepared = prepareEvent(event);
  for (const branch of p.branches) if (branchMatches(branch, prepared)) return true;
  return false;
}

/** Compiles and matches in one step (as EventBridge's TestEventPattern); throws InvalidEventPatternError. */
export function testEventPattern(pattern: unknown, event: unknown): boolean {
  return matchesPattern(compilePattern(pattern), event);
}

/** Why an event did or did not match, for the editor's pattern tester. */
export interface MatchExplanation {
  matched: boolean;
  /** The dotted path of the field that made the match fail. */
  decidingField?: string;
  reason: string;
}

function show(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

function describeFailure(path: string, field: FieldMatcher, values: readonly unknown[]): string {
  const wanted = show(field.source);
  const present = values.filter((v) => v !== undefined && (v === null || typeof v !== 'object'));
  if (present.length === 0) {
    const objects = values.some((v) => v !== null && typeof v === 'object');
    return objects
      ? `${path} holds an object, not a value, so it cannot match ${wanted}`
      : `${path} is missing from the event, so it cannot match ${wanted}`;
  }
  const shown = present.length === 1 ? show(present[0]) : `[${present.map(show).join(', ')}]`;
  return `${path} is ${shown}, which does not match ${wanted}`;
}

/** Explains the outcome of matching: which field decided a failure, in words a user can act on. */
export function explainMatch(pattern: CompiledPattern, event: unknown): MatchExplanation {
  const p = compiled(pattern);
  const prepared = prepareEvent(event);
  if (p.branches.some((b) => branchMatches(b, prepared))) return { matched: true, reason: 'all fields matched' };
  let best: { failures: number; explanation: MatchExplanation } | undefined;
  for (const branch of p.branches) {
    let failures = 0;
    let first: MatchExplanation | undefined;
    for (const [path, field] of branch.fields) {
      const values = valuesAt(prepared, path.split('.'));
      const ok = values.length === 0 ? fieldMatches(field, undefined) : values.some((v) => fieldMatches(field, v));
      if (!ok) {
        failures++;
        first ??= { matched: false, decidingField: path, reason: describeFailure(path, field, values) };
      }
    }
    if (first === undefined) {
      const paths = branch.fields.map(([path]) => path);
      first = {
        matched: false,
        decidingField: paths[paths.length - 1] ?? '',
        reason: `each of ${paths.join(', ')} matches somewhere in the event, but not all inside the same array element`,
      };
      failures = 1;
    }
    if (best === undefined || failures < best.failures) best = { failures, explanation: first };
  }
  const explanation = best?.explanation ?? { matched: false, reason: 'no branch of the pattern matched' };
  if (p.branches.length > 1) explanation.reason += ` (closest of ${p.branches.length} $or combinations)`;
  return explanation;
}
