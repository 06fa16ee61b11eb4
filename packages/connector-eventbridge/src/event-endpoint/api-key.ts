/** API key comparison for the event endpoint, in constant time so response timing leaks nothing. */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The digest of the last expected key: it is the same for every request until the constant changes.
 * Only the server's own value is compared with the cached one, never anything a client sent.
 */
let expectedDigest: { key: string; digest: Buffer } | undefined;

function digestOfExpected(expected: string): Buffer {
  if (expectedDigest?.key !== expected) expectedDigest = { key: expected, digest: createHash('sha256').update(expected, 'utf8').digest() };
  return expectedDigest.digest;
}

/**
 * True when `presented` equals `expected`. Both sides are hashed first: timingSafeEqual needs equal
 * lengths, and comparing digests keeps the key's length secret too.
 */
export function apiKeyMatches(presented: string | undefined, expected: string | undefined): boolean {
  if (presented === undefined || expected === undefined || expected === '') return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  return timingSafeEqual(a, digestOfExpected(expected));
}
