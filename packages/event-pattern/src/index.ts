/**
 * @flowbridge/event-pattern — the Amazon EventBridge event-pattern language: validation with AWS's
 * messages, compiled matching, and rule sets that match one event against many rules at once.
 * Pure TypeScript, browser-safe, no dependencies.
 */
export { InvalidEventPatternError } from './invalid-event-pattern-error.js';
export {
  type CompiledPattern,
  compilePattern,
  explainMatch,
  type MatchExplanation,
  matchesPattern,
  testEventPattern,
  validatePattern,
} from './event-pattern.js';
export { RuleSet } from './rule-set.js';
export { MAX_OR_COMBINATIONS } from './compile-pattern.js';
export { WILDCARD_COMPLEXITY_LIMIT } from './wildcard.js';
