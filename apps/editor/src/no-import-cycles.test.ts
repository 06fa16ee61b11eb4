// @vitest-environment node
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const source = fileURLToPath(new URL('.', import.meta.url));

/** The import cycles among the editor's modules; `import type` is left out, as it vanishes at build time. */
async function importCycles(): Promise<string[][]> {
  const graph = await madge(source, {
    fileExtensions: ['ts', 'tsx'],
    excludeRegExp: [/\.test\.tsx?$/],
    tsConfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    detectiveOptions: { ts: { skipTypeImports: true }, tsx: { skipTypeImports: true } },
  });
  return graph.circular();
}

describe('the editor source', () => {
  it('has no import cycles', async () => {
    const cycles = await importCycles();
    expect(cycles.map((cycle) => cycle.join(' → '))).toEqual([]);
  }, 60_000);

  it('is read whole by the cycle check (it sees the app, store and action modules)', async () => {
    const graph = await madge(source, { fileExtensions: ['ts', 'tsx'], tsConfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
    const modules = Object.keys(graph.obj());
    expect(modules).toEqual(expect.arrayContaining(['App.tsx', 'app/editor-app.ts', 'store/editor-store.ts', 'workspace/actions.ts', 'navigation/navigation.ts']));
    expect(graph.obj()['app/editor-app.ts']).toEqual(expect.arrayContaining(['navigation/navigation.ts', 'workspace/actions.ts', 'runs/run-actions.ts']));
  }, 60_000);
});
