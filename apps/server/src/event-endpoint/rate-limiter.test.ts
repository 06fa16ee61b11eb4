import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('counts per client and asks to wait once a client passes the limit', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(2, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([0, 0, 0]);
    expect(limiter.exceeded('a')).toBe(true);
    now += 30_000;
    expect(limiter.take('a')).toBe(30);
    now += 30_000;
    expect([limiter.take('a'), limiter.exceeded('b')]).toEqual([0, false]);
  });

  it('says whether anyone was counted in the current window, which is when a client can be over the limit', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(1, () => now);
    expect(limiter.anyCounted()).toBe(false);
    limiter.take('a');
    expect([limiter.anyCounted(), limiter.exceeded('a')]).toEqual([true, true]);
    now += 60_000;
    expect([limiter.anyCounted(), limiter.exceeded('a')]).toEqual([false, false]);
  });
});
