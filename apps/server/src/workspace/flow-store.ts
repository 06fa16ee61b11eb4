/** Flows on disk: one canonical JSON file per flow under `<workspace>/flows`, written atomically. */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFlowName, serializeFlow, type FlowDocument } from '@flowbridge/flow-model';
import { createFileAtomic, KeyedQueue, writeFileAtomic } from './atomic-file.js';

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

  /** Grows with every write, create and delete made through this store. */
  get version(): number {
    return this.changes;
  }

  constructor(workspaceDir: string) {
    this.dir = join(workspaceDir, 'flows');
  }

  /** Names of all flows, sorted. */
  async list(): Promise<string[]> {
    await mkdir(this.dir, { recursive: true });
    const files = await readdir(this.dir);
    return files
      .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
      .map((f) => f.slice(0, -'.json'.length))
      .filter((name) => checkFlowName(name) === null)
      .sort();
  }

  /** A flow file, or undefined when there is none. */
  async read(name: string): Promise<StoredFlow | undefined> {
    let text: string;
    try {
      text = await readFile(this.path(name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
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
      if (ifMatch !== undefined) await this.checkVersion(name, ifMatch);
      const text = serializeFlow(document);
      await writeFileAtomic(target, text);
      this.changes++;
      return etagOf(text);
    });
  }

  /** Writes a new flow; returns undefined (writing nothing) when one with that name exists. */
  async create(name: string, document: FlowDocument): Promise<string | undefined> {
    const target = this.path(name);
    return this.queue.run(name, async () => {
      const text = serializeFlow(document);
      if (!(await createFileAtomic(target, text))) return undefined;
      this.changes++;
      return etagOf(text);
    });
  }

  /** Deletes a flow file; false when there was none. With `ifMatch`, only at that version. */
  async delete(name: string, ifMatch?: string): Promise<boolean> {
    const path = this.path(name);
    return this.queue.run(name, async () => {
      if (ifMatch !== undefined) await this.checkVersion(name, ifMatch);
      try {
        await rm(path);
        this.changes++;
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    });
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
