/**
 * Flows on disk: one canonical JSON file per flow under `<workspace>/flows`, written atomically.
 * Only regular files directly in that folder count: a symbolic link (to a file or folder, inside or
 * outside the workspace) is never followed, listed, read or written through. Every change to a flow
 * holds that flow's lock (a rename holds both names'), so concurrent edits cannot lose or duplicate it.
 */
import { constants as fsConstants } from 'node:fs';
import { createHash } from 'node:crypto';
import { lstat, mkdir, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFlowName, serializeFlow, type FlowDocument } from '@flowbridge/flow-model';
import { createFileAtomic, KeyedQueue, writeFileAtomic } from './atomic-file.js';
import { asWriteError, UnsafeWorkspaceFileError } from './workspace-errors.js';

/** A name that cannot be a flow file name (path separators, `..`, NUL, too long...). */
export class InvalidFlowNameError extends Error {
  override name = 'InvalidFlowNameError';
}

/** A save or delete whose `If-Match` version is not the file's current version. */
export class PreconditionFailedError extends Error {
  override name = 'PreconditionFailedError';
  constructor(
    readonly flow: string,
    readonly currentEtag: string | undefined,
  ) {
    super(
      currentEtag === undefined
        ? `Flow "${flow}" no longer exists; it was deleted or renamed since you loaded it.`
        : `Flow "${flow}" was changed since you loaded it; reload it (your version was not saved) and apply your change again.`,
    );
  }
}

/** A flow file as read: its text's version tag and the parsed JSON (or why it does not parse). */
export interface StoredFlow {
  name: string;
  etag: string;
  /** Parsed JSON; undefined when the file is not JSON (see `parseError`). */
  json: unknown;
  parseError?: string;
}

/** The version tag of a flow file's text (a strong ETag). */
export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}

/** Reads and writes flow files; every name is checked before it touches the file system. */
export class FlowStore {
  readonly dir: string;
  private readonly queue = new KeyedQueue();
  private changes = 0;
  private readonly listeners = new Set<(names: readonly string[]) => void>();

  /** Grows with every write, create and delete made through this store. */
  get version(): number {
    return this.changes;
  }

  constructor(workspaceDir: string) {
    this.dir = join(workspaceDir, 'flows');
  }

  /** Calls `listener` after every change made through this store, with the flows changed; returns the unsubscribe. */
  onChange(listener: (names: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs `task` holding the locks of every flow there is and of `extra` names (a flow about to be
   * created), so no save, rename or delete interleaves with a change that spans several flows.
   */
  async withAllLocks<T>(extra: readonly string[], task: () => Promise<T>): Promise<T> {
    const names = [...(await this.list()), ...extra];
    for (const name of names) this.path(name);
    return this.queue.runAll(names, task);
  }

  /** The file of flow `name` (the name is checked first). */
  fileOf(name: string): string {
    return this.path(name);
  }

  /** Records a change made to flow files outside `write`/`create`/`delete`/`move` (a multi-file transaction). */
  noteChanged(names: readonly string[]): void {
    this.changes++;
    this.notify(names);
  }

  private notify(names: readonly string[]): void {
    for (const listener of this.listeners) {
      try {
        listener(names);
      } catch {
        // A listener's failure must not fail the write that already happened.
      }
    }
  }

  /** Names of all flows (regular files only), sorted. */
  async list(): Promise<string[]> {
    await this.checkFolder();
    const entries = await readdir(this.dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.'))
      .map((e) => e.name.slice(0, -'.json'.length))
      .filter((name) => checkFlowName(name) === null)
      .sort();
  }

  /** A flow file, or undefined when there is none; throws `UnsafeWorkspaceFileError` for a link. */
  async read(name: string): Promise<StoredFlow | undefined> {
    const path = this.path(name);
    await this.checkFolder();
    let text: string;
    try {
      // O_NOFOLLOW: a link swapped in after any earlier check still fails here (ELOOP) instead of being read.
      const handle = await open(path, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
      try {
        if (!(await handle.stat()).isFile()) throw new UnsafeWorkspaceFileError(`flows/${name}.json`);
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      if (code === 'ELOOP' || code === 'EISDIR') throw new UnsafeWorkspaceFileError(`flows/${name}.json`);
      throw error;
    }
    try {
      return { name, etag: etagOf(text), json: JSON.parse(text) as unknown };
    } catch (error) {
      return { name, etag: etagOf(text), json: undefined, parseError: `flows/${name}.json is not valid JSON: ${(error as Error).message}` };
    }
  }

  /**
   * Writes the flow atomically in its canonical form and returns its new version tag. With `ifMatch`,
   * writes only when the file is still at that version (`*`: when it exists); else throws PreconditionFailedError.
   */
  async write(name: string, document: FlowDocument, ifMatch?: string): Promise<string> {
    const target = this.path(name);
    return this.queue.run(name, async () => {
      await this.checkTarget(name);
      if (ifMatch !== undefined) await this.checkVersion(name, ifMatch);
      const text = serializeFlow(document);
      await writeFileAtomic(target, text);
      this.noteChanged([name]);
      return etagOf(text);
    });
  }

  /** Writes a new flow; returns undefined (writing nothing) when one with that name exists. */
  async create(name: string, document: FlowDocument): Promise<string | undefined> {
    const target = this.path(name);
    return this.queue.run(name, async () => {
      await this.checkFolder();
      const text = serializeFlow(document);
      if (!(await createFileAtomic(target, text))) return undefined;
      this.noteChanged([name]);
      return etagOf(text);
    });
  }

  /** Deletes a flow file; false when there was none. With `ifMatch`, only at that version. */
  async delete(name: string, ifMatch?: string): Promise<boolean> {
    const path = this.path(name);
    return this.queue.run(name, () => this.deleteHeld(name, path, ifMatch));
  }

  /** Deletes a flow while its lock (and every other flow's, see `withAllLocks`) is already held. */
  deleteLocked(name: string, ifMatch?: string): Promise<boolean> {
    return this.deleteHeld(name, this.path(name), ifMatch);
  }

  /**
   * Renames (or, with `keepSource`, copies) a flow while holding both names, so of two concurrent
   * renames of one flow exactly one wins. `makeDocument` gets the source as read under the lock (undefined from it: the source changed).
   * Returns the new version tag, or why nothing was done.
   */
  async move(from: string, to: string, makeDocument: (source: StoredFlow) => FlowDocument | undefined, keepSource = false): Promise<{ etag: string } | { refused: 'SourceNotFound' | 'SourceChanged' | 'TargetExists' }> {
    const source = this.path(from);
    const target = this.path(to);
    return this.queue.runAll([from, to], async () => {
      const stored = await this.read(from);
      if (!stored) return { refused: 'SourceNotFound' as const };
      const document = makeDocument(stored);
      if (!document) return { refused: 'SourceChanged' as const };
      const text = serializeFlow(document);
      if (!(await createFileAtomic(target, text))) return { refused: 'TargetExists' as const };
      this.noteChanged([to]);
      if (!keepSource) await this.deleteHeld(from, source);
      return { etag: etagOf(text) };
    });
  }

  private async deleteHeld(name: string, path: string, ifMatch?: string): Promise<boolean> {
    await this.checkTarget(name);
    if (ifMatch !== undefined) await this.checkVersion(name, ifMatch);
    try {
      await rm(path);
      this.noteChanged([name]);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw asWriteError(error, `flows/${name}.json`);
    }
  }

  /** Refuses a `flows` folder that is itself a link (everything in it would lie elsewhere). */
  private async checkFolder(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    if ((await lstat(this.dir)).isSymbolicLink()) throw new UnsafeWorkspaceFileError('flows/');
  }

  /** Refuses to write or delete through a link or over a folder. */
  private async checkTarget(name: string): Promise<void> {
    await this.checkFolder();
    try {
      const stat = await lstat(this.path(name));
      if (!stat.isFile()) throw new UnsafeWorkspaceFileError(`flows/${name}.json`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  private async checkVersion(name: string, ifMatch: string): Promise<void> {
    const current = await this.read(name);
    const matches = current !== undefined && (ifMatch.trim() === '*' || ifMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === current.etag));
    if (!matches) throw new PreconditionFailedError(name, current?.etag);
  }

  private path(name: string): string {
    const problem = checkFlowName(name);
    if (problem) throw new InvalidFlowNameError(problem);
    return join(this.dir, `${name}.json`);
  }
}
