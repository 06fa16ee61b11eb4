/** API key comparison for the event endpoint, in constant time so response timing leaks nothing. */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when `presented` equals `expected`. Both sides are hashed first: timingSafeEqual needs equal
 * lengths, and comparing digests keeps the key's length secret too.
 */
export function apiKeyMatches(presented: string | undefined, expected: string | undefined): boolean {
  if (presented === undefined || expected === undefined || expected === '') return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
