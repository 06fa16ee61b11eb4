/** The open document, its undo history, its problems and whether it differs from what the server has. */
import type { StateCreator } from 'zustand';
import { createEmptyFlow, type FlowDocument, type Problem } from '@flowbridge/flow-model';
import { closeGroup, emptyHistory, record, redo, undo, type History } from '../document/history';
import { awaitValidator, loadedValidator } from '../validation/validator';
import type { EditorState } from './editor-store';

/** Above this many nodes, validation runs after a short pause instead of on every change (keeps drags smooth). */
const SYNC_VALIDATION_LIMIT = 300;
let validationTimer: ReturnType<typeof setTimeout> | undefined;

export interface DocumentSlice {
  document: FlowDocument;
  /** The name the document is saved under on the server; null for a draft never saved. */
  flowName: string | null;
  /** The server's version tag of what was loaded or last saved, sent back on save. */
  etag: string | null;
  dirty: boolean;
  problems: Problem[];
  history: History;
  /** Counts loads, so the canvas can fit a newly opened flow into view. */
  loadSerial: number;
  /** Applies a document command; every change goes through here so it can be undone. `group` merges one gesture's changes. */
  apply(change: (document: FlowDocument) => FlowDocument, options?: { group?: string }): void;
  undo(): void;
  redo(): void;
  /** Ends the current gesture (drag, typing), so the next change undoes separately. */
  endGesture(): void;
  /** Shows a document read from the server (or a fresh draft when `flowName` is null). */
  load(document: FlowDocument, flowName: string | null, etag?: string | null): void;
  markSaved(flowName: string, etag: string | null, problems?: Problem[]): void;
  revalidate(): void;
}

export const createDocumentSlice: StateCreator<EditorState, [], [], DocumentSlice> = (set, get) => {
  let awaitingValidator = false;
  /** The document's problems, or undefined while the validator's code is still on its way (they are set when it arrives). */
  const problemsOf = (document: FlowDocument): Problem[] | undefined => {
    const validator = loadedValidator();
    if (validator) return validator(document, get().catalogue, get().workspaceBindings, get().flowName);
    // A fetch that failed is tried again here, once fetching is allowed.
    const arrived = awaitValidator();
    if (!awaitingValidator) {
      awaitingValidator = true;
      // Whatever changed meanwhile, the problems that arrive are those of the document open then.
      void arrived.then(() => {
        awaitingValidator = false;
        set({ problems: problemsOf(get().document) ?? [] });
      });
    }
    return undefined;
  };
  const scheduleValidation = (document: FlowDocument) => {
    clearTimeout(validationTimer);
    if (document.nodes.length <= SYNC_VALIDATION_LIMIT) return problemsOf(document);
    validationTimer = setTimeout(() => {
      const problems = problemsOf(get().document);
      if (problems) set({ problems });
    }, 150);
    return undefined;
  };
  const draft = createEmptyFlow('ACT_NewFlow');
  return {
    document: draft,
    flowName: null,
    etag: null,
    dirty: false,
    problems: [],
    history: emptyHistory,
    loadSerial: 0,
    apply: (change, options) => {
      const state = get();
      const document = change(state.document);
      if (document === state.document) return;
      const problems = scheduleValidation(document);
      set({ document, dirty: true, history: record(state.history, state.document, options?.group ?? null), ...(problems ? { problems } : {}) });
    },
    undo: () => {
      const state = get();
      const step = undo(state.history, state.document);
      if (!step) return;
      const problems = scheduleValidation(step.document);
      set({ document: step.document, history: step.history, dirty: true, ...(problems ? { problems } : {}) });
      get().pruneSelection();
    },
    redo: () => {
      const state = get();
      const step = redo(state.history, state.document);
      if (!step) return;
      const problems = scheduleValidation(step.document);
      set({ document: step.document, history: step.history, dirty: true, ...(problems ? { problems } : {}) });
      get().pruneSelection();
    },
    endGesture: () => set({ history: closeGroup(get().history) }),
    load: (document, flowName, etag = null) => {
      // A big flow is drawn first and validated right after, so opening it is not held up by validation.
      const problems = scheduleValidation(document) ?? [];
      set({ document, flowName, etag, dirty: false, history: emptyHistory, problems, selection: [], selectedEdges: [], loadSerial: get().loadSerial + 1 });
    },
    markSaved: (flowName, etag) => set({ flowName, etag, dirty: false }),
    revalidate: () => {
      const problems = problemsOf(get().document);
      if (problems) set({ problems });
    },
  };
};
