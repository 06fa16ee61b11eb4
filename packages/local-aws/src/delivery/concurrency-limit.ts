/**
 * Caps how many deliveries talk HTTP at once. Without it a burst of thousands of events opens thousands
 * of sockets together, every answer arrives after the 5 s timeout, and retries make it worse.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  /** Runs `task` once a slot is free; slots are handed out in arrival order. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
