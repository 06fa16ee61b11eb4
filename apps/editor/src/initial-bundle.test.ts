// @vitest-environment node
/**
 * What the browser must fetch and run before the editor can draw a flow: the entry chunk and the chunks
 * it imports statically. Code that only validation, the property panel, the expression editor or
 * another view needs is fetched on demand, so it must not be in there.
 */
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The modules in the entry chunk and everything it imports statically, from a production build kept in memory. */
async function initialModules(): Promise<string[]> {
  const result = await build({ root, configFile: `${root}vite.config.ts`, logLevel: 'silent', build: { write: false, sourcemap: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = new Map(outputs.flatMap((o) => o.output).filter((c): c is Rollup.OutputChunk => c.type === 'chunk').map((c) => [c.fileName, c]));
  const entry = [...chunks.values()].find((c) => c.isEntry);
  if (!entry) throw new Error('the build has no entry chunk');
  const seen = new Set<string>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const name of chunk.imports) visit(chunks.get(name)!);
  };
  visit(entry);
  return [...seen].flatMap((name) => chunks.get(name)!.moduleIds);
}

let modules: string[] = [];
beforeAll(async () => {
  modules = await initialModules();
}, 120_000);

const fromPackage = (name: string) => modules.filter((id) => id.includes(`/node_modules/${name}/`) || id.includes(`/${name.replace('@flowbridge/', 'packages/')}/`));

describe('the code loaded before a flow is drawn', () => {
  it('draws the canvas: React Flow and the editor store are in it', () => {
    expect(fromPackage('@xyflow/react').length).toBeGreaterThan(0);
    expect(modules.some((id) => id.endsWith('/src/store/editor-store.ts'))).toBe(true);
  });

  it('leaves JSONata and the validator out: problems are computed once their code arrives', () => {
    expect(fromPackage('jsonata')).toEqual([]);
    expect(modules.filter((id) => /flow-model\/dist\/(validate|expression-analysis|scope|references)\.js$/.test(id))).toEqual([]);
    expect(modules.filter((id) => id.includes('/src/validation/flow-problems'))).toEqual([]);
  });

  it('leaves the node panel out: its widgets, downshift and the event pattern tester', () => {
    expect(fromPackage('downshift')).toEqual([]);
    expect(fromPackage('@flowbridge/event-pattern')).toEqual([]);
    expect(modules.filter((id) => id.endsWith('/src/panels/NodePanel.tsx'))).toEqual([]);
  });

  it('leaves the expression editor (CodeMirror), the runs tab and the workspace views out', () => {
    expect(modules.filter((id) => id.includes('/@codemirror/'))).toEqual([]);
    expect(modules.filter((id) => /\/src\/(dock\/RunsTab|views\/(Welcome|Constants|Inbox|Settings)View)\.tsx$/.test(id))).toEqual([]);
  });
});
