/** Makes one editor instance (store and actions) available to the components below it. */
import type { ReactNode } from 'react';
import { EditorStoreContext } from '../store/use-editor';
import type { EditorApp } from './editor-app';
import { EditorActionsContext } from './use-actions';

export function EditorAppProvider({ app, children }: { app: EditorApp; children: ReactNode }) {
  return (
    <EditorStoreContext.Provider value={app.store}>
      <EditorActionsContext.Provider value={app.actions}>{children}</EditorActionsContext.Provider>
    </EditorStoreContext.Provider>
  );
}
