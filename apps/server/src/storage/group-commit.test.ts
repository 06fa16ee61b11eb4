import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  it('writes items submitted in one turn together, each caller getting its own outcome', async () => {
    const writes: number[][] = [];
    const commit = new GroupCommit<number, string>(async (items) => {
      writes.push([...items]);
      return items.map((n) => `ok-${n}`);
    });
    const outcomes = await Promise.all([1, 2, 3, 4].map((n) => commit.submit(n)));
    expect(outcomes).toEqual(['ok-1', 'ok-2', 'ok-3', 'ok-4']);
    expect(writes).toEqual([[1, 2, 3, 4]]);
    expect(commit.batchSizes).toEqual([4]);
  });

  it('isolates a bad row: the batch is retried row by row and only the bad row fails', async () => {
    const commit = new GroupCommit<number, number>(async (items) => {
      if (items.includes(13)) throw new Error('row 13 violates a constraint');
      return items.map((n) => n * 10);
    });
    const settled = await Promise.allSettled([11, 12, 13, 14].map((n) => commit.submit(n)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([110, 120, 'row 13 violates a constraint', 140]);
  });

  it('splits a queue longer than the batch limit into several commits', async () => {
    const sizes: number[] = [];
    const commit = new GroupCommit<number, number>(async (items) => {
      sizes.push(items.length);
      return [...items];
    }, 3);
    await Promise.all(Array.from({ length: 7 }, (_, i) => commit.submit(i)));
    expect(sizes).toEqual([3, 3, 1]);
    await commit.drained();
  });

  it('rejects a failed single write and keeps serving later submissions', async () => {
    let fail = true;
    const commit = new GroupCommit<number, number>(async (items) => {
      if (fail) throw new Error('disk full');
      return [...items];
    });
    await expect(commit.submit(1)).rejects.toThrow('disk full');
    fail = false;
    await expect(commit.submit(2)).resolves.toBe(2);
  });

  it('fails a whole batch at once, without retrying row by row, when the store itself failed', async () => {
    let writes = 0;
    const commit = new GroupCommit<number, number>(
      async () => {
        writes++;
        throw Object.assign(new Error('connection refused'), { storeDown: true });
      },
      500,
      (error) => !(error as { storeDown?: boolean }).storeDown,
    );
    const settled = await Promise.allSettled([1, 2, 3].map((n) => commit.submit(n)));
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(writes).toBe(1);
  });
});
