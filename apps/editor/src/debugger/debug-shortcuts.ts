/** The debugger's keys, as in most IDEs: F9 breakpoint, F5 continue (or debug), F10 step over, F11 step into, Shift+F11 step out. */
import type { EditorStore } from '../store/editor-store';
import type { DebugActions } from './debug-actions';
import { followedSession } from './debug-slice';

export type DebugKey = 'toggleBreakpoint' | 'continueOrDebug' | 'stepOver' | 'stepInto' | 'stepOut';

/** The debugger action a key press means, or null. */
export function debugKeyFor(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): DebugKey | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'F9':
      return e.shiftKey ? null : 'toggleBreakpoint';
    case 'F5':
      return e.shiftKey ? null : 'continueOrDebug';
    case 'F10':
      return e.shiftKey ? null : 'stepOver';
    case 'F11':
      return e.shiftKey ? 'stepOut' : 'stepInto';
    default:
      return null;
  }
}

/** Listens for the debugger's keys while a flow is shown; answers the function that stops listening. */
export function installDebugShortcuts(editor: EditorStore, actions: DebugActions): () => void {
  const onKey = (e: KeyboardEvent) => {
    const state = editor.getState();
    if (state.dialog || state.view.kind !== 'flow') return;
    const key = debugKeyFor(e);
    if (!key) return;
    // F5 would reload the page and F11 go full screen: in the flow view they belong to the debugger.
    e.preventDefault();
    const paused = followedSession(state)?.status === 'paused';
    switch (key) {
      case 'toggleBreakpoint':
        return actions.toggleBreakpointsOnSelection();
      case 'continueOrDebug':
        return void (paused ? actions.debugCommand('continue') : actions.debugFlow());
      case 'stepOver':
        return void actions.debugCommand('stepOver');
      case 'stepInto':
        return void actions.debugCommand('stepInto');
      case 'stepOut':
        return void actions.debugCommand('stepOut');
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
