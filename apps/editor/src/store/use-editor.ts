/** Components reach the store of the editor they are mounted in through React context, as xyflow does. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { EditorState, EditorStore } from './editor-store';

/** The store of the surrounding editor; provided by EditorAppProvider. */
export const EditorStoreContext = createContext<EditorStore | null>(null);

/** The store of the editor this component is mounted in. */
export function useEditorStore(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditor was called outside an editor: wrap the component in <EditorAppProvider>.');
  return store;
}

/** Reads (and subscribes to) a slice of the surrounding editor's state. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}
