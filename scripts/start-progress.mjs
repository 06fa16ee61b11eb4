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

/** Folders that hold what a build or a test writes, never a build's input. */
const NOT_INPUTS = new Set(['node_modules', 'dist', 'reports', '.turbo', 'coverage', 'test-results', 'artifacts', 'playwright-report']);

/**
 * A fingerprint of everything the build reads: every file of every app and package (contents, not
 * times, so a checkout that changes nothing keeps it), the root configuration, and the Node version.
 * Output folders are left out, and so is e2e/, which the build does not read.
 */
export function buildFingerprint(repo) {
  const hash = createHash('sha256').update(`node ${process.version}\0`);
  for (const file of readdirSync(repo).sort()) if (/\.(json|yaml)$/.test(file)) hash.update(`${file}\0`).update(readFileSync(join(repo, file)));
  const walk = (dir) => {
    for (const entry of readdirSync(join(repo, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!NOT_INPUTS.has(entry.name)) walk(path);
      } else if (entry.isFile() && !entry.name.endsWith('.tsbuildinfo') && !entry.name.endsWith('.log')) {
        hash.update(`${path}\0`).update(readFileSync(join(repo, path)));
      }
    }
  };
  for (const root of ['apps', 'packages']) if (existsSync(join(repo, root))) walk(root);
  return hash.digest('hex');
}

/** The packages with a build script whose dist/ folder is missing (a build stamp is not enough then). */
export function missingBuildOutputs(repo) {
  const missing = [];
  for (const root of ['apps', 'packages']) {
    if (!existsSync(join(repo, root))) continue;
    for (const dir of readdirSync(join(repo, root)).sort()) {
      const manifest = join(repo, root, dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const scripts = JSON.parse(readFileSync(manifest, 'utf8')).scripts ?? {};
      if (scripts.build && !existsSync(join(repo, root, dir, 'dist'))) missing.push(join(root, dir));
    }
  }
  return missing;
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
