/** Renders a component inside its own editor instance, as the app does; tests then read and set that store. */
import type { ReactElement } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { EditorAppProvider } from '../app/EditorAppProvider';
import { createEditorApp, type EditorApp } from '../app/editor-app';
import type { EditorStore } from '../store/editor-store';

/** Renders `ui` in an editor over `store` (actions bound to it); answers the render result and the editor. */
export function renderInEditor(store: EditorStore, ui: ReactElement): RenderResult & { app: EditorApp } {
  const app = createEditorApp(store);
  return { ...render(<EditorAppProvider app={app}>{ui}</EditorAppProvider>), app };
}
