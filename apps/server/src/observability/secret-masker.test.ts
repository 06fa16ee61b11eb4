import { describe, expect, it } from 'vitest';
import { SecretMasker } from './secret-masker.js';

const SECRET = 'env-secret-9d2f61c0b7a4e835';

describe('SecretMasker', () => {
  it('masks derived forms of a secret in nested values, errors included', () => {
    const masker = new SecretMasker(() => new Set([SECRET]));
    const masked = masker.mask({
      upper: SECRET.toUpperCase(),
      list: [Buffer.from(SECRET).toString('base64'), `Bearer ${SECRET}`],
      piece: SECRET.slice(4, 16),
      error: new Error(`bad key ${Buffer.from(SECRET).toString('hex')}`),
    });
    expect(JSON.stringify(masked)).not.toMatch(/9d2f61c0|ENV-SECRET|ZW52LXNlY3Jld|656e762d736563726574/i);
    expect(masked).toMatchObject({ upper: '***', list: ['***', 'Bearer ***'], piece: '***', error: { message: 'bad key ***' } });
  });

  it('reads the secrets again only when their version changes, when given one', () => {
    let secrets = new Set<string>();
    let version = 0;
    let reads = 0;
    const masker = new SecretMasker(
      () => (reads++, secrets),
      () => version,
    );
    expect(masker.maskText(`k ${SECRET}`)).toBe(`k ${SECRET}`);
    secrets = new Set([SECRET]);
    expect(masker.maskText(`k ${SECRET}`)).toBe(`k ${SECRET}`);
    expect(reads).toBe(1);
    version++;
    expect(masker.maskText(`k ${SECRET}`)).toBe('k ***');
    expect(masker.maskText(`again ${SECRET}`)).toBe('again ***');
    expect(reads).toBe(2);
  });

  it('follows the secrets as they change', () => {
    let secrets = new Set<string>();
    const masker = new SecretMasker(() => secrets);
    expect(masker.maskText(`k ${SECRET}`)).toBe(`k ${SECRET}`);
    secrets = new Set([SECRET]);
    expect(masker.maskText(`k ${SECRET.toUpperCase()}`)).toBe('k ***');
  });
});
