/** Locates the team's shared reference folder, which sits beside the repository (`<repo>/../shared`). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor of this file holding pnpm-workspace.yaml. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

/** Path of the public sample of EventBridge pattern behaviour. */
export function sampleCasesPath(): string {
  return resolve(repoRoot(), '..', 'shared', 'reference', 'event-pattern-cases.json');
}
