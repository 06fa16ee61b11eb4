/** Editor chrome: which view is open, the dock tab, the status line and the one modal dialog. */
import type { StateCreator } from 'zustand';
import type { EditorState } from './editor-store';

export type View = { kind: 'welcome' } | { kind: 'flow' } | { kind: 'constants' } | { kind: 'inbox' } | { kind: 'settings' };

/** A modal question; `resolve` receives the button pressed (and the text, for prompts), or null on cancel. */
export interface DialogRequest {
  title: string;
  message?: string;
  /** With `input`, the dialog asks for a line of text, pre-filled with this. */
  input?: { label: string; value: string; type?: 'text' | 'password'; check?: (value: string) => string | null };
  buttons: Array<{ id: string; label: string; primary?: boolean; danger?: boolean }>;
  resolve(answer: { button: string; value: string } | null): void;
}

export interface UiSlice {
  view: View;
  dockTab: 'problems' | 'runs';
  status: string;
  dialog: DialogRequest | null;
  /** Bumped when the server says the inbox changed, so an open inbox view reloads. */
  inboxVersion: number;
  inboxChanged(): void;
  /** Whether live run updates are flowing from the server. */
  live: 'connecting' | 'open' | 'off';
  setLive(live: 'connecting' | 'open' | 'off'): void;
  setView(view: View): void;
  setDockTab(tab: 'problems' | 'runs'): void;
  setStatus(status: string): void;
  /** Opens a dialog and resolves with the answer once the person closes it. */
  ask(request: Omit<DialogRequest, 'resolve'>): Promise<{ button: string; value: string } | null>;
  closeDialog(answer: { button: string; value: string } | null): void;
}

export const createUiSlice: StateCreator<EditorState, [], [], UiSlice> = (set, get) => ({
  view: { kind: 'flow' },
  dockTab: 'problems',
  status: '',
  dialog: null,
  inboxVersion: 0,
  live: 'off',
  setLive: (live) => set({ live }),
  inboxChanged: () => set({ inboxVersion: get().inboxVersion + 1 }),
  setView: (view) => set({ view }),
  setDockTab: (dockTab) => set({ dockTab }),
  setStatus: (status) => set({ status }),
  ask: (request) =>
    new Promise((resolve) => {
      get().dialog?.resolve(null);
      set({ dialog: { ...request, resolve } });
    }),
  closeDialog: (answer) => {
    const dialog = get().dialog;
    set({ dialog: null });
    dialog?.resolve(answer);
  },
});
