import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { createEmptyFlow, type FlowDocument } from '@flowbridge/flow-model';
import { registerViewport } from '../canvas/viewport';
import { createEditorStore, type EditorStore } from '../store/editor-store';
import { renderInEditor } from '../test-support/render-in-editor';
import { SettingsView } from '../views/SettingsView';
import { ListDialog } from './ListDialog';
import { StartupBanner } from './StartupBanner';
import { UsagesPanel } from './UsagesPanel';

interface Call {
  method: string;
  url: string;
  body?: unknown;
}

/** A fake server: answers by "METHOD path" (query included), records every call. */
function fakeServer(routes: Record<string, (call: Call) => { status?: number; body?: unknown }>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const call: Call = { method: init.method ?? 'GET', url, ...(init.body ? { body: JSON.parse(String(init.body)) } : {}) };
    calls.push(call);
    const handler = routes[`${call.method} ${url}`];
    if (!handler) return new Response(JSON.stringify({ error: 'NotFound', message: `no fake for ${call.method} ${url}` }), { status: 404 });
    const { status = 200, body } = handler(call);
    return new Response(status === 204 ? null : JSON.stringify(body ?? {}), { status });
  });
  return calls;
}

const flowWith = (name: string, nodeId: string, label: string): FlowDocument => {
  const flow = createEmptyFlow(name);
  return { ...flow, nodes: [...flow.nodes, { id: nodeId, kind: 'core.LogMessage', label, position: { x: 200, y: 0 }, config: { level: 'info', message: "{{ $constant('Shop.Url') }}" } }] };
};

let store: EditorStore;
const revealed: string[] = [];
beforeEach(() => {
  store = createEditorStore();
  revealed.length = 0;
  registerViewport({ fitView: () => undefined, pointer: () => null, centre: () => ({ x: 0, y: 0 }), reveal: (id) => revealed.push(id) });
  window.history.replaceState(null, '', '/');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  registerViewport(null);
});

describe('Find usages', () => {
  it('lists every reference with flow, caption and field, and a click opens the flow and selects the node', async () => {
    fakeServer({
      'GET /api/references?kind=constant&name=Shop.Url': () => ({
        body: {
          truncated: false,
          references: [
            { targetKind: 'constant', target: 'Shop.Url', usage: 'constant-in-expression', flow: 'ACT_Shop', nodeId: 'log', nodeLabel: 'Say where', field: 'message', fieldLabel: 'Message' },
            { targetKind: 'constant', target: 'Shop.Url', usage: 'constant-field', flow: 'ACT_Other', nodeId: 'n2', nodeLabel: 'Keyed call', field: 'key', fieldLabel: 'Key' },
          ],
        },
      }),
      'GET /api/flows/ACT_Shop': () => ({ body: { document: flowWith('ACT_Shop', 'log', 'Say where'), problems: [] } }),
    });
    const { app } = renderInEditor(store, <UsagesPanel />);
    await app.actions.findUsages({ kind: 'constant', name: 'Shop.Url' });
    const panel = await screen.findByRole('complementary', { name: 'Usages' });
    expect(panel.textContent).toContain('Usages of constant Shop.Url');
    const items = screen.getAllByRole('button', { name: /ACT_/ });
    expect(items.map((b) => b.textContent)).toEqual(['ACT_Shop › "Say where"Message — reads it in an expression', 'ACT_Other › "Keyed call"Key — takes it as a constant']);
    fireEvent.click(items[0]!);
    await waitFor(() => expect(store.getState().selection).toEqual(['log']));
    expect(store.getState().flowName).toBe('ACT_Shop');
    await waitFor(() => expect(revealed).toEqual(['log']));
  });

  it('looks up what the selected node refers to (Shift+F12), else the open flow', async () => {
    const calls = fakeServer({
      'GET /api/references?kind=constant&name=Shop.Url': () => ({ body: { truncated: false, references: [] } }),
      'GET /api/references?kind=flow&name=ACT_Shop': () => ({ body: { truncated: false, references: [] } }),
    });
    const { app } = renderInEditor(store, <UsagesPanel />);
    store.getState().load(flowWith('ACT_Shop', 'log', 'Say where'), 'ACT_Shop');
    store.getState().select(['log']);
    await app.actions.findUsagesOfSelection();
    store.getState().select([]);
    await app.actions.findUsagesOfSelection();
    expect(calls.map((c) => c.url)).toEqual(['/api/references?kind=constant&name=Shop.Url', '/api/references?kind=flow&name=ACT_Shop']);
    expect(await screen.findByText('Nothing refers to it.')).toBeTruthy();
  });
});

describe('rename preview and delete refusal', () => {
  it('previews every reference a flow rename changes and renames only on confirmation', async () => {
    const edits = [
      { file: 'flows/CB_Order.json', flow: 'CB_Order', field: 'name', before: 'CB_Order', after: 'CB_New' },
      { file: 'flows/ASU_System.json', flow: 'ASU_System', nodeId: 'bind', nodeLabel: 'Bind orders', field: 'callbackFlow', fieldLabel: 'Callback flow', before: 'CB_Order', after: 'CB_New' },
    ];
    const calls = fakeServer({ 'POST /api/flows/CB_Order/rename': (call) => ({ body: { name: 'CB_New', dryRun: (call.body as { dryRun: boolean }).dryRun, edits, files: ['flows/CB_New.json', 'flows/CB_Order.json', 'flows/ASU_System.json'] } }) });
    const { app } = renderInEditor(store, <ListDialog />);
    const cancelled = app.actions.renameFlowWithPreview('CB_Order', 'CB_New');
    const dialog = await screen.findByRole('dialog', { name: 'Rename CB_Order to CB_New?' });
    expect(dialog.textContent).toContain('ASU_System › "Bind orders" · Callback flow');
    expect(dialog.textContent).toContain('CB_Order → CB_New');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await cancelled).toBe(false);
    expect(calls.map((c) => (c.body as { dryRun: boolean }).dryRun)).toEqual([true]);

    const confirmed = app.actions.renameFlowWithPreview('CB_Order', 'CB_New');
    fireEvent.click(await screen.findByRole('button', { name: 'Rename' }));
    expect(await confirmed).toBe(true);
    expect(calls.map((c) => (c.body as { dryRun: boolean }).dryRun)).toEqual([true, true, false]);
  });

  it('refuses to delete a used flow, lists its usages, and deletes only with "Delete anyway"', async () => {
    const references = [{ targetKind: 'flow', target: 'CB_Order', usage: 'callback-flow', flow: 'ASU_System', nodeId: 'bind', nodeLabel: 'Bind orders', field: 'callbackFlow', fieldLabel: 'Callback flow' }];
    const calls = fakeServer({
      'DELETE /api/flows/CB_Order': () => ({ status: 409, body: { error: 'FlowInUse', message: 'Flow "CB_Order" is used by 1 place', details: references } }),
      'DELETE /api/flows/CB_Order?force=true': () => ({ status: 204 }),
    });
    const { app } = renderInEditor(store, <ListDialog />);
    const kept = app.actions.deleteFlowChecked('CB_Order');
    const dialog = await screen.findByRole('dialog', { name: 'CB_Order is in use' });
    expect(dialog.textContent).toContain('ASU_System › "Bind orders"');
    expect(dialog.textContent).toContain('Callback flow — callback flow');
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(await kept).toBe(false);

    const forced = app.actions.deleteFlowChecked('CB_Order');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete anyway' }));
    expect(await forced).toBe(true);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['DELETE /api/flows/CB_Order', 'DELETE /api/flows/CB_Order', 'DELETE /api/flows/CB_Order?force=true']);
  });
});

describe('cross-flow problems', () => {
  it('reports a binding of an event type another flow binds too, live as the open flow is edited', () => {
    const other = { targetKind: 'eventType' as const, target: 'OrderPlaced', usage: 'event-type-binding' as const, flow: 'ASU_System', nodeId: 'bind', nodeLabel: 'Bind orders', field: 'eventType' };
    const flow = createEmptyFlow('ACT_Rebind');
    store.getState().load({ ...flow, nodes: [...flow.nodes, { id: 'again', kind: 'eventbridge.CreateConfiguration', label: 'Bind again', position: { x: 200, y: 0 }, config: { eventType: "'OrderShipped'", callbackFlow: 'CB_Order' } }] }, 'ACT_Rebind');
    store.getState().setWorkspaceBindings([other]);
    expect(store.getState().problems.filter((p) => p.code === 'duplicate-event-binding')).toEqual([]);
    store.getState().apply((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'again' ? { ...n, config: { ...n.config, eventType: "'OrderPlaced'" } } : n)) }));
    const found = store.getState().problems.filter((p) => p.code === 'duplicate-event-binding');
    expect(found).toEqual([expect.objectContaining({ nodeId: 'again', severity: 'warning' })]);
    expect(found[0]!.message).toContain('"Bind orders" in ASU_System');
    // The open flow's own bindings as the server last saw them do not count twice.
    store.getState().setWorkspaceBindings([other, { ...other, flow: 'ACT_Rebind', nodeId: 'again' }]);
    expect(store.getState().problems.filter((p) => p.code === 'duplicate-event-binding')).toHaveLength(1);
  });
});

describe('the start-up banner', () => {
  it('says what failed, why and what to do, links the flow, and runs the after-startup flows on request', async () => {
    let ok = false;
    const failing = { startedAt: 'a', endedAt: 'b', ok: false, results: [{ flow: 'ASU_System', status: 'not-run', message: 'Flow "ASU_System" has problems' }] };
    const calls = fakeServer({
      'GET /api/startup': () => ({
        body: ok
          ? { status: 'ok', afterStartupFlows: ['ASU_System'], loadErrors: [], issues: [], report: { ...failing, ok: true, results: [] } }
          : { status: 'failed', afterStartupFlows: ['ASU_System'], loadErrors: [], report: failing, issues: [{ flow: 'ASU_System', what: 'After-startup flow ASU_System cannot run', why: 'Flow "ASU_System" has problems', todo: 'Fix the problems and save.' }] },
      }),
      'POST /api/startup/rerun': () => {
        ok = true;
        return { body: { ...failing, ok: true } };
      },
    });
    renderInEditor(store, <StartupBanner />);
    const banner = await screen.findByRole('alert', { name: 'Start-up problems' });
    expect(banner.textContent).toContain('After-startup flow ASU_System cannot run');
    expect(banner.textContent).toContain('Fix the problems and save.');
    expect(screen.getByRole('link', { name: 'Open ASU_System' }).getAttribute('href')).toBe('/flows/ASU_System');
    fireEvent.click(screen.getByRole('button', { name: 'Run after-startup flows now' }));
    await waitFor(() => expect(screen.queryByRole('alert', { name: 'Start-up problems' })).toBeNull());
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/startup/rerun')).toBe(true);
  });
});

describe('the settings view', () => {
  const settings = {
    afterStartupFlows: ['ASU_One', 'ASU_Two'],
    eventEndpoint: { enabled: true, apiKeyConstant: 'EventBridge.APIKey', apiKeyHeader: 'x-api-key', bodyLimitBytes: 262144, rateLimitPerMinute: 60000, maxAttempts: 5, retryDelayMs: 1000, claimLeaseSeconds: 600, callbackTrace: 'compact' },
    runs: { maxAgeDays: 30, maxRuns: 10000 },
    limits: { runTimeMs: 60000 },
    workers: { count: 2, runsPerWorker: 4, graceMs: 1000, maxQueued: 10000 },
  };

  it('reorders after-startup flows and saves the settings, showing what needs a restart', async () => {
    const calls = fakeServer({
      'GET /api/settings': () => ({ body: { settings, readOnly: false, restartRequired: [] } }),
      'PUT /api/settings': (call) => ({ body: { settings: call.body, readOnly: false, restartRequired: ['limits'] } }),
      'GET /api/startup': () => ({ body: { status: 'ok', afterStartupFlows: [], loadErrors: [], issues: [] } }),
    });
    renderInEditor(store, <SettingsView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Move ASU_Two up' }));
    fireEvent.change(screen.getByLabelText('runTimeMs (ms)'), { target: { value: '5000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/limits apply when the server next starts/);
    const put = calls.find((c) => c.method === 'PUT')!.body as typeof settings;
    expect(put.afterStartupFlows).toEqual(['ASU_Two', 'ASU_One']);
    expect(put.limits.runTimeMs).toBe(5000);
  });

  it('sets what succeeded callback runs keep of their trace', async () => {
    const calls = fakeServer({
      'GET /api/settings': () => ({ body: { settings, readOnly: false, restartRequired: [] } }),
      'PUT /api/settings': (call) => ({ body: { settings: call.body, readOnly: false, restartRequired: [] } }),
      'GET /api/startup': () => ({ body: { status: 'ok', afterStartupFlows: [], loadErrors: [], issues: [] } }),
    });
    renderInEditor(store, <SettingsView />);
    const select = (await screen.findByLabelText('Trace of succeeded callback runs')) as HTMLSelectElement;
    expect(select.value).toBe('compact');
    fireEvent.change(select, { target: { value: 'full' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect((calls.find((c) => c.method === 'PUT')!.body as typeof settings).eventEndpoint.callbackTrace).toBe('full');
  });

  it('is read-only in production mode', async () => {
    fakeServer({ 'GET /api/settings': () => ({ body: { settings, readOnly: true, restartRequired: [] } }) });
    renderInEditor(store, <SettingsView />);
    expect(((await screen.findByRole('button', { name: 'Save settings' })) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Remove ASU_One' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/production mode/)).toBeTruthy();
  });
});
