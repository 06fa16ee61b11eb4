// What `npm start` (scripts/start.mjs) decides from its surroundings, apart from the process
// plumbing, so that the tests can check it: the build's progress lines, whether the installed
// dependencies are current, and where the event endpoint's API key comes from.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The build's progress: a line per package turbo starts, saying whether it came from the cache. */
export function buildProgress() {
  const seen = new Set();
  return (line) => {
    const match = /^(@[\w-]+\/[\w-]+):build: cache (hit|miss|bypass)/.exec(line);
    if (!match || seen.has(match[1])) return undefined;
    seen.add(match[1]);
    return match[2] === 'hit' ? `${match[1]} from the cache` : `building ${match[1]}`;
  };
}

/** A fingerprint of what decides the installed dependencies: the lockfile and every package.json. */
export function dependencyFingerprint(repo) {
  const hash = createHash('sha256');
  const files = ['pnpm-lock.yaml', 'package.json', 'pnpm-workspace.yaml'];
  for (const root of ['apps', 'packages', 'e2e']) {
    if (!existsSync(join(repo, root))) continue;
    if (existsSync(join(repo, root, 'package.json'))) files.push(join(root, 'package.json'));
    for (const dir of readdirSync(join(repo, root)).sort()) if (existsSync(join(repo, root, dir, 'package.json'))) files.push(join(root, dir, 'package.json'));
  }
  for (const file of files) if (existsSync(join(repo, file))) hash.update(`${file}\0`).update(readFileSync(join(repo, file)));
  return hash.digest('hex');
}

/** The environment variable overriding a constant (as the server's constants store names it). */
export const envVarOf = (name) => `FLOWBRIDGE_${name.replace('.', '_').toUpperCase()}`;

/** The ready block's API key line, from the constant's entry in `GET /api/constants` (undefined: not declared). */
export function describeApiKey(keyConstant, info) {
  if (!info || !info.set) {
    return `constant ${keyConstant} is not set: set ${info?.envVar ?? envVarOf(keyConstant)} or the constant in the editor; the endpoint refuses events until then`;
  }
  const from =
    {
      env: `the environment variable ${info.envVar}`,
      'secrets.json': "the workspace's secrets.json",
      'constants.json': "the workspace's constants.json",
      'local-default': 'its local default (local use only)',
    }[info.source] ?? info.source;
  return `constant ${keyConstant}, from ${from}`;
}
