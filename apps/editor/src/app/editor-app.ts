/**
 * One editor instance: its store and the actions bound to it. The action modules call each other
 * (saving navigates, navigating saves, running saves), so they are created here with their
 * dependencies passed in instead of importing one another.
 */
import { createEditorStore, type EditorStore } from '../store/editor-store';
import { createNavigation } from '../navigation/navigation';
import { createRunActions } from '../runs/run-actions';
import { createDebugActions } from '../debugger/debug-actions';
import { createWorkspaceActions } from '../workspace/actions';
import { createRefactorActions } from '../refactor/refactor-actions';

export type EditorActions = ReturnType<typeof createNavigation> &
  ReturnType<typeof createWorkspaceActions> &
  ReturnType<typeof createRunActions> &
  ReturnType<typeof createRefactorActions> &
  ReturnType<typeof createDebugActions>;

/** A store and the actions that work on it. */
export interface EditorApp {
  store: EditorStore;
  actions: EditorActions;
}

/** Creates an editor instance over `store` (a new one unless given). */
export function createEditorApp(store: EditorStore = createEditorStore()): EditorApp {
  // Each action module reaches the others through `actions`, which is complete before any action can run.
  const actions = {} as EditorActions;
  const navigation = createNavigation(store, {
    openFlow: (name) => actions.openFlow(name),
    saveFlow: () => actions.saveFlow(),
  });
  const workspace = createWorkspaceActions(store, {
    navigate: (route, options) => actions.navigate(route, options),
    runWithParameters: () => actions.runWithParameters(),
    renameFlowWithPreview: (name, newName) => actions.renameFlowWithPreview(name, newName),
    deleteFlowChecked: (name) => actions.deleteFlowChecked(name),
  });
  const refactor = createRefactorActions(store, { navigate: (route, options) => actions.navigate(route, options) });
  const runs = createRunActions(store, {
    navigate: (route) => actions.navigate(route),
    saveFlow: () => actions.saveFlow(),
  });
  const debug = createDebugActions(store, {
    navigate: (route) => actions.navigate(route),
    saveFlow: () => actions.saveFlow(),
  });
  Object.assign(actions, navigation, workspace, runs, refactor, debug);
  return { store, actions };
}
