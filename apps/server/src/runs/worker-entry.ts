/**
 * Where a run worker's code is: the built `.js` next to this module, or, when the server runs from its
 * TypeScript sources (tests, `tsx`), the `.ts` loaded through tsx (threads and child processes do not
 * inherit the parent's loader).
 */
import { createRequire } from 'node:module';

const self = import.meta.url;
const fromSources = !self.endsWith('.js');

/** The run worker thread's entry and the Worker options it needs. */
export function workerThreadEntry(): [URL | string, { eval?: boolean }?] {
  if (!fromSources) return [new URL('./run-worker.js', self)];
  const source = new URL('./run-worker.ts', self).href;
  return [`import(${JSON.stringify(tsxApiHref())}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`, { eval: true }];
}

/** The run host process's module path and the Node options that load it. */
export function runHostEntry(): { modulePath: string; execArgv: string[] } {
  if (!fromSources) return { modulePath: new URL('./run-host.js', self).pathname, execArgv: [] };
  // tsx/esm is the loader `node --import tsx` registers.
  return { modulePath: new URL('./run-host.ts', self).pathname, execArgv: ['--import', tsxApiHref().replace(/\/api\/index\.mjs$/, '/index.mjs')] };
}

/** tsx's ESM API module; `require.resolve` answers the CommonJS build, the ESM build sits next to it. */
function tsxApiHref(): string {
  const path = createRequire(self).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  return new URL(`file://${path}`).href;
}
