import { describe, expect, it } from 'vitest';
import { TemporaryCredentialsCache } from '../src/temporary-credentials-cache.js';

const key = { caller: 'AKIA:x', roleArn: 'arn:aws:iam::000000000000:role/r', roleSessionName: 's', region: 'us-east-1' };

describe('temporary credentials cache', () => {
  it('reuses credentials until shortly before they expire, then assumes the role again', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const cache = new TemporaryCredentialsCache({ now: () => now, refreshBeforeExpiryMs: 5 * 60_000 });
    let issued = 0;
    const assume = async () => ({ accessKeyId: `ASIA${++issued}`, secretAccessKey: 's', expiration: new Date(now + 3600_000).toISOString() });
    expect((await cache.get(key, assume)).accessKeyId).toBe('ASIA1');
    now += 54 * 60_000;
    expect((await cache.get(key, assume)).accessKeyId).toBe('ASIA1');
    now += 2 * 60_000; // 4 minutes before expiry: inside the refresh window
    expect((await cache.get(key, assume)).accessKeyId).toBe('ASIA2');
  });

  it('shares one STS call between concurrent requests for the same role', async () => {
    const cache = new TemporaryCredentialsCache();
    let calls = 0;
    const assume = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
      return { accessKeyId: 'ASIA', secretAccessKey: 's', expiration: new Date(Date.now() + 3600_000).toISOString() };
    };
    await Promise.all([cache.get(key, assume), cache.get(key, assume), cache.get(key, assume)]);
    expect(calls).toBe(1);
  });

  it('keeps sessions of different roles apart', async () => {
    const cache = new TemporaryCredentialsCache();
    const a = await cache.get(key, async () => ({ accessKeyId: 'A', secretAccessKey: 's' }));
    const b = await cache.get({ ...key, roleArn: 'arn:aws:iam::000000000000:role/other' }, async () => ({ accessKeyId: 'B', secretAccessKey: 's' }));
    expect([a.accessKeyId, b.accessKeyId]).toEqual(['A', 'B']);
  });

  it('does not cache a refusal', async () => {
    const cache = new TemporaryCredentialsCache();
    await expect(cache.get(key, async () => Promise.reject(new Error('AccessDenied')))).rejects.toThrow('AccessDenied');
    expect((await cache.get(key, async () => ({ accessKeyId: 'OK', secretAccessKey: 's' }))).accessKeyId).toBe('OK');
  });
});
