/** Flows on disk: one canonical JSON file per flow under `<workspace>/flows`, written atomically. */
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFlowName, serializeFlow, type FlowDocument } from '@flowbridge/flow-model';
import { randomUUID } from 'node:crypto';

export class InvalidFlowNameError extends Error {
  override name = 'InvalidFlowNameError';
}

/** Reads and writes flow files; every name is checked before it touches the file system. */
export class FlowStore {
  readonly dir: string;

  constructor(workspaceDir: string) {
    this.dir = join(workspaceDir, 'flows');
  }

  /** Names of all flows, sorted. */
  async list(): Promise<string[]> {
    await mkdir(this.dir, { recursive: true });
    const files = await readdir(this.dir);
    return files
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .filter((name) => checkFlowName(name) === null)
      .sort();
  }

  /** The parsed JSON of a flow file, or undefined when there is none. */
  async read(name: string): Promise<unknown | undefined> {
    try {
      return JSON.parse(await readFile(this.path(name), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Writes the flow atomically (temp file + rename) in its canonical form. */
  async write(name: string, document: FlowDocument): Promise<void> {
    const target = this.path(name);
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.${name}.${randomUUID()}.tmp`);
    await writeFile(temp, serializeFlow(document), { flag: 'wx' });
    await rename(temp, target);
  }

  async delete(name: string): Promise<boolean> {
    const path = this.path(name);
    try {
      await rm(path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  private path(name: string): string {
    const problem = checkFlowName(name);
    if (problem) throw new InvalidFlowNameError(problem);
    return join(this.dir, `${name}.json`);
  }
}
