/** Shift+F12: Find usages of what the selected node refers to, or of the open flow. */
import type { EditorStore } from '../store/editor-store';

/** Listens for the refactoring shortcuts; answers the function that stops listening. */
export function installRefactorShortcuts(editor: EditorStore, actions: { findUsagesOfSelection(): Promise<void> }): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (editor.getState().dialog || editor.getState().listDialog || editor.getState().view.kind !== 'flow') return;
    if (e.key === 'F12' && e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      void actions.findUsagesOfSelection();
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
