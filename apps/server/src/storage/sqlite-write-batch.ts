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
   * Commits what is queued now (also called before the database closes). A write that throws is
   * rolled back and rejected alone; the others still commit. The batch first runs as one plain
   * transaction; only when a write throws is it rolled back and run again with each write in its own
   * savepoint, so the common case does not pay two statements per write for the rare one.
   */
  flush(): void {
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    if (this.batchSizes.length >= 1000) this.batchSizes.shift();
    this.batchSizes.push(batch.length);
    let outcomes: Outcome[];
    try {
      try {
        outcomes = this.commit(batch, false);
      } catch (error) {
        if (!(error instanceof WriteFailed)) throw error;
        outcomes = batch.length === 1 ? [{ ok: false, error: error.cause }] : this.commit(batch, true);
      }
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

  /** Runs the batch in one transaction; `isolated` puts each write in a savepoint (a nested better-sqlite3 transaction). */
  private commit(batch: readonly QueuedWrite[], isolated: boolean): Outcome[] {
    return this.db.transaction(() =>
      batch.map((item): Outcome => {
        try {
          return { ok: true, value: isolated ? this.db.transaction(item.write)() : item.write() };
        } catch (error) {
          if (!isolated) throw new WriteFailed(error);
          return { ok: false, error };
        }
      }),
    )();
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A write of an unisolated batch threw: the whole batch is rolled back and run again isolated. */
class WriteFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('a write of the batch failed');
  }
}
