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

  it('returns parts without a secret as they are and copies only the parts with one, leaving the input intact', () => {
    const masker = new SecretMasker(() => new Set([SECRET]));
    const clean = { a: 'plain', nested: { list: [1, 'two', { three: true }] } };
    expect(masker.mask(clean)).toBe(clean);
    const input = { keep: { deep: ['x'] }, leak: ['ok', `token ${SECRET}`], when: new Date(0) };
    const masked = masker.mask(input);
    expect(masked).not.toBe(input);
    expect(masked.keep).toBe(input.keep);
    expect(masked.leak).toEqual(['ok', 'token ***']);
    expect(input.leak[1]).toBe(`token ${SECRET}`);
    // Anything but a plain object still leaves as a plain copy of its own fields, as before.
    expect(masked.when).toEqual({});
  });

  it('replaces a value met twice, or a cycle, by a marker, so the result always serializes', () => {
    const masker = new SecretMasker(() => new Set([SECRET]));
    const shared = { n: 1 };
    const cyclic: Record<string, unknown> = { name: 'c' };
    cyclic.self = cyclic;
    expect(masker.mask({ first: shared, second: shared })).toEqual({ first: { n: 1 }, second: '[Circular]' });
    expect(JSON.stringify(masker.mask(cyclic))).toBe('{"name":"c","self":"[Circular]"}');
  });
});
