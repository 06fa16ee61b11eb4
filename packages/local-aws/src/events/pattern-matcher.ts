// TEMPORARY stand-in until @flowbridge/event-pattern is built; replaced by the real package before commit.
import { AwsServiceError } from '../aws-error.js';

export interface CompiledEventPattern {
  readonly pattern: Record<string, unknown>;
}

function invalid(reason: string): AwsServiceError {
  return new AwsServiceError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`);
}

/** Compiles an event pattern (JSON text or object); throws InvalidEventPatternException like AWS. */
export function compileEventPattern(pattern: unknown): CompiledEventPattern {
  let parsed: unknown = pattern;
  if (typeof pattern === 'string') {
    try {
      parsed = JSON.parse(pattern);
    } catch (e) {
      throw invalid((e as Error).message);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid('Filter is not an object');
  return { pattern: parsed as Record<string, unknown> };
}

function leafMatches(alternatives: unknown[], value: unknown, present: boolean): boolean {
  const values = Array.isArray(value) ? value : [value];
  return alternatives.some((alt) => {
    if (alt !== null && typeof alt === 'object') {
      const [op, arg] = Object.entries(alt as Record<string, unknown>)[0] ?? [];
      if (op === 'exists') return arg === present;
      if (op === 'prefix') return values.some((v) => typeof v === 'string' && v.startsWith(String(arg)));
      throw invalid(`Unrecognized match type ${op ?? ''}`);
    }
    return present && values.some((v) => v === alt);
  });
}

function objectMatches(pattern: Record<string, unknown>, event: unknown): boolean {
  return Object.entries(pattern).every(([key, sub]) => {
    const present = typeof event === 'object' && event !== null && key in event;
    const value = present ? (event as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(sub)) return leafMatches(sub, value, present);
    if (typeof sub === 'object' && sub !== null) return objectMatches(sub as Record<string, unknown>, value);
    throw invalid(`"${key}" must be an object or an array`);
  });
}

/** Whether an event matches a compiled pattern. */
export function eventMatches(compiled: CompiledEventPattern, event: unknown): boolean {
  return objectMatches(compiled.pattern, event);
}
