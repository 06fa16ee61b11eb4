/** Atomic file writes: a reader sees the old file or the new one, never half of either. */
import { randomUUID } from 'node:crypto';
import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { asWriteError } from './workspace-errors.js';

/** Replaces `path` with `text` (temp file in the same folder, then rename); a refused write throws `WorkspaceWriteError`. */
export async function writeFileAtomic(path: string, text: string, mode = 0o644): Promise<void> {
  try {
    await replaceFile(path, text, mode);
  } catch (error) {
    throw asWriteError(error, basename(path));
  }
}

async function replaceFile(path: string, text: string, mode: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx', mode });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Creates `path` with `text` only if it does not exist yet; returns false (and writes nothing) when it does. */
export async function createFileAtomic(path: string, text: string): Promise<boolean> {
  try {
    return await createFile(path, text);
  } catch (error) {
    throw asWriteError(error, basename(path));
  }
}

async function createFile(path: string, text: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  await writeFile(temp, text, { flag: 'wx' });
  try {
    // link() fails with EEXIST instead of replacing, which makes "create if absent" atomic.
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Some file systems (network shares, certain container volumes) have no hard links: fall back to
    // an exclusive create, still never replacing an existing file.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EXDEV') {
      try {
        await writeFile(path, text, { flag: 'wx' });
        return true;
      } catch (fallback) {
        if ((fallback as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw fallback;
      }
    }
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Runs tasks for the same key one after another (e.g. writes to one file), tasks for other keys freely. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` holding every key (taken in sorted order, so two callers never wait on each other). */
  runAll<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const hold = (index: number): Promise<T> => (index === sorted.length ? task() : this.run(sorted[index]!, () => hold(index + 1)));
    return hold(0);
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
