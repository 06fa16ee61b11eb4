/** The editor's layout: toolbar; explorer and toolbox; canvas or a workspace view; property panel; dock. */
import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { setTokenPrompt } from './api/client';
import { Canvas } from './canvas/Canvas';
import { Dialog } from './dialogs/Dialog';
import { RunParametersDialog } from './runs/RunParametersDialog';
import { Dock } from './dock/Dock';
import { Explorer } from './explorer/Explorer';
import { installShortcuts } from './keyboard/shortcuts';
import { startLiveUpdates } from './live/live-updates';
import { startNavigation } from './navigation/navigation';
import { Palette } from './palette/Palette';
import { PropertyPanel } from './panels/PropertyPanel';
import { useEditor } from './store/editor-store';
import { Toolbar } from './toolbar/Toolbar';
import { ConstantsView } from './views/ConstantsView';
import { InboxView } from './views/InboxView';

/** Asks for the admin token in the editor's dialog the first time the server answers 401. */
async function promptForToken(): Promise<string | null> {
  const answer = await useEditor.getState().ask({
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

export function App() {
  const view = useEditor((s) => s.view);
  const title = useEditor((s) => (s.view.kind === 'flow' ? `${s.dirty ? '● ' : ''}${s.document.name}` : s.view.kind === 'constants' ? 'Constants' : 'Event inbox'));
  useEffect(() => {
    document.title = `${title} — Flowbridge`;
  }, [title]);
  useEffect(() => {
    setTokenPrompt(promptForToken);
    useEditor.getState().revalidate();
    const stopShortcuts = installShortcuts();
    const stopNavigation = startNavigation();
    const stopLive = startLiveUpdates();
    void useEditor.getState().refreshFlows().catch((e: Error) => useEditor.getState().setStatus(`Could not list flows: ${e.message}`));
    void useEditor.getState().refreshConstants();
    return () => {
      stopShortcuts();
      stopNavigation();
      stopLive();
      setTokenPrompt(null);
    };
  }, []);
  return (
    <ReactFlowProvider>
      <div className={`app view-${view.kind}`}>
        <Toolbar />
        <div className="main">
          <div className="sidebar">
            <Explorer />
            {view.kind === 'flow' && <Palette />}
          </div>
          {view.kind === 'flow' && <Canvas />}
          {view.kind === 'flow' && <PropertyPanel />}
          {view.kind === 'constants' && <ConstantsView />}
          {view.kind === 'inbox' && <InboxView />}
        </div>
        {view.kind === 'flow' && <Dock />}
        <Dialog />
        <RunParametersDialog />
      </div>
    </ReactFlowProvider>
  );
}
