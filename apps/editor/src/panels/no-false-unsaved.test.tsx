import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup } from '@testing-library/react';
import { createEmptyFlow } from '@flowbridge/flow-model';
import { baseCatalogue } from '../connectors';
import { createEditorStore } from '../store/editor-store';
import { renderInEditor } from '../test-support/render-in-editor';
import { PropertyPanel } from './PropertyPanel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('looking is not changing', () => {
  it.each([...baseCatalogue.activities.values()].map((d) => [d.kind]))('selecting a %s node with nothing set leaves the flow unchanged', async (kind) => {
    // The panel may ask the server for runs and previews; answer with nothing.
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ runs: [], events: [] }), { status: 200 }));
    const store = createEditorStore();
    const doc = createEmptyFlow('ACT_Look');
    const node = { id: 'x', kind, position: { x: 200, y: 100 }, config: {} };
    store.getState().load({ ...doc, nodes: [...doc.nodes, node] }, 'ACT_Look');
    store.getState().select(['x']);
    renderInEditor(store, <PropertyPanel />);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().history.past).toHaveLength(0);
  });
});
