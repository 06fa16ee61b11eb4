/**
 * Undo/redo history of a document: a list of earlier and later documents. Documents are immutable and
 * share structure, so keeping whole documents is cheap and makes every change undoable the same way.
 */
import type { FlowDocument } from '@flowbridge/flow-model';

/** How many steps back the history reaches. */
export const HISTORY_LIMIT = 200;

export interface History {
  past: readonly FlowDocument[];
  future: readonly FlowDocument[];
  /**
   * The key of the last recorded change. A change with the same key replaces that step instead of
   * adding one, so typing in a field or dragging a node undoes as one step.
   */
  groupKey: string | null;
}

export const emptyHistory: History = { past: [], future: [], groupKey: null };

/** Records that `before` was replaced by a new document; `groupKey` merges consecutive changes of one gesture. */
export function record(history: History, before: FlowDocument, groupKey: string | null = null): History {
  if (groupKey !== null && groupKey === history.groupKey && history.past.length > 0) return { ...history, future: [] };
  const past = [...history.past, before];
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, future: [], groupKey };
}

/** Steps back: the document to show and the new history, or null when there is nothing to undo. */
export function undo(history: History, current: FlowDocument): { document: FlowDocument; history: History } | null {
  const document = history.past[history.past.length - 1];
  if (!document) return null;
  return { document, history: { past: history.past.slice(0, -1), future: [current, ...history.future], groupKey: null } };
}

/** Steps forward again after an undo, or null when there is nothing to redo. */
export function redo(history: History, current: FlowDocument): { document: FlowDocument; history: History } | null {
  const [document, ...future] = history.future;
  if (!document) return null;
  return { document, history: { past: [...history.past, current], future, groupKey: null } };
}

/** Ends the current gesture, so the next change is a step of its own. */
export function closeGroup(history: History): History {
  return history.groupKey === null ? history : { ...history, groupKey: null };
}
