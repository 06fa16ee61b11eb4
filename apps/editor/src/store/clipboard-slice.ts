/** Copy, cut and paste through the store; the clipboard is kept in localStorage so it reaches other flows and tabs. */
import type { StateCreator } from 'zustand';
import { copyFragment, parseFragment, pasteFragment, type Fragment } from '../document/clipboard';
import { remove } from '../document/commands';
import type { EditorState } from './editor-store';

const CLIPBOARD_KEY = 'flowbridge.clipboard';

export interface ClipboardSlice {
  clipboard: Fragment | null;
  /** Copies the selection; answers how many elements were copied. */
  copy(): number;
  cut(): number;
  /** Pastes the clipboard (at a flow position when given) and selects what was pasted. */
  paste(at?: { x: number; y: number }): number;
  deleteSelection(): void;
}

function readStoredClipboard(): Fragment | null {
  try {
    const text = localStorage.getItem(CLIPBOARD_KEY);
    return text ? parseFragment(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}

export const createClipboardSlice: StateCreator<EditorState, [], [], ClipboardSlice> = (set, get) => ({
  clipboard: null,
  copy: () => {
    const { document, selection, catalogue } = get();
    const fragment = copyFragment(document, new Set(selection), catalogue);
    if (!fragment) return 0;
    set({ clipboard: fragment });
    try {
      localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(fragment));
    } catch {
      // A full or disabled localStorage only loses the cross-tab copy; the in-memory one still works.
    }
    return fragment.nodes.length + fragment.annotations.length;
  },
  cut: () => {
    const count = get().copy();
    if (count) get().deleteSelection();
    return count;
  },
  paste: (at) => {
    const fragment = readStoredClipboard() ?? get().clipboard;
    if (!fragment) return 0;
    let pasted: string[] = [];
    get().apply((d) => {
      const result = pasteFragment(d, fragment, at, get().catalogue);
      pasted = result.ids;
      return result.document;
    });
    set({ selection: pasted, selectedEdges: [] });
    return pasted.length;
  },
  deleteSelection: () => {
    const { selection, selectedEdges, document, catalogue } = get();
    // Start is never deleted: a flow without one cannot run and cannot get one back except by undo.
    const ids = new Set(selection.filter((id) => catalogue.activities.get(document.nodes.find((n) => n.id === id)?.kind ?? '')?.role !== 'start'));
    if (ids.size === 0 && selectedEdges.length === 0) return;
    get().apply((d) => remove(d, ids, new Set(selectedEdges)));
    get().pruneSelection();
  },
});
