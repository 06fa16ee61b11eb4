import { afterEach, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { loadSettings } from '../src/config/settings.js';
import { SettingsStore } from '../src/config/settings-store.js';
import { createServerEngine } from '../src/engine.js';
import { FlowCatalog } from '../src/flows/flow-catalog.js';
import { ConstantsStore } from '../src/workspace/constants-store.js';
import { FlowStore } from '../src/workspace/flow-store.js';
import { WorkspaceRefactor } from '../src/workspace/workspace-refactor.js';
import { body, loggingFlow, startTestServer, tempDir, type TestServer } from './support/test-server.js';
import { writeFile, mkdir } from 'node:fs/promises';

const node = (id: string, kind: string, x: number, config: Record<string, unknown>, label?: string) => ({ id, kind, position: { x, y: 0 }, config, ...(label ? { label } : {}) });

/** Start → nodes → End, chained. */
function flow(name: string, nodes: ReturnType<typeof node>[], parameters: Array<{ name: string; type: string }> = []) {
  const all = [node('s', 'core.Start', 0, {}), ...nodes, node('e', 'core.End', 900, {})];
  return { formatVersion: 1, name, parameters, nodes: all, edges: all.slice(1).map((n, i) => ({ id: `e${i}`, source: all[i]!.id, sourcePort: 'out', target: n.id })), annotations: [] };
}

const callback = (name: string) => flow(name, [], [{ name: 'HttpRequest', type: 'HttpRequest' }]);
const startupFlow = (target: string) =>
  flow('ASU_Setup', [
    node('bind', 'eventbridge.CreateConfiguration', 200, { eventType: "'OrderPlaced'", callbackFlow: 'CB_Order' }, 'Bind orders'),
    node('call', 'core.CallFlow', 400, { flow: target, parameters: {} }, 'Initialise'),
  ]);

const files = (extra: Record<string, unknown> = {}) => ({
  'settings.json': JSON.stringify({ afterStartupFlows: ['ASU_Setup'], eventEndpoint: { apiKeyConstant: 'Shop.Key' } }),
  'constants.json': JSON.stringify({ 'Shop.Key': { secret: true }, 'Shop.Url': { value: 'https://shop' } }),
  'secrets.json': JSON.stringify({ 'Shop.Key': 'k-123456789' }),
  'flows/CB_Order.json': JSON.stringify(callback('CB_Order')),
  'flows/SUB_Init.json': JSON.stringify(flow('SUB_Init', [node('log', 'core.LogMessage', 200, { level: 'info', message: "url {{ $constant('Shop.Url') }}" }, 'Say where')])),
  'flows/ASU_Setup.json': JSON.stringify(startupFlow('SUB_Init')),
  ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, JSON.stringify(v)])),
});

async function snapshotOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const folder of ['', 'flows']) {
    for (const entry of await readdir(join(dir, folder), { withFileTypes: true })) {
      if (entry.isFile()) out[join(folder, entry.name)] = await readFile(join(dir, folder, entry.name), 'utf8');
    }
  }
  return out;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('reference-aware rename and delete', () => {
  it('indexes every reference of the workspace', async () => {
    server = await startTestServer({ files: files() });
    const { references } = await body(await server.api('/api/references'));
    const pick = (kind: string, target: string) => references.filter((r: { targetKind: string; target: string }) => r.targetKind === kind && r.target === target).map((r: { usage: string; flow?: string; nodeLabel?: string }) => `${r.usage} ${r.flow ?? 'settings'} ${r.nodeLabel ?? ''}`.trim());
    expect(pick('flow', 'CB_Order')).toEqual(['callback-flow ASU_Setup Bind orders']);
    expect(pick('flow', 'ASU_Setup')).toEqual(['after-startup settings']);
    expect(pick('constant', 'Shop.Key')).toEqual(['settings-constant settings']);
    expect(pick('constant', 'Shop.Url')).toEqual(['constant-in-expression SUB_Init Say where']);
    expect(pick('eventType', 'OrderPlaced')).toEqual(['event-type-binding ASU_Setup Bind orders']);
    const only = await body(await server.api('/api/references?kind=flow&name=SUB_Init'));
    expect(only.references).toEqual([expect.objectContaining({ usage: 'call-flow', flow: 'ASU_Setup', nodeId: 'call', nodeLabel: 'Initialise' })]);
    expect((await server.api('/api/references?kind=nope')).status).toBe(400);
  });

  it('previews a flow rename without writing, then renames the flow and every reference in one change', async () => {
    server = await startTestServer({ files: files() });
    const before = await snapshotOf(server.workspace);
    const preview = await body(await server.api('/api/flows/ASU_Setup/rename', { method: 'POST', json: { newName: 'ASU_Boot', dryRun: true } }));
    expect(preview.dryRun).toBe(true);
    expect(preview.edits).toEqual([
      expect.objectContaining({ field: 'name', before: 'ASU_Setup', after: 'ASU_Boot' }),
      expect.objectContaining({ file: 'settings.json', field: 'afterStartupFlows[0]', before: 'ASU_Setup', after: 'ASU_Boot' }),
    ]);
    expect(preview.files).toEqual(['flows/ASU_Boot.json', 'flows/ASU_Setup.json', 'settings.json']);
    expect(await snapshotOf(server.workspace)).toEqual(before);

    const renamed = await server.api('/api/flows/CB_Order/rename', { method: 'POST', json: { newName: 'CB_OrderReceived' } });
    expect(renamed.status).toBe(200);
    expect((await body(renamed)).edits).toEqual([
      expect.objectContaining({ field: 'name' }),
      expect.objectContaining({ file: 'flows/ASU_Setup.json', nodeLabel: 'Bind orders', field: 'callbackFlow', before: 'CB_Order', after: 'CB_OrderReceived' }),
    ]);
    const setup = JSON.parse(await readFile(join(server.workspace, 'flows/ASU_Setup.json'), 'utf8'));
    expect(setup.nodes.find((n: { id: string }) => n.id === 'bind').config.callbackFlow).toBe('CB_OrderReceived');
    expect((await server.api('/api/flows/CB_Order')).status).toBe(404);
    expect((await body(await server.api('/api/flows/ASU_Setup'))).problems).toEqual([]);

    await server.api('/api/flows/ASU_Setup/rename', { method: 'POST', json: { newName: 'ASU_Boot' } });
    expect(JSON.parse(await readFile(join(server.workspace, 'settings.json'), 'utf8')).afterStartupFlows).toEqual(['ASU_Boot']);
    expect((await server.api('/api/flows/ASU_Boot/rename', { method: 'POST', json: { newName: 'SUB_Init' } })).status).toBe(409);
  });

  it('leaves the workspace as it was when a write in the middle of a rename fails', async () => {
    const dir = await tempDir('fb-refactor-');
    for (const [path, text] of Object.entries(files())) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const before = await snapshotOf(dir);
    const constants = new ConstantsStore(dir, {});
    await constants.load();
    const catalog = new FlowCatalog(new FlowStore(dir), createServerEngine(), constants);
    const settings = new SettingsStore(dir, await loadSettings(dir));
    const routing = { put: async () => undefined, get: async () => undefined, list: async () => [], delete: async () => false };
    let renames = 0;
    const ops = {
      writeFile: (path: string, text: string, options: { flag: string; mode: number }) => fs.writeFile(path, text, options),
      rm: (path: string, options: { force: boolean }) => fs.rm(path, options),
      rename: async (from: string, to: string) => {
        // After the first file is swapped in and the next one set aside: a failure in the middle.
        if (++renames === 3) throw Object.assign(new Error('EIO: injected failure'), { code: 'EIO' });
        await fs.rename(from, to);
      },
    };
    const refactor = new WorkspaceRefactor(dir, catalog, settings, constants, routing, ops);
    await expect(refactor.renameFlow('ASU_Setup', 'ASU_Boot', false)).rejects.toThrow(/injected failure/);
    expect(await snapshotOf(dir)).toEqual(before);
    expect(settings.live.afterStartupFlows).toEqual(['ASU_Setup']);
    // The constant files and the flow naming it: fail after constants.json is swapped in, before the flow is.
    renames = 0;
    await expect(refactor.renameConstant('Shop.Url', 'Shop.BaseUrl', false)).rejects.toThrow(/injected failure/);
    expect(await snapshotOf(dir)).toEqual(before);
    expect(constants.info('Shop.Url')).toBeDefined();
    expect(constants.info('Shop.BaseUrl')).toBeUndefined();
  });

  it('renames a constant with its secret value and every reference, in flows and settings', async () => {
    server = await startTestServer({ files: files() });
    const renamed = await server.api('/api/constants/Shop.Key/rename', { method: 'POST', json: { newName: 'Shop.ApiKey' } });
    expect(renamed.status).toBe(200);
    expect(JSON.parse(await readFile(join(server.workspace, 'secrets.json'), 'utf8'))).toEqual({ 'Shop.ApiKey': 'k-123456789' });
    expect(JSON.parse(await readFile(join(server.workspace, 'settings.json'), 'utf8')).eventEndpoint.apiKeyConstant).toBe('Shop.ApiKey');
    await server.api('/api/constants/Shop.Url/rename', { method: 'POST', json: { newName: 'Shop.BaseUrl' } });
    const sub = JSON.parse(await readFile(join(server.workspace, 'flows/SUB_Init.json'), 'utf8'));
    expect(sub.nodes.find((n: { id: string }) => n.id === 'log').config.message).toBe("url {{ $constant('Shop.BaseUrl') }}");
    expect((await body(await server.api('/api/flows/SUB_Init'))).problems).toEqual([]);
    expect((await server.api('/api/constants/Shop.Nope/rename', { method: 'POST', json: { newName: 'Shop.Other' } })).status).toBe(404);
    expect((await server.api('/api/constants/Shop.BaseUrl/rename', { method: 'POST', json: { newName: 'Shop.ApiKey' } })).status).toBe(409);
  });

  it('renames an event type in every flow that names it, and its stored binding', async () => {
    server = await startTestServer({ files: files() });
    await server.storage.routing.put('OrderPlaced', 'CB_Order');
    const preview = await body(await server.api('/api/references/rename', { method: 'POST', json: { kind: 'eventType', from: 'OrderPlaced', to: 'OrderCreated', dryRun: true } }));
    expect(preview.edits).toEqual([expect.objectContaining({ nodeLabel: 'Bind orders', before: "'OrderPlaced'", after: "'OrderCreated'" })]);
    await server.api('/api/references/rename', { method: 'POST', json: { kind: 'eventType', from: 'OrderPlaced', to: 'OrderCreated' } });
    const setup = JSON.parse(await readFile(join(server.workspace, 'flows/ASU_Setup.json'), 'utf8'));
    expect(setup.nodes.find((n: { id: string }) => n.id === 'bind').config.eventType).toBe("'OrderCreated'");
    expect(await server.storage.routing.get('OrderCreated')).toBe('CB_Order');
    expect(await server.storage.routing.get('OrderPlaced')).toBeUndefined();
  });

  it('refuses to delete a referenced flow, listing the usages, and deletes it with force', async () => {
    server = await startTestServer({ files: files() });
    const refused = await server.api('/api/flows/CB_Order', { method: 'DELETE' });
    expect(refused.status).toBe(409);
    const error = await body(refused);
    expect(error.error).toBe('FlowInUse');
    expect(error.message).toContain('"Bind orders" in ASU_Setup (Callback flow)');
    expect(error.details).toEqual([expect.objectContaining({ flow: 'ASU_Setup', nodeId: 'bind', usage: 'callback-flow' })]);
    expect((await server.api('/api/flows/CB_Order')).status).toBe(200);

    expect((await server.api('/api/flows/CB_Order?force=true', { method: 'DELETE' })).status).toBe(204);
    const problems = (await body(await server.api('/api/flows/ASU_Setup'))).problems;
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ nodeId: 'bind', code: 'unknown-flow' })]));
    await server.api('/api/flows/ACT_Free', { method: 'PUT', json: loggingFlow('ACT_Free') });
    expect((await server.api('/api/flows/ACT_Free', { method: 'DELETE' })).status).toBe(204);
  });
});

describe('cross-flow problems', () => {
  it('warns on both nodes when two flows bind one event type, naming the other by caption, and still runs them', async () => {
    server = await startTestServer({ files: files() });
    const rebind = flow('ACT_Rebind', [node('again', 'eventbridge.CreateConfiguration', 200, { eventType: "'OrderPlaced'", callbackFlow: 'CB_Order' }, 'Bind again')]);
    const saved = await body(await server.api('/api/flows/ACT_Rebind', { method: 'PUT', json: rebind }));
    expect(saved.problems).toEqual([expect.objectContaining({ code: 'duplicate-event-binding', severity: 'warning', nodeId: 'again' })]);
    expect(saved.problems[0].message).toContain('"Bind orders" in ASU_Setup');
    const setup = await body(await server.api('/api/flows/ASU_Setup'));
    expect(setup.problems).toEqual([expect.objectContaining({ code: 'duplicate-event-binding', nodeId: 'bind' })]);
    expect(setup.problems[0].message).toContain('"Bind again" in ACT_Rebind');
    expect((await body(await server.api('/api/flows/ACT_Rebind/runs', { method: 'POST', json: {} }))).status).toBe('succeeded');
  });
});

describe('settings', () => {
  it('reads settings with defaults, saves them atomically in a stable order, and refuses bad values naming the field', async () => {
    server = await startTestServer({ files: files() });
    const read = await body(await server.api('/api/settings'));
    expect(read.settings.afterStartupFlows).toEqual(['ASU_Setup']);
    expect(read.settings.runs.maxRuns).toBe(10_000);
    expect(read.readOnly).toBe(false);
    const next = { workers: { count: 1 }, runs: { maxRuns: 50, maxAgeDays: 7 }, afterStartupFlows: ['SUB_Init', 'ASU_Setup'], eventEndpoint: { apiKeyConstant: 'Shop.Key' } };
    const saved = await body(await server.api('/api/settings', { method: 'PUT', json: next }));
    expect(saved.restartRequired).toEqual(['workers']);
    const text = await readFile(join(server.workspace, 'settings.json'), 'utf8');
    expect(Object.keys(JSON.parse(text))).toEqual(['afterStartupFlows', 'eventEndpoint', 'runs', 'workers']);
    expect(text).toBe(`${JSON.stringify({ afterStartupFlows: ['SUB_Init', 'ASU_Setup'], eventEndpoint: { apiKeyConstant: 'Shop.Key' }, runs: { maxAgeDays: 7, maxRuns: 50 }, workers: { count: 1 } }, null, 2)}\n`);
    expect((await body(await server.api('/api/startup'))).afterStartupFlows).toEqual(['SUB_Init', 'ASU_Setup']);

    const bad = await server.api('/api/settings', { method: 'PUT', json: { runs: { maxRuns: -1 } } });
    expect(bad.status).toBe(422);
    expect((await body(bad)).message).toMatch(/runs\.maxRuns.*whole number/);
    expect(await readFile(join(server.workspace, 'settings.json'), 'utf8')).toBe(text);
  });

  it('is read-only in production mode', async () => {
    server = await startTestServer({ files: files(), config: { mode: 'production' } });
    expect((await body(await server.api('/api/settings'))).readOnly).toBe(true);
    expect((await server.api('/api/settings', { method: 'PUT', json: {} })).status).toBe(403);
    expect((await server.api('/api/constants/Shop.Url/rename', { method: 'POST', json: { newName: 'Shop.X' } })).status).toBe(403);
    expect((await server.api('/api/references/rename', { method: 'POST', json: { kind: 'eventType', from: 'A', to: 'B' } })).status).toBe(403);
  });
});

describe('start-up health', () => {
  const ready = async () => (await server!.api('/readyz')).status === 200;

  it('recovers without a restart once the cause of a refused after-startup flow is saved', async () => {
    server = await startTestServer({ files: { ...files(), 'flows/ASU_Setup.json': JSON.stringify(startupFlow('SUB_Missing')) } });
    await server.afterStartup;
    expect((await server.api('/readyz')).status).toBe(503);
    const status = await body(await server.api('/api/startup'));
    expect(status.status).toBe('failed');
    expect(status.issues).toEqual([expect.objectContaining({ flow: "ASU_Setup", what: "After-startup flow ASU_Setup cannot run" })]);
    expect(status.issues[0].why).toContain('"Initialise"');
    expect(status.issues[0].why).not.toMatch(/"call"/);

    await server.api('/api/flows/SUB_Missing', { method: 'PUT', json: flow('SUB_Missing', []) });
    await until(ready, '/readyz 200 after the fix');
    expect((await body(await server.api('/api/startup'))).status).toBe('ok');
  });

  it('reports a healthy after-startup flow broken by a save at once, and runs them again on request', async () => {
    server = await startTestServer({ files: files() });
    await server.afterStartup;
    expect(await ready()).toBe(true);
    await server.api('/api/flows/ASU_Setup', { method: 'PUT', json: startupFlow('SUB_Gone') });
    await until(async () => !(await ready()), '/readyz 503 after the break');
    const status = await body(await server.api('/api/startup'));
    expect(status.issues[0]).toMatchObject({ flow: 'ASU_Setup' });
    expect(status.issues[0].why).toMatch(/SUB_Gone/);

    await server.api('/api/flows/ASU_Setup', { method: 'PUT', json: startupFlow('SUB_Init') });
    await until(ready, '/readyz 200 after the fix');
    const report = await body(await server.api('/api/startup/rerun', { method: 'POST', json: {} }));
    expect(report.ok).toBe(true);
    expect(report.results).toEqual([expect.objectContaining({ flow: 'ASU_Setup', status: 'succeeded' })]);
  });

  it('shares one run among requests made while one is in progress, and keeps a flow added to the list from failing readiness', async () => {
    server = await startTestServer({ files: files() });
    await server.afterStartup;
    const before = (await body(await server.api('/api/runs?flow=ASU_Setup'))).runs.length;
    const reports = await Promise.all(Array.from({ length: 6 }, () => server!.api('/api/startup/rerun', { method: 'POST', json: {} }).then(body)));
    expect(reports.every((r) => r.ok)).toBe(true);
    const after = (await body(await server.api('/api/runs?flow=ASU_Setup'))).runs.length;
    expect(after - before).toBeLessThanOrEqual(2);

    await server.api('/api/settings', { method: 'PUT', json: { afterStartupFlows: ['ASU_Setup', 'SUB_Init'], eventEndpoint: { apiKeyConstant: 'Shop.Key' } } });
    await until(async () => (await body(await server!.api('/api/startup'))).issues.length === 1, 'the added flow listed');
    const status = await body(await server.api('/api/startup'));
    expect(status.issues[0]).toMatchObject({ flow: 'SUB_Init', what: 'After-startup flow SUB_Init has not run yet' });
    expect(await ready()).toBe(true);
    expect((await server.api('/api/settings', { method: 'PUT', json: { afterStartupFlows: ['SUB_Init', 'SUB_Init'] } })).status).toBe(422);
  });

  it('names flow files that do not load, with what to do', async () => {
    server = await startTestServer({ files: { ...files(), 'flows/ACT_Broken.json': '{ not json' } });
    await server.afterStartup;
    const status = await body(await server.api('/api/startup'));
    expect(status.issues).toEqual([expect.objectContaining({ flow: 'ACT_Broken', what: 'Flow file flows/ACT_Broken.json is not loaded' })]);
  });
});
