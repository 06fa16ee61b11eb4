import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, waitFor } from '@testing-library/react';
import { createEmptyFlow } from '@flowbridge/flow-model';
import { createEditorStore } from '../../store/editor-store';
import { renderInEditor } from '../../test-support/render-in-editor';
import { PropertyPanel } from '../PropertyPanel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('expression field', () => {
  it('keeps what was typed into the plain text area and moves focus to the editor that replaces it', { timeout: 20_000 }, async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ runs: [], events: [] }), { status: 200 }));
    const store = createEditorStore();
    const doc = createEmptyFlow('ACT_Typing');
    const node = { id: 'log', kind: 'core.LogMessage', position: { x: 200, y: 100 }, config: { message: 'mine' } };
    store.getState().load({ ...doc, nodes: [...doc.nodes, node] }, 'ACT_Typing');
    store.getState().select(['log']);
    const { container } = renderInEditor(store, <PropertyPanel />);

    // The editor's code is still loading: the stand-in text area is what a fast typist reaches first.
    const standIn = container.querySelector<HTMLTextAreaElement>('textarea[data-placeholder-editor][aria-label^="Message"]');
    expect(standIn).not.toBeNull();
    act(() => {
      standIn!.focus();
      fireEvent.change(standIn!, { target: { value: 'mine, edited' } });
      standIn!.setSelectionRange(4, 4);
    });

    // The editor's code is a chunk of its own: on a loaded machine it takes longer than waitFor's 1 s
    // default, and the editor may mount a render after its stand-in is gone.
    await waitFor(
      () => {
        expect(container.querySelector('[data-placeholder-editor]')).toBeNull();
        const content = container.querySelector<HTMLElement>('.cm-content[aria-label^="Message"]');
        expect(content?.textContent).toBe('mine, edited');
        expect(content?.contains(content.ownerDocument.activeElement)).toBe(true);
      },
      { timeout: 10_000 },
    );
    expect(store.getState().document.nodes.find((n) => n.id === 'log')?.config.message).toBe('mine, edited');
  });
});
