/** Components reach the actions of the editor they are mounted in through React context. */
import { createContext, useContext } from 'react';
import type { EditorActions } from './editor-app';

/** The actions of the surrounding editor; provided by EditorAppProvider. */
export const EditorActionsContext = createContext<EditorActions | null>(null);

/** The actions (open, save, run, navigate, ...) of the editor this component is mounted in. */
export function useActions(): EditorActions {
  const actions = useContext(EditorActionsContext);
  if (!actions) throw new Error('useActions was called outside an editor: wrap the component in <EditorAppProvider>.');
  return actions;
}
