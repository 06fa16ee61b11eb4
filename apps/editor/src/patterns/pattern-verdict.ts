/** Tests an event against a pattern in the browser with @flowbridge/event-pattern: a verdict, never a throw. */
import { compilePattern, explainMatch, InvalidEventPatternError } from '@flowbridge/event-pattern';

export type PatternVerdict =
  | { kind: 'invalid-pattern'; message: string }
  | { kind: 'invalid-event'; message: string }
  | { kind: 'match'; reason: string }
  | { kind: 'no-match'; decidingField: string | undefined; reason: string };

/** Compiles `patternText` and matches `eventText` (both JSON text). */
export function patternVerdict(patternText: string, eventText: string): PatternVerdict {
  let compiled;
  try {
    compiled = compilePattern(patternText);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return { kind: 'invalid-pattern', message: error.message };
    throw error;
  }
  let event: unknown;
  try {
    event = JSON.parse(eventText);
  } catch (error) {
    return { kind: 'invalid-event', message: `The event is not valid JSON: ${(error as Error).message}` };
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return { kind: 'invalid-event', message: 'The event must be a JSON object, e.g. {"detail-type": "OrderPlaced", "source": "shop", "detail": {}}.' };
  const explanation = explainMatch(compiled, event);
  return explanation.matched ? { kind: 'match', reason: explanation.reason } : { kind: 'no-match', decidingField: explanation.decidingField, reason: explanation.reason };
}
