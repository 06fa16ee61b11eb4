/** Keyboard shortcuts of the flow view: which key does what, and the listener that runs them. */
import { autoLayout } from '../document/layout';
import { moveNodes } from '../document/commands';
import { viewport } from '../canvas/viewport';
import { useEditor } from '../store/editor-store';
import { runFlow, saveFlow } from '../workspace/actions';

export type ShortcutAction = 'undo' | 'redo' | 'save' | 'run' | 'delete' | 'copy' | 'cut' | 'paste' | 'selectAll' | 'clearSelection' | 'fitView' | 'layout';

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
  if (key === 'Escape') return 'clearSelection';
  if (!mod && !e.altKey && e.shiftKey && key === 'l') return 'layout';
  return null;
}

function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Lays the open flow out left to right as one undoable step. */
export async function layoutFlow(): Promise<void> {
  const state = useEditor.getState();
  const positions = await autoLayout(state.document);
  state.apply((d) => moveNodes(d, positions));
  viewport()?.fitView();
}

/** Runs a shortcut action against the store. */
export function perform(action: ShortcutAction): void {
  const s = useEditor.getState();
  switch (action) {
    case 'undo':
      return s.undo();
    case 'redo':
      return s.redo();
    case 'save':
      return void saveFlow();
    case 'run':
      return void runFlow();
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
    case 'layout':
      return void layoutFlow();
  }
}

/** Listens for shortcuts while the flow view is shown; answers the function that stops listening. */
export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (useEditor.getState().dialog || useEditor.getState().view.kind !== 'flow') return;
    const action = shortcutFor(e, isTextTarget(e.target));
    if (!action) return;
    e.preventDefault();
    perform(action);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
