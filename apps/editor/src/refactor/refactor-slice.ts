/** Refactoring UI state: the Usages list, the list dialog (rename preview, delete refusal) and start-up health. */
import type { StateCreator } from 'zustand';
import type { EditorState } from '../store/editor-store';
import type { Reference, StartupStatus } from './refactor-api';

/** One line of a list dialog. */
export interface ListItem {
  key: string;
  text: string;
  detail?: string;
}

/** A modal with a list (what a rename changes, what uses a flow) and buttons; resolves with the button id, or null. */
export interface ListDialogRequest {
  title: string;
  intro: string;
  items: ListItem[];
  /** Shown under the list, e.g. what happens next. */
  outro?: string;
  buttons: Array<{ id: string; label: string; primary?: boolean; danger?: boolean }>;
  resolve(button: string | null): void;
}

/** The Usages panel: what was looked up and what refers to it. */
export interface UsagesState {
  title: string;
  references: Reference[];
  loading: boolean;
  error?: string;
}

export interface RefactorSlice {
  usages: UsagesState | null;
  listDialog: ListDialogRequest | null;
  startup: StartupStatus | null;
  /** Event type bindings across the workspace (from the server's index), for the open flow's cross-flow problems. */
  workspaceBindings: Reference[];
  setWorkspaceBindings(bindings: Reference[]): void;
  setUsages(usages: UsagesState | null): void;
  setStartup(startup: StartupStatus | null): void;
  /** Opens a list dialog; resolves when it is closed. */
  askList(request: Omit<ListDialogRequest, 'resolve'>): Promise<string | null>;
  closeList(button: string | null): void;
}

export const createRefactorSlice: StateCreator<EditorState, [], [], RefactorSlice> = (set, get) => ({
  usages: null,
  listDialog: null,
  startup: null,
  workspaceBindings: [],
  setWorkspaceBindings: (workspaceBindings) => {
    set({ workspaceBindings });
    get().revalidate();
  },
  setUsages: (usages) => set({ usages }),
  setStartup: (startup) => set({ startup }),
  askList: (request) =>
    new Promise((resolve) => {
      get().listDialog?.resolve(null);
      set({ listDialog: { ...request, resolve } });
    }),
  closeList: (button) => {
    const dialog = get().listDialog;
    set({ listDialog: null });
    dialog?.resolve(button);
  },
});
