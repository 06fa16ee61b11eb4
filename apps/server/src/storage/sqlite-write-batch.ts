/**
 * Group commit for SQLite writes: the writes requested in one turn of the event loop run in one
 * transaction, so they share one fsync (`synchronous = FULL`) instead of paying one each. The event
 * dispatcher's run records and inbox releases arrive this way from its concurrent workers; each
 * caller's promise settles only after the shared transaction is on disk, so nothing is acknowledged
 * earlier than before.
 */
import type Database from 'better-sqlite3';

interface QueuedWrite {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class SqliteWriteBatch {
  private queue: QueuedWrite[] = [];
  /** Sizes of the last transactions (bounded), for tests and diagnosis. */
  readonly batchSizes: number[] = [];

  constructor(private readonly db: Database.Database) {}

  /** Runs `write` (synchronous statements) in the next shared transaction; resolves after its commit. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  /**
   * Commits what is queued now (also called before the database closes). Each write runs in its own
   * savepoint: one that throws is rolled back and rejected alone; the others still commit.
   */
  flush(): void {
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    if (this.batchSizes.length >= 1000) this.batchSizes.shift();
    this.batchSizes.push(batch.length);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            // A nested better-sqlite3 transaction is a savepoint.
            outcomes.push({ ok: true, value: this.db.transaction(item.write)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      // The commit itself failed (disk full, database closed): nothing of this batch is stored.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
