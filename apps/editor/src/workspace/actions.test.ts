import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmptyFlow, type FlowDocument } from '@flowbridge/flow-model';
import { api } from '../api/client';
import { createEditorStore } from '../store/editor-store';
import { createWorkspaceActions } from './actions';

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('workspace actions', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an older open answering after a newer one does not replace what the newer one loaded', async () => {
    const editor = createEditorStore();
    const answers = new Map<string, ReturnType<typeof deferred<{ document: FlowDocument; etag: string }>>>();
    vi.spyOn(api, 'getFlow').mockImplementation((name: string) => {
      const d = deferred<{ document: FlowDocument; etag: string }>();
      answers.set(name, d);
      return d.promise as ReturnType<typeof api.getFlow>;
    });
    const actions = createWorkspaceActions(editor, {
      navigate: async () => true,
      runWithParameters: async () => undefined,
      renameFlowWithPreview: async () => false,
      deleteFlowChecked: async () => false,
    });

    const slow = actions.openFlow('ACT_Slow');
    const fast = actions.openFlow('ACT_Fast');
    answers.get('ACT_Fast')!.resolve({ document: createEmptyFlow('ACT_Fast'), etag: '"2"' });
    expect(await fast).toBe(true);
    answers.get('ACT_Slow')!.resolve({ document: createEmptyFlow('ACT_Slow'), etag: '"1"' });
    expect(await slow).toBe(false);

    expect(editor.getState().flowName).toBe('ACT_Fast');
    expect(editor.getState().document.name).toBe('ACT_Fast');
    expect(editor.getState().etag).toBe('"2"');
  });
});
