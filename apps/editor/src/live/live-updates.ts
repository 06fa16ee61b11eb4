/**
 * Live updates from the server's event stream (`/api/stream`): runs appear in the Runs tab while they
 * run (callback runs started by EventBridge included), their path lights up step by step, and an open
 * inbox view reloads when events arrive.
 */
import { api, storedToken, type LogLine, type RunRecord } from '../api/client';
import { useEditor } from '../store/editor-store';

interface RunSummary {
  id: string;
  flow: string;
  status: RunRecord['status'];
  error?: RunRecord['error'];
  trigger?: string;
  eventId?: string;
  startedAt?: string;
}

type Step = RunRecord['trace'][number];

const empty = (id: string, flow: string): (() => RunRecord) => () => ({ id, flow, status: 'running', logs: [], trace: [] });

/** Applies one stream message to the store; exported for tests. */
export function applyLiveEvent(name: string, data: unknown): void {
  const store = useEditor.getState();
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
        .then((full) => useEditor.getState().updateRun(run.id, () => full, () => full))
        .catch(() => undefined);
      break;
    }
    case 'inbox.changed':
      store.inboxChanged();
      break;
  }
}

/** Opens the stream (reconnecting as EventSource does); answers the function that closes it. */
export function startLiveUpdates(): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const token = storedToken();
  const source = new EventSource(`/api/stream${token ? `?access_token=${encodeURIComponent(token)}` : ''}`);
  const names = ['run.started', 'run.step', 'run.log', 'run.finished', 'inbox.changed'];
  const listener = (event: MessageEvent<string>) => {
    try {
      applyLiveEvent(event.type, JSON.parse(event.data) as unknown);
    } catch {
      // A malformed message is dropped; the next run or inbox change brings the view up to date.
    }
  };
  for (const name of names) source.addEventListener(name, listener as EventListener);
  const setLive = useEditor.getState().setLive;
  setLive('connecting');
  source.onopen = () => setLive('open');
  // EventSource reconnects by itself; until then the indicator says so.
  source.onerror = () => setLive(source.readyState === EventSource.CLOSED ? 'off' : 'connecting');
  return () => {
    source.close();
    setLive('off');
  };
}
