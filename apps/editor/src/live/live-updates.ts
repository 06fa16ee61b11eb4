/**
 * Live updates from the server's event stream (`/api/stream`): runs appear in the Runs tab while they
 * run (callback runs started by events included), their path lights up step by step, and an open
 * inbox view reloads when events arrive.
 */
import { api, storedToken, type LogLine, type RunRecord, type RunSummary } from '../api/client';
import type { DebugArm, DebugSession } from '@flowbridge/api-schema';
import { reloadDebugger } from '../debugger/debug-slice';
import type { EditorStore } from '../store/editor-store';

type Step = RunRecord['trace'][number];

// A step or log line can arrive before its run.started; the placeholder is corrected when that comes.
const empty = (id: string, flow: string): (() => RunRecord) => () => ({ id, flow, status: 'running', trigger: 'manual', startedAt: new Date().toISOString(), logs: [], trace: [] });

/** Applies one stream message to `editor`'s store; exported for tests. */
export function applyLiveEvent(editor: EditorStore, name: string, data: unknown): void {
  const store = editor.getState();
  switch (name) {
    case 'run.started': {
      const run = data as RunSummary;
      // Trigger and event show at once which runs an event started (the full record follows at the end).
      const { trigger, eventId, startedAt } = run;
      store.updateRun(run.id, (r) => ({ ...r, status: run.status, ...(trigger ? { trigger } : {}), ...(eventId ? { eventId } : {}), ...(startedAt ? { startedAt } : {}) }), empty(run.id, run.flow));
      // A run of the open flow is shown as it happens, unless the person is looking at another one.
      if (run.flow === store.document.name && (store.activeRunId === null || store.runs.find((r) => r.id === store.activeRunId)?.status !== 'running')) store.showRun(run.id);
      break;
    }
    case 'run.step': {
      const { runId, flow, step } = data as { runId: string; flow: string; step: Step };
      store.updateRun(runId, (r) => ({ ...r, trace: [...r.trace, step] }), empty(runId, flow));
      break;
    }
    case 'run.log': {
      const { runId, flow, line } = data as { runId: string; flow: string; line: LogLine };
      store.updateRun(runId, (r) => ({ ...r, logs: [...r.logs, line] }), empty(runId, flow));
      break;
    }
    case 'run.finished': {
      const run = data as RunSummary;
      store.updateRun(run.id, (r) => ({ ...r, status: run.status, ...(run.error ? { error: run.error } : {}) }), empty(run.id, run.flow));
      // The summary leaves out the result; the full record has it (and the complete trace).
      void api
        .getRun(run.id)
        .then((full) => editor.getState().updateRun(run.id, () => full, () => full))
        .catch(() => undefined);
      break;
    }
    case 'inbox.changed':
      store.inboxChanged();
      break;
    case 'debug.session':
      store.applyDebugSession(data as DebugSession);
      break;
    case 'debug.arms':
      store.setDebugArms((data as { arms: DebugArm[] }).arms);
      break;
    case 'resync':
      // The server no longer has what this tab missed: reload what it shows instead of trusting it.
      store.inboxChanged();
      void reloadDebugger(editor);
      for (const run of store.runs.filter((r) => r.status === 'running')) {
        void api
          .getRun(run.id)
          .then((full) => editor.getState().updateRun(run.id, () => full, () => full))
          .catch(() => undefined);
      }
      break;
  }
}

/** The stream's URL; `lastEventId` resumes after that message when the browser cannot send the header itself. */
export function streamUrl(token: string | null | undefined, lastEventId?: string): string {
  const query = [token ? `access_token=${encodeURIComponent(token)}` : '', lastEventId ? `lastEventId=${encodeURIComponent(lastEventId)}` : ''].filter(Boolean).join('&');
  return `/api/stream${query ? `?${query}` : ''}`;
}

const RECONNECT_MS = 3000;

/**
 * Opens the stream. EventSource reconnects by itself after a dropped connection and sends
 * `Last-Event-ID`, so the server replays what was missed; when the server refuses a reconnect
 * (EventSource then gives up), a new one is opened after a pause, resuming from the last id seen.
 */
export function startLiveUpdates(editor: EditorStore): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const names = ['run.started', 'run.step', 'run.log', 'run.finished', 'inbox.changed', 'debug.session', 'debug.arms', 'resync'];
  const setLive = editor.getState().setLive;
  let lastEventId: string | undefined;
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const listener = (event: MessageEvent<string>) => {
    if (event.lastEventId) lastEventId = event.lastEventId;
    try {
      applyLiveEvent(editor, event.type, JSON.parse(event.data) as unknown);
    } catch {
      // A malformed message is dropped; the next run or inbox change brings the view up to date.
    }
  };
  const open = () => {
    const current = new EventSource(streamUrl(storedToken(), lastEventId));
    source = current;
    for (const name of names) current.addEventListener(name, listener as EventListener);
    setLive('connecting');
    current.onopen = () => setLive('open');
    current.onerror = () => {
      if (current.readyState !== EventSource.CLOSED) return setLive('connecting');
      setLive('off');
      if (!stopped) retry = setTimeout(open, RECONNECT_MS);
    };
  };
  open();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    source?.close();
    setLive('off');
  };
}
