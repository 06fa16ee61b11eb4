/** Runs of this session, newest first; the selected one lights up its path on the canvas. */
import type { StateCreator } from 'zustand';
import type { RunRecord } from '../api/client';
import type { EditorState } from './editor-store';

export interface RunsSlice {
  runs: RunRecord[];
  activeRunId: string | null;
  addRun(run: RunRecord): void;
  showRun(id: string | null): void;
}

export const createRunsSlice: StateCreator<EditorState, [], [], RunsSlice> = (set, get) => ({
  runs: [],
  activeRunId: null,
  addRun: (run) => set({ runs: [run, ...get().runs.filter((r) => r.id !== run.id)].slice(0, 50), activeRunId: run.id }),
  showRun: (activeRunId) => set({ activeRunId }),
});
