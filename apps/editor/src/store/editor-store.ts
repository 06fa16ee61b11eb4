/**
 * The editor's state, one zustand store made of slices: document (+ undo history), selection,
 * clipboard, workspace (flows, constants, catalogue), runs and UI. Slices call plain document modules;
 * components read the store and call its actions.
 */
import { createStore, type StoreApi } from 'zustand';
import { createClipboardSlice, type ClipboardSlice } from './clipboard-slice';
import { createDebugSlice, type DebugSlice } from '../debugger/debug-slice';
import { createDocumentSlice, type DocumentSlice } from './document-slice';
import { createRunsSlice, type RunsSlice } from './runs-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';
import { createRefactorSlice, type RefactorSlice } from '../refactor/refactor-slice';

export type EditorState = DocumentSlice & SelectionSlice & ClipboardSlice & WorkspaceSlice & RunsSlice & UiSlice & RefactorSlice & DebugSlice;

/** One editor's store; the app makes one per mounted editor (see app/editor-app.ts), tests make their own. */
export type EditorStore = StoreApi<EditorState>;

/** Creates an editor store; nothing in the editor keeps one at module level. */
export function createEditorStore(): EditorStore {
  return createStore<EditorState>()((...a) => ({
    ...createWorkspaceSlice(...a),
    ...createDocumentSlice(...a),
    ...createSelectionSlice(...a),
    ...createClipboardSlice(...a),
    ...createRunsSlice(...a),
    ...createUiSlice(...a),
    ...createRefactorSlice(...a),
    ...createDebugSlice(...a),
  }));
}
