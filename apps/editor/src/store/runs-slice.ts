/** Runs of this session, newest first; the selected one lights up its path on the canvas. */
import type { StateCreator } from 'zustand';
import type { RunRecord } from '../api/client';
import type { EditorState } from './editor-store';

export interface RunsSlice {
  runs: RunRecord[];
  activeRunId: string | null;
  addRun(run: RunRecord): void;
  /** Applies a live update to a run (creating it when it is new), without changing which run is shown. */
  updateRun(id: string, update: (run: RunRecord) => RunRecord, create: () => RunRecord): void;
  showRun(id: string | null): void;
}

export const createRunsSlice: StateCreator<EditorState, [], [], RunsSlice> = (set, get) => ({
  runs: [],
  activeRunId: null,
  addRun: (run) => set({ runs: [run, ...get().runs.filter((r) => r.id !== run.id)].slice(0, 50), activeRunId: run.id }),
  showRun: (activeRunId) => set({ activeRunId }),
  updateRun: (id, update, create) => {
    const runs = get().runs;
    const existing = runs.find((r) => r.id === id);
    const next = update(existing ?? create());
    set({ runs: existing ? runs.map((r) => (r.id === id ? next : r)) : [next, ...runs].slice(0, 50) });
  },
});
