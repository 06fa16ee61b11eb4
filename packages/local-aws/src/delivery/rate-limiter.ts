import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Per-key invocations-per-second limit (an API destination's InvocationRateLimitPerSecond):
 * a sliding one-second window; callers over the limit wait for a slot, in arrival order.
 */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Resolves when the caller may invoke; rejects with an AbortError when `signal` fires. */
  async acquire(key: string, perSecond: number, signal: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      const window = (this.windows.get(key) ?? []).filter((t) => t > now - 1000);
      if (window.length < perSecond) {
        window.push(now);
        this.windows.set(key, window);
        return;
      }
      this.windows.set(key, window);
      const oldest = window[0] ?? now;
      await sleep(Math.max(1, oldest + 1000 - now), undefined, { signal });
    }
  }
}
