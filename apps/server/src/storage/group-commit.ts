/**
 * Group commit: writes that arrive while one commit is in flight are written together by the next,
 * so each is durable before its caller hears back while concurrent ones share one commit (the event
 * endpoint's receives, PostgreSQL's settles). When a batch fails, its rows are retried one by one, so
 * only the bad row's caller sees the error.
 */

/** Writes a batch in one durable transaction; returns one outcome per item, in order. */
export type BatchWriter<T, R> = (items: readonly T[]) => Promise<R[]>;

export class GroupCommit<T, R> {
  private queue: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private writing = false;
  private idle: Array<() => void> = [];
  /** Sizes of the batches written so far (bounded), for metrics and tests. */
  readonly batchSizes: number[] = [];

  /**
   * `rowsCanFail(error)` says whether a batch's failure may be one row's fault, worth retrying row by
   * row (the default); false for a failure of the store itself (the database unreachable), which
   * every row would meet again, so each caller gets it at once instead of after one retry each.
   */
  constructor(
    private readonly write: BatchWriter<T, R>,
    private readonly maxBatch = 500,
    private readonly rowsCanFail: (error: unknown) => boolean = () => true,
  ) {}

  /** Resolves once `item` is committed, with its outcome. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.flush();
    });
  }

  /** Resolves when nothing is queued or being written. */
  drained(): Promise<void> {
    if (!this.writing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private async writeAlone(queued: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }): Promise<void> {
    try {
      const [result] = await this.write([queued.item]);
      queued.resolve(result as R);
    } catch (error) {
      queued.reject(error);
    }
  }

  private async flush(): Promise<void> {
    this.writing = true;
    // Let the requests already parsed in this turn of the event loop join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      if (this.batchSizes.length >= 1000) this.batchSizes.shift();
      this.batchSizes.push(batch.length);
      try {
        const results = await this.write(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i] as R));
      } catch (error) {
        if (batch.length === 1 || !this.rowsCanFail(error)) for (const b of batch) b.reject(error);
        // One bad row must not fail its neighbours: retry the batch one row at a time.
        else for (const b of batch) await this.writeAlone(b);
      }
    }
    this.writing = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }
}
