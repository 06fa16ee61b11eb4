import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileAtomic, KeyedQueue, writeFileAtomic } from '../src/workspace/atomic-file.js';
import { tempDir } from './support/test-server.js';

describe('atomic files', () => {
  it('replaces a file and leaves no temporary files behind', async () => {
    const dir = await tempDir('fb-atomic-');
    const file = join(dir, 'a.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('creates a file only when it does not exist, never replacing one', async () => {
    const dir = await tempDir('fb-atomic-');
    const file = join(dir, 'b.json');
    expect(await createFileAtomic(file, 'first')).toBe(true);
    expect(await createFileAtomic(file, 'second')).toBe(false);
    expect(await readFile(file, 'utf8')).toBe('first');
    expect(await readdir(dir)).toEqual(['b.json']);
  });

  it('of two concurrent creates of one name, exactly one wins', async () => {
    const dir = await tempDir('fb-atomic-');
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => createFileAtomic(join(dir, 'c.json'), `writer ${i}`)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('runs tasks for one key in order, even when one fails', async () => {
    const queue = new KeyedQueue();
    const order: number[] = [];
    const slow = queue.run('k', async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push(1);
    });
    const failing = queue.run('k', async () => {
      order.push(2);
      throw new Error('boom');
    });
    const last = queue.run('k', async () => order.push(3));
    await slow;
    await expect(failing).rejects.toThrow('boom');
    await last;
    expect(order).toEqual([1, 2, 3]);
  });
});
