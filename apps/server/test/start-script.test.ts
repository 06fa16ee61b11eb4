/** `npm start`'s decisions (scripts/start-progress.mjs): build progress lines, the install skip, the API key line. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/test-server.js';

interface StartProgress {
  buildProgress(): (line: string) => string | undefined;
  dependencyFingerprint(repo: string): string;
  buildFingerprint(repo: string): string;
  missingBuildOutputs(repo: string): string[];
  describeApiKey(constant: string, info?: { set: boolean; source: string; envVar: string }): string;
}

// A plain JavaScript script outside the package: loaded by path, typed here.
const modulePath = new URL('../../../scripts/start-progress.mjs', import.meta.url).href;
const load = async () => (await import(/* @vite-ignore */ modulePath)) as StartProgress;

describe('npm start', () => {
  it('reports each package the build starts once, built or from the cache, and nothing for other output', async () => {
    const { buildProgress } = await load();
    const progress = buildProgress();
    expect(progress('   • Running build in 10 packages')).toBeUndefined();
    expect(progress('@flowbridge/flow-model:build: cache hit, suppressing logs da3f7f5af44bd39a')).toBe('@flowbridge/flow-model from the cache');
    expect(progress('@flowbridge/editor:build: cache miss, executing 33831604274e1926')).toBe('building @flowbridge/editor');
    expect(progress('@flowbridge/editor:build: cache miss, executing 33831604274e1926')).toBeUndefined();
    expect(progress('@flowbridge/editor:build: vite v7 building for production...')).toBeUndefined();
  });

  it('skips the installer only while the lockfile and every package.json are unchanged', async () => {
    const { dependencyFingerprint } = await load();
    const repo = await tempDir('fb-start-');
    await mkdir(join(repo, 'packages', 'a'), { recursive: true });
    await writeFile(join(repo, 'package.json'), '{"name":"root"}');
    await writeFile(join(repo, 'pnpm-lock.yaml'), 'lockfileVersion: 9');
    await writeFile(join(repo, 'packages', 'a', 'package.json'), '{"name":"a","dependencies":{}}');
    const first = dependencyFingerprint(repo);
    await writeFile(join(repo, 'packages', 'a', 'index.ts'), 'export {};');
    expect(dependencyFingerprint(repo)).toBe(first);
    await writeFile(join(repo, 'packages', 'a', 'package.json'), '{"name":"a","dependencies":{"zod":"4.6.7"}}');
    const second = dependencyFingerprint(repo);
    expect(second).not.toBe(first);
    await writeFile(join(repo, 'pnpm-lock.yaml'), 'lockfileVersion: 9\nimporters: {}');
    expect(dependencyFingerprint(repo)).not.toBe(second);
  });

  it('skips the build only while no file the build reads changed, whatever happens in output folders', async () => {
    const { buildFingerprint } = await load();
    const repo = await tempDir('fb-start-');
    await mkdir(join(repo, 'packages', 'a', 'src'), { recursive: true });
    await writeFile(join(repo, 'turbo.json'), '{}');
    await writeFile(join(repo, 'packages', 'a', 'package.json'), '{"name":"a","scripts":{"build":"tsc"}}');
    await writeFile(join(repo, 'packages', 'a', 'src', 'index.ts'), 'export const a = 1;');
    const first = buildFingerprint(repo);
    for (const output of ['dist', 'node_modules', 'reports', '.turbo']) {
      await mkdir(join(repo, 'packages', 'a', output), { recursive: true });
      await writeFile(join(repo, 'packages', 'a', output, 'index.js'), 'export const a = 1;');
    }
    await writeFile(join(repo, 'packages', 'a', 'tsconfig.tsbuildinfo'), '{}');
    expect(buildFingerprint(repo)).toBe(first);
    // Same size, other contents: still a change.
    await writeFile(join(repo, 'packages', 'a', 'src', 'index.ts'), 'export const a = 2;');
    const second = buildFingerprint(repo);
    expect(second).not.toBe(first);
    await writeFile(join(repo, 'packages', 'a', 'src', 'more.ts'), '');
    const third = buildFingerprint(repo);
    expect(third).not.toBe(second);
    await writeFile(join(repo, 'turbo.json'), '{"tasks":{}}');
    expect(buildFingerprint(repo)).not.toBe(third);
  });

  it('builds again when a package with a build script has no dist folder', async () => {
    const { missingBuildOutputs } = await load();
    const repo = await tempDir('fb-start-');
    await mkdir(join(repo, 'packages', 'built', 'dist'), { recursive: true });
    await mkdir(join(repo, 'packages', 'unbuilt'), { recursive: true });
    await mkdir(join(repo, 'packages', 'plain'), { recursive: true });
    await writeFile(join(repo, 'packages', 'built', 'package.json'), '{"scripts":{"build":"tsc"}}');
    await writeFile(join(repo, 'packages', 'unbuilt', 'package.json'), '{"scripts":{"build":"tsc"}}');
    await writeFile(join(repo, 'packages', 'plain', 'package.json'), '{"scripts":{}}');
    expect(missingBuildOutputs(repo)).toEqual([join('packages', 'unbuilt')]);
  });

  it('says where the event endpoint key comes from, and what to set when it is missing, never its value', async () => {
    const { describeApiKey } = await load();
    expect(describeApiKey('EventBridge.APIKey', { set: true, source: 'env', envVar: 'FLOWBRIDGE_EVENTBRIDGE_APIKEY' })).toBe(
      'constant EventBridge.APIKey, from the environment variable FLOWBRIDGE_EVENTBRIDGE_APIKEY',
    );
    expect(describeApiKey('EventBridge.APIKey', { set: true, source: 'secrets.json', envVar: 'FLOWBRIDGE_EVENTBRIDGE_APIKEY' })).toMatch(/secrets\.json/);
    expect(describeApiKey('Shop.Key', undefined)).toMatch(/^constant Shop\.Key is not set: set FLOWBRIDGE_SHOP_KEY /);
    expect(describeApiKey('Shop.Key', { set: false, source: 'secrets.json', envVar: 'FLOWBRIDGE_SHOP_KEY' })).toMatch(/is not set/);
  });
});
