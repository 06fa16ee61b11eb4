import { describe, expect, it, vi } from 'vitest';
import { createEmptyFlow, logMessage } from '@flowbridge/flow-model';
import { addNode, connect, setField } from '../document/commands';

/** A store from a fresh module registry: the validator's code has not been fetched there yet (the test setup fetched it in its own). */
async function storeWithoutValidator() {
  vi.resetModules();
  const { createEditorStore } = await import('../store/editor-store');
  const validator = await import('./validator');
  expect(validator.loadedValidator()).toBeUndefined();
  return { store: createEditorStore(), validator };
}

describe('the validator fetched on demand', () => {
  it('an opened flow shows no problems until the validator arrives, then its problems', async () => {
    const { store, validator } = await storeWithoutValidator();
    const flow = addNode(createEmptyFlow('ACT_Lazy'), logMessage, { x: 200, y: 0 });
    store.getState().load(flow.document, 'ACT_Lazy', null);
    expect(store.getState().problems).toEqual([]);

    await validator.loadValidator();
    await vi.waitFor(() => expect(store.getState().problems.some((p) => p.nodeId === flow.id)).toBe(true));
  });

  it('the problems that arrive are those of the document as edited meanwhile', async () => {
    const { store, validator } = await storeWithoutValidator();
    const flow = addNode(createEmptyFlow('ACT_Lazy'), logMessage, { x: 200, y: 0 });
    store.getState().load(flow.document, 'ACT_Lazy', null);
    store.getState().apply((d) => setField(connect(connect(d, 'start', 'out', flow.id), flow.id, 'out', 'end'), flow.id, 'message', 'hello'));

    const validate = await validator.loadValidator();
    const state = store.getState();
    await vi.waitFor(() => expect(store.getState().problems).toEqual(validate(state.document, state.catalogue, state.workspaceBindings, state.flowName)));
    expect(store.getState().problems.some((p) => p.nodeId === flow.id)).toBe(false);
  });

  it('once arrived, a change is validated at once, as before', async () => {
    const { store, validator } = await storeWithoutValidator();
    await validator.loadValidator();
    const flow = addNode(createEmptyFlow('ACT_Lazy'), logMessage, { x: 200, y: 0 });
    store.getState().load(flow.document, 'ACT_Lazy', null);
    expect(store.getState().problems.some((p) => p.nodeId === flow.id)).toBe(true);
  });
});

describe('the validator before the first view is drawn', () => {
  it('asking for problems does not fetch it; the fetch after the first view delivers them', async () => {
    vi.resetModules();
    let fetched = 0;
    vi.doMock('./flow-problems', async (importOriginal) => {
      fetched++;
      return importOriginal();
    });
    const { createEditorStore } = await import('../store/editor-store');
    const validator = await import('./validator');
    const store = createEditorStore();
    const flow = addNode(createEmptyFlow('ACT_Lazy'), logMessage, { x: 200, y: 0 });
    store.getState().load(flow.document, 'ACT_Lazy', null);
    store.getState().revalidate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fetched).toBe(0);
    expect(store.getState().problems).toEqual([]);

    validator.allowValidatorFetch();
    store.getState().revalidate();
    await vi.waitFor(() => expect(store.getState().problems.some((p) => p.nodeId === flow.id)).toBe(true));
    expect(fetched).toBe(1);
    vi.doUnmock('./flow-problems');
  });
});
