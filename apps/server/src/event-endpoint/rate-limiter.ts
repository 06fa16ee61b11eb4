/** Fixed-window request counting per client: the event endpoint's flood and key-guessing brake. */

export class RateLimiter {
  private windowStart = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `client`; returns the seconds to wait when it is over the limit, else 0. */
  take(client: string): number {
    const now = this.now();
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.counts.clear();
    }
    const count = (this.counts.get(client) ?? 0) + 1;
    this.counts.set(client, count);
    return count > this.limitPerMinute ? Math.max(1, Math.ceil((this.windowStart + 60_000 - now) / 1000)) : 0;
  }

  /** Whether some client might be over the limit: false when nobody was counted in the current window. */
  anyCounted(): boolean {
    return this.counts.size > 0 && this.now() - this.windowStart < 60_000;
  }

  /** Whether `client` is already over the limit, without counting a request. */
  exceeded(client: string): boolean {
    if (this.now() - this.windowStart >= 60_000) return false;
    return (this.counts.get(client) ?? 0) >= this.limitPerMinute;
  }
}
