/** What is selected on the canvas: nodes and annotations by id, and edges. */
import type { StateCreator } from 'zustand';
import type { EditorState } from './editor-store';

export interface SelectionSlice {
  /** Selected node and annotation ids, in selection order (the last one is shown in the panel). */
  selection: string[];
  selectedEdges: string[];
  select(ids: string[], edges?: string[]): void;
  /** Adds or removes one element (Shift-click). */
  toggle(id: string): void;
  selectAll(): void;
  /** Drops ids that no longer exist (after undo, delete...). */
  pruneSelection(): void;
}

export const createSelectionSlice: StateCreator<EditorState, [], [], SelectionSlice> = (set, get) => ({
  selection: [],
  selectedEdges: [],
  select: (selection, selectedEdges = []) => set({ selection, selectedEdges }),
  toggle: (id) => {
    const current = get().selection;
    set({ selection: current.includes(id) ? current.filter((s) => s !== id) : [...current, id] });
  },
  selectAll: () => {
    const { document } = get();
    set({ selection: [...document.nodes.map((n) => n.id), ...document.annotations.map((a) => a.id)], selectedEdges: document.edges.map((e) => e.id) });
  },
  pruneSelection: () => {
    const { document, selection, selectedEdges } = get();
    const ids = new Set([...document.nodes.map((n) => n.id), ...document.annotations.map((a) => a.id)]);
    const edges = new Set(document.edges.map((e) => e.id));
    const keptNodes = selection.filter((s) => ids.has(s));
    const keptEdges = selectedEdges.filter((s) => edges.has(s));
    if (keptNodes.length !== selection.length || keptEdges.length !== selectedEdges.length) set({ selection: keptNodes, selectedEdges: keptEdges });
  },
});
