/** The editor's layout: toolbar; explorer and toolbox; canvas or a workspace view; property panel; dock. */
import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { setTokenPrompt } from './api/client';
import { Canvas } from './canvas/Canvas';
import { Dialog } from './dialogs/Dialog';
import { RunParametersDialog } from './runs/RunParametersDialog';
import { Dock } from './dock/Dock';
import { Explorer } from './explorer/Explorer';
import { installShortcuts } from './keyboard/shortcuts';
import { startLiveUpdates } from './live/live-updates';
import { Palette } from './palette/Palette';
import { PropertyPanel } from './panels/PropertyPanel';
import { preloadAfterFirstView } from './lazy/preload';
import { useEditor, useEditorStore } from './store/use-editor';
import type { EditorStore } from './store/editor-store';
import { createEditorApp } from './app/editor-app';
import { EditorAppProvider } from './app/EditorAppProvider';
import { useActions } from './app/use-actions';
import { Toolbar } from './toolbar/Toolbar';
import { DebuggerPanel } from './debugger/DebuggerPanel';
import { installDebugShortcuts } from './debugger/debug-shortcuts';
import { ConstantsView, InboxView, SettingsView, WelcomeView } from './views/workspace-views';
import { ListDialog } from './refactor/ListDialog';
import { StartupBanner } from './refactor/StartupBanner';
import { UsagesPanel } from './refactor/UsagesPanel';
import { installRefactorShortcuts } from './refactor/refactor-shortcuts';

/** Asks for the admin token in `editor`'s dialog the first time the server answers 401. */
async function promptForToken(editor: EditorStore): Promise<string | null> {
  const answer = await editor.getState().ask({
    title: 'Admin token required',
    message: 'This server requires its admin token (FLOWBRIDGE_ADMIN_TOKEN). It is kept for this browser tab only.',
    input: { label: 'Admin token', value: '', type: 'password' },
    buttons: [
      { id: 'cancel', label: 'Cancel' },
      { id: 'ok', label: 'Sign in', primary: true },
    ],
  });
  return answer?.button === 'ok' && answer.value !== '' ? answer.value : null;
}

/** The editor, with its own store and actions, made once per mounted App. */
export function App() {
  const [app] = useState(() => createEditorApp());
  return (
    <EditorAppProvider app={app}>
      <EditorLayout />
    </EditorAppProvider>
  );
}

function EditorLayout() {
  const editor = useEditorStore();
  const actions = useActions();
  const view = useEditor((s) => s.view);
  const flows = useEditor((s) => s.flows);
  // Every save refreshes the flow list: the workspace's event bindings may have changed with it.
  useEffect(() => void actions.refreshBindings(), [flows, actions]);
  const title = useEditor((s) =>
    s.view.kind === 'flow'
      ? `${s.dirty ? '● ' : ''}${s.document.name}`
      : s.view.kind === 'constants'
        ? 'Constants'
        : s.view.kind === 'settings'
          ? 'Settings'
          : s.view.kind === 'welcome'
            ? 'Welcome'
            : 'Event inbox',
  );
  useEffect(() => {
    document.title = `${title} — Flowbridge`;
  }, [title]);
  useEffect(() => {
    setTokenPrompt(() => promptForToken(editor));
    const stopPreload = preloadAfterFirstView(editor);
    editor.getState().revalidate();
    const stopShortcuts = installShortcuts(editor, actions);
    const stopDebugShortcuts = installDebugShortcuts(editor, actions);
    void actions.refreshDebugger();
    const stopRefactorShortcuts = installRefactorShortcuts(editor, actions);
    const stopNavigation = actions.startNavigation();
    const stopLive = startLiveUpdates(editor);
    void editor.getState().refreshFlows().catch((e: Error) => editor.getState().setStatus(`Could not list flows: ${e.message}`));
    void editor.getState().refreshConstants();
    return () => {
      stopShortcuts();
      stopDebugShortcuts();
      stopRefactorShortcuts();
      stopNavigation();
      stopLive();
      stopPreload();
      setTokenPrompt(null);
    };
  }, [editor, actions]);
  return (
    <ReactFlowProvider>
      <div className={`app view-${view.kind}`}>
        <Toolbar />
        <StartupBanner />
        <div className="main">
          <div className="sidebar">
            <Explorer />
            {view.kind === 'flow' && <Palette />}
          </div>
          {view.kind === 'flow' && <Canvas />}
          {view.kind === 'flow' && <PropertyPanel />}
          {view.kind === 'flow' && <DebuggerPanel />}
          {view.kind === 'constants' && <ConstantsView />}
          {view.kind === 'inbox' && <InboxView />}
          {view.kind === 'welcome' && <WelcomeView />}
          {view.kind === 'settings' && <SettingsView />}
          <UsagesPanel />
        </div>
        {view.kind === 'flow' && <Dock />}
        <Dialog />
        <ListDialog />
        <RunParametersDialog />
      </div>
    </ReactFlowProvider>
  );
}
