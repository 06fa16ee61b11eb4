/**
 * What an acceptable admin token looks like. The token guards the whole admin API, so a guessable one
 * (short, a repeated letter, a sequence, a word typed twice) is refused at startup with an example of
 * a good one, instead of being accepted and guessed later.
 */

export const ADMIN_TOKEN_RULES = {
  minLength: 16,
  maxLength: 512,
  /** Different characters at least. */
  minDistinct: 8,
  /** Estimated entropy (characters × min-entropy of their distribution), in bits. */
  minBits: 56,
} as const;

const GOOD_TOKEN = 'use a random value, e.g. the output of `openssl rand -hex 32`';

/** Why `token` is not an acceptable admin token, or null when it is. */
export function adminTokenProblem(token: string): string | null {
  const { minLength, maxLength, minDistinct, minBits } = ADMIN_TOKEN_RULES;
  if (token.length < minLength) return `is shorter than ${minLength} characters; ${GOOD_TOKEN}`;
  if (token.length > maxLength) return `is longer than ${maxLength} characters; ${GOOD_TOKEN}`;
  if (!/^[\x21-\x7e]+$/.test(token)) return `may hold only visible ASCII characters (no spaces; it travels in an HTTP header); ${GOOD_TOKEN}`;
  if (new Set(token).size < minDistinct) return `uses fewer than ${minDistinct} different characters, so it is easy to guess; ${GOOD_TOKEN}`;
  if (repeatsItself(token)) return `repeats a shorter piece, so it is easy to guess; ${GOOD_TOKEN}`;
  if (isMostlySequence(token)) return `is mostly a sequence such as "abcd" or "1234", so it is easy to guess; ${GOOD_TOKEN}`;
  const bits = estimatedBits(token);
  if (bits < minBits) return `is too predictable (about ${Math.floor(bits)} bits of entropy, ${minBits} needed); ${GOOD_TOKEN}`;
  return null;
}

/**
 * Characters × min-entropy of the token's own character distribution: a conservative estimate that a
 * token dominated by one character scores low however many others it mixes in.
 */
function estimatedBits(token: string): number {
  const counts = new Map<string, number>();
  for (const ch of token) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const most = Math.max(...counts.values());
  return -Math.log2(most / token.length) * token.length;
}

/** True when the token is (nearly) a shorter piece written again and again, e.g. "changeme-changeme-". */
function repeatsItself(token: string): boolean {
  for (let period = 1; period * 2 <= token.length; period++) {
    let same = 0;
    for (let i = period; i < token.length; i++) if (token[i] === token[i - period]) same++;
    if (same >= 0.9 * (token.length - period)) return true;
  }
  return false;
}

/** True when most neighbouring characters are consecutive codes ("abcdef", "98765"). */
function isMostlySequence(token: string): boolean {
  let steps = 0;
  for (let i = 1; i < token.length; i++) if (Math.abs(token.charCodeAt(i) - token.charCodeAt(i - 1)) === 1) steps++;
  return steps >= 0.6 * (token.length - 1);
}
