/** The editor's state: the open document with its history, the selection, and the last run. */
import { create } from 'zustand';
import { createEmptyFlow, validate, type FlowDocument, type Problem } from '@flowbridge/flow-model';
import { catalogue } from '../catalogue';
import type { RunRecord } from '../api/client';

export interface EditorState {
  document: FlowDocument;
  saved: boolean;
  selection: string | null;
  problems: Problem[];
  lastRun: RunRecord | null;
  status: string;
  /** Applies a document command; every change goes through here so it can be undone. */
  apply(change: (document: FlowDocument) => FlowDocument): void;
  load(document: FlowDocument): void;
  select(id: string | null): void;
  markSaved(): void;
  setRun(run: RunRecord | null): void;
  setStatus(status: string): void;
}

export const useEditor = create<EditorState>((set) => ({
  document: createEmptyFlow('ACT_NewFlow'),
  saved: false,
  selection: null,
  problems: validate(createEmptyFlow('ACT_NewFlow'), catalogue),
  lastRun: null,
  status: '',
  apply: (change) =>
    set((state) => {
      const document = change(state.document);
      if (document === state.document) return state;
      return { document, saved: false, problems: validate(document, catalogue) };
    }),
  load: (document) => set({ document, saved: true, selection: null, problems: validate(document, catalogue), lastRun: null }),
  select: (selection) => set({ selection }),
  markSaved: () => set({ saved: true }),
  setRun: (lastRun) => set({ lastRun }),
  setStatus: (status) => set({ status }),
}));
