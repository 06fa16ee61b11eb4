/** A slow, salted digest of an API key: lets Register App notice a changed key without storing the key. */
import { scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;

function derive(apiKey: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(apiKey, salt, KEY_LENGTH, (error, key) => (error ? reject(error) : resolve(key))));
}

/** The fingerprint of `apiKey`, salted with the connection ARN (hex). */
export async function apiKeyFingerprint(apiKey: string, connectionArn: string): Promise<string> {
  return (await derive(apiKey, connectionArn)).toString('hex');
}

/** True when `fingerprint` was made from `apiKey` for `connectionArn` (constant-time compare). */
export async function fingerprintMatches(fingerprint: string, apiKey: string, connectionArn: string): Promise<boolean> {
  const expected = Buffer.from(fingerprint, 'hex');
  const actual = await derive(apiKey, connectionArn);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
