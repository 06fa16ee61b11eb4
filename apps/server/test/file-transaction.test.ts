import { describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { commitFiles, type FileOps } from '../src/workspace/file-transaction.js';
import { WorkspaceWriteError } from '../src/workspace/workspace-errors.js';
import { tempDir } from './support/test-server.js';

/** File operations that fail the `failAt`-th rename with `code`, like a disk or permission failure in the middle. */
function failingOps(failAt: number, code = 'EIO'): FileOps & { renames: number } {
  const ops = {
    renames: 0,
    writeFile: (path: string, text: string, options: { flag: string; mode: number }) => fs.writeFile(path, text, options),
    rm: (path: string, options: { force: boolean }) => fs.rm(path, options),
    async rename(from: string, to: string) {
      ops.renames++;
      if (ops.renames === failAt) throw Object.assign(new Error(`${code}: injected failure`), { code });
      await fs.rename(from, to);
    },
  };
  return ops;
}

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('fb-tx-');
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function contents(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = await readFile(join(dir, name), 'utf8');
  return out;
}

describe('an atomic multi-file change', () => {
  it('writes, creates and deletes every file of the change, leaving no temp files', async () => {
    const dir = await workspaceWith({ 'a.json': 'A1', 'b.json': 'B1', 'gone.json': 'G' });
    await commitFiles([
      { path: join(dir, 'a.json'), text: 'A2' },
      { path: join(dir, 'new.json'), text: 'N' },
      { path: join(dir, 'gone.json'), text: null },
    ]);
    expect(await contents(dir)).toEqual({ 'a.json': 'A2', 'b.json': 'B1', 'new.json': 'N' });
  });

  it('leaves the workspace exactly as it was when a step in the middle fails, whichever step it is', async () => {
    const before = { 'a.json': 'A1', 'b.json': 'B1', 'c.json': 'C1', 'settings.json': 'S1' };
    // Renames: each existing target aside, then its new text in (a delete has only the first).
    for (let failAt = 1; failAt <= 7; failAt++) {
      const dir = await workspaceWith(before);
      const ops = failingOps(failAt);
      const attempt = commitFiles(
        [
          { path: join(dir, 'a.json'), text: 'A2' },
          { path: join(dir, 'new.json'), text: 'N' },
          { path: join(dir, 'c.json'), text: null },
          { path: join(dir, 'settings.json'), text: 'S2' },
        ],
        ops,
      );
      await expect(attempt, `failure at rename ${failAt}`).rejects.toThrow(/injected failure/);
      expect(await contents(dir), `failure at rename ${failAt}`).toEqual(before);
    }
  });

  it('writes nothing when staging a new text fails, and reports a refused write in words', async () => {
    const dir = await workspaceWith({ 'a.json': 'A1' });
    const ops: FileOps = {
      ...failingOps(0),
      writeFile: async (path, text, options) => {
        if (path.includes('b.json')) throw Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' });
        await fs.writeFile(path, text, options);
      },
    };
    const attempt = commitFiles([{ path: join(dir, 'a.json'), text: 'A2' }, { path: join(dir, 'b.json'), text: 'B' }], ops);
    await expect(attempt).rejects.toBeInstanceOf(WorkspaceWriteError);
    await expect(attempt).rejects.toThrow(/disk is full/);
    expect(await contents(dir)).toEqual({ 'a.json': 'A1' });
  });

  it('refuses a change naming one file twice before touching anything', async () => {
    const dir = await workspaceWith({ 'a.json': 'A1' });
    await expect(commitFiles([{ path: join(dir, 'a.json'), text: 'x' }, { path: join(dir, 'a.json'), text: null }])).rejects.toThrow(/twice/);
    expect(await contents(dir)).toEqual({ 'a.json': 'A1' });
  });
});
