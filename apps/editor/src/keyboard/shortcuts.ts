/** Keyboard shortcuts of the flow view: which key does what, and the listener that runs them. */
import { autoLayout } from '../document/layout';
import { moveNodes } from '../document/commands';
import { viewport } from '../canvas/viewport';
import type { EditorStore } from '../store/editor-store';

/** The actions shortcuts start that live outside the store. */
export interface ShortcutActions {
  saveFlow(): Promise<boolean>;
  runFlow(): Promise<void>;
}

export type ShortcutAction = 'undo' | 'redo' | 'save' | 'run' | 'delete' | 'copy' | 'cut' | 'paste' | 'selectAll' | 'clearSelection' | 'fitView' | 'fitAll' | 'layout';

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The action a key press means, or null. `inText` is true when the focus is in a text field. */
export function shortcutFor(e: KeyLike, inText: boolean): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  // Save and run work everywhere; the rest belong to the text field while typing.
  if (mod && key === 's') return 'save';
  if (mod && key === 'Enter') return 'run';
  if (inText) return null;
  if (mod && key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (mod && key === 'y') return 'redo';
  if (mod && key === 'c') return 'copy';
  if (mod && key === 'x') return 'cut';
  if (mod && key === 'v') return 'paste';
  if (mod && key === 'a') return 'selectAll';
  if (!mod && !e.altKey && (key === 'Delete' || key === 'Backspace')) return 'delete';
  if (!mod && !e.altKey && !e.shiftKey && key === 'f') return 'fitView';
  if (!mod && !e.altKey && e.shiftKey && key === 'f') return 'fitAll';
  if (key === 'Escape') return 'clearSelection';
  if (!mod && !e.altKey && e.shiftKey && key === 'l') return 'layout';
  return null;
}

function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Lays the open flow out (left to right or top down, as fits it better) as one undoable step. */
export async function layoutFlow(editor: EditorStore): Promise<void> {
  const state = editor.getState();
  const layout = await autoLayout(state.document, viewport()?.size?.() ?? undefined);
  state.apply((d) => moveNodes(d, layout.positions));
  viewport()?.fitView();
}

/** Runs a shortcut action against `editor`. */
export function perform(editor: EditorStore, actions: ShortcutActions, action: ShortcutAction): void {
  const s = editor.getState();
  switch (action) {
    case 'undo':
      return s.undo();
    case 'redo':
      return s.redo();
    case 'save':
      return void actions.saveFlow();
    case 'run':
      return void actions.runFlow();
    case 'delete':
      return s.deleteSelection();
    case 'copy': {
      const n = s.copy();
      return s.setStatus(n ? `Copied ${n} element(s)` : 'Nothing to copy: select activities first.');
    }
    case 'cut':
      return void s.cut();
    case 'paste': {
      const at = viewport()?.pointer() ?? undefined;
      const n = s.paste(at);
      return s.setStatus(n ? `Pasted ${n} element(s)` : 'The clipboard is empty.');
    }
    case 'selectAll':
      return s.selectAll();
    case 'clearSelection':
      return s.select([]);
    case 'fitView':
      return viewport()?.fitView();
    case 'fitAll':
      return viewport()?.fitView({ all: true });
    case 'layout':
      return void layoutFlow(editor);
  }
}

/** Listens for shortcuts while the flow view is shown; answers the function that stops listening. */
export function installShortcuts(editor: EditorStore, actions: ShortcutActions): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (editor.getState().dialog || editor.getState().view.kind !== 'flow') return;
    const action = shortcutFor(e, isTextTarget(e.target));
    if (!action) return;
    e.preventDefault();
    perform(editor, actions, action);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
