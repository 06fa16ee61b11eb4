/**
 * Brings the open flow's recent runs from the server into the Runs dock (callback runs started by events
 * before the editor opened included), and fetches a listed run's trace when it is shown.
 */
import { useEffect } from 'react';
import { api, type RunRecord } from '../api/client';
import { useEditorStore } from '../store/use-editor';

/** Loads the recent runs of `flow` once per flow opened; live runs keep arriving over the stream. */
export function useRunHistory(flow: string, activeRun: RunRecord | undefined): void {
  const editor = useEditorStore();
  useEffect(() => {
    let cancelled = false;
    void api
      .listRuns({ flow, limit: 20 })
      .then((runs) => {
        if (cancelled) return;
        const { updateRun } = editor.getState();
        // Oldest first, so each lands in front of the older ones; a run the store already has is kept as it is.
        for (const summary of [...runs].reverse()) updateRun(summary.id, (r) => r, () => ({ ...summary, logs: [], trace: [] }));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [editor, flow]);
  useRunTrace(activeRun);
}

/** Fetches the trace of a finished run listed without one (lists carry summaries), once it is shown; true while it is missing. */
export function useRunTrace(run: RunRecord | undefined): boolean {
  const editor = useEditorStore();
  const needsTrace = run && run.status !== 'running' && run.trace.length === 0 ? run.id : null;
  useEffect(() => {
    if (!needsTrace) return;
    void api
      .getRun(needsTrace)
      .then((full) => editor.getState().updateRun(full.id, () => full, () => full))
      .catch(() => undefined);
  }, [editor, needsTrace]);
  return needsTrace !== null;
}
