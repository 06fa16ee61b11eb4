/** The workspace folder's layout: `flows/`, and a `.gitignore` that keeps secrets and the database out of git. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../observability/logger.js';

const GITIGNORE = `# Secret constant values and the server's database never go into git.
secrets.json
data/
`;

/** Creates `flows/` and, in a workspace without one, the `.gitignore`; warns when an existing one misses `secrets.json`. */
export async function prepareWorkspace(workspaceDir: string, logger: Logger): Promise<void> {
  await mkdir(join(workspaceDir, 'flows'), { recursive: true });
  const file = join(workspaceDir, '.gitignore');
  let existing: string;
  try {
    existing = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await writeFile(file, GITIGNORE, { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    return;
  }
  if (!existing.split(/\r?\n/).some((line) => /^\/?secrets\.json$/.test(line.trim()))) {
    logger.warn({ file }, 'the workspace .gitignore does not list secrets.json; add it so secret constants are never committed');
  }
}
