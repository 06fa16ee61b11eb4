/**
 * Atomic multi-file changes: every file of a change is written, or none is. New contents go to temp
 * files first (the step most likely to fail: a full disk, permissions); only then are the targets
 * swapped in by renames, each old file kept aside until the end. A failure in the middle restores
 * every file swapped so far, so the workspace is as it was.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { asWriteError } from './workspace-errors.js';

/** One file of a change: new text, or `null` to delete it. */
export interface FileChange {
  path: string;
  text: string | null;
  /** File mode of a new file (e.g. 0o600 for secrets). */
  mode?: number;
}

/** The file operations a transaction uses; tests inject failures through them. */
export interface FileOps {
  writeFile(path: string, text: string, options: { flag: string; mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

const nodeOps: FileOps = {
  writeFile: (path, text, options) => fs.writeFile(path, text, options),
  rename: (from, to) => fs.rename(from, to),
  rm: (path, options) => fs.rm(path, options),
};

/** Most files one change may touch; a rename across more flows than this is refused rather than run half-visible for long. */
export const MAX_FILES_PER_TRANSACTION = 10_000;

interface Swap {
  change: FileChange;
  temp?: string;
  backup?: string;
  /** The target existed before (so rollback puts the backup back; otherwise it removes the new file). */
  existed: boolean;
  done: boolean;
}

/** Applies every change or none; throws the first failure (a refused write as `WorkspaceWriteError`) after rolling back. */
export async function commitFiles(changes: readonly FileChange[], ops: FileOps = nodeOps): Promise<void> {
  if (changes.length > MAX_FILES_PER_TRANSACTION) throw new Error(`A workspace change may touch at most ${MAX_FILES_PER_TRANSACTION} files; this one touches ${changes.length}.`);
  const paths = new Set<string>();
  for (const change of changes) {
    if (paths.has(change.path)) throw new Error(`A workspace change names ${basename(change.path)} twice.`);
    paths.add(change.path);
  }
  const swaps: Swap[] = changes.map((change) => ({ change, existed: false, done: false }));
  try {
    // 1. Stage every new text next to its target (same folder, so the rename is atomic).
    for (const swap of swaps) {
      if (swap.change.text === null) continue;
      swap.temp = tempPath(swap.change.path, 'tmp');
      await fs.mkdir(dirname(swap.change.path), { recursive: true });
      await ops.writeFile(swap.temp, swap.change.text, { flag: 'wx', mode: swap.change.mode ?? 0o644 });
    }
    // 2. Swap: the old file aside, the new one in.
    for (const swap of swaps) {
      const backup = tempPath(swap.change.path, 'bak');
      try {
        await ops.rename(swap.change.path, backup);
        swap.backup = backup;
        swap.existed = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      if (swap.temp) {
        await ops.rename(swap.temp, swap.change.path);
        swap.temp = undefined;
      }
      swap.done = true;
    }
  } catch (error) {
    await rollback(swaps);
    throw asWriteError(error, basename((error as { path?: string }).path ?? 'workspace'));
  }
  // 3. Committed: the old files are no longer needed.
  for (const swap of swaps) if (swap.backup) await fs.rm(swap.backup, { force: true }).catch(() => undefined);
}

/** Puts every swapped file back and removes staged files; best effort, newest swap first. */
async function rollback(swaps: Swap[]): Promise<void> {
  for (const swap of [...swaps].reverse()) {
    if (swap.temp) await fs.rm(swap.temp, { force: true }).catch(() => undefined);
    const started = swap.done || swap.backup !== undefined;
    if (!started) continue;
    if (swap.backup) {
      await fs.rename(swap.backup, swap.change.path).catch(() => undefined);
    } else if (swap.change.text !== null) {
      await fs.rm(swap.change.path, { force: true }).catch(() => undefined);
    }
  }
}

function tempPath(path: string, suffix: string): string {
  return join(dirname(path), `.${basename(path)}.${randomUUID()}.${suffix}`);
}
