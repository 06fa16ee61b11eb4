import { compilePattern, InvalidEventPatternError, matchesPattern, type CompiledPattern } from '@flowbridge/event-pattern';
import { AwsServiceError } from '../aws-error.js';

/** Compiled rule patterns by their text, so PutEvents does not recompile a rule's pattern per event. */
const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 1000;

/**
 * Compiles an event pattern with @flowbridge/event-pattern; an invalid pattern becomes the
 * InvalidEventPatternException AWS answers (`Event pattern is not valid. Reason: ...`).
 */
export function compileEventPattern(pattern: string): CompiledPattern {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let compiled: CompiledPattern;
  try {
    compiled = compilePattern(pattern);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) {
      throw new AwsServiceError('InvalidEventPatternException', error.message);
    }
    throw error;
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/** Whether an event (envelope or TestEventPattern event) matches a compiled pattern. */
export function eventMatches(compiled: CompiledPattern, event: unknown): boolean {
  return matchesPattern(compiled, event);
}
