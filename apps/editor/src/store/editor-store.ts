/**
 * The editor's state, one zustand store made of slices: document (+ undo history), selection,
 * clipboard, workspace (flows, constants, catalogue), runs and UI. Slices call plain document modules;
 * components read the store and call its actions.
 */
import { create } from 'zustand';
import { createClipboardSlice, type ClipboardSlice } from './clipboard-slice';
import { createDocumentSlice, type DocumentSlice } from './document-slice';
import { createRunsSlice, type RunsSlice } from './runs-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';

export type EditorState = DocumentSlice & SelectionSlice & ClipboardSlice & WorkspaceSlice & RunsSlice & UiSlice;

/** Creates a store; the app uses the one below, tests make their own. */
export function createEditorStore() {
  return create<EditorState>()((...a) => ({
    ...createWorkspaceSlice(...a),
    ...createDocumentSlice(...a),
    ...createSelectionSlice(...a),
    ...createClipboardSlice(...a),
    ...createRunsSlice(...a),
    ...createUiSlice(...a),
  }));
}

export const useEditor = createEditorStore();
