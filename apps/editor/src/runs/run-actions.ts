/**
 * Running flows with typed parameters: the toolbar's Run, and re-running a past run's inputs against the
 * current document. The server runs saved flows only, so unsaved changes are saved first (after asking).
 */
import { api, ApiError, type RunRecord } from '../api/client';
import { rememberRunInputs, runInputs } from './run-inputs';
import { rememberSampleInput } from './sample-inputs';
import { askRunParameters } from './RunParametersDialog';
import type { EditorStore } from '../store/editor-store';
import type { Route } from '../navigation/routes';

/** What the run actions call in other action modules (bound by createEditorApp). */
export interface RunActionDeps {
  navigate(route: Route): Promise<boolean>;
  saveFlow(): Promise<boolean>;
}

/** The inputs `run` was started with: from its record, this tab's memory, or the server's full record. */
export async function knownInputs(run: RunRecord): Promise<Record<string, unknown> | undefined> {
  return run.parameters ?? runInputs(run.id) ?? (await api.getRun(run.id).then((full) => full.parameters, () => undefined));
}

/** The run actions of one editor. */
export function createRunActions(editor: EditorStore, { navigate, saveFlow }: RunActionDeps) {
  const store = () => editor.getState();

  /** Starts a run of the saved flow and shows it; answers the record, or null when the server refused. */
  async function start(flow: string, parameters: Record<string, unknown>): Promise<RunRecord | null> {
    store().setStatus('Running…');
    try {
      const record = await api.runFlow(flow, parameters);
      rememberRunInputs(record.id, parameters);
      store().addRun(record);
      store().setDockTab('runs');
      store().setStatus(`Run ${record.status}`);
      return record;
    } catch (error) {
      store().setDockTab('problems');
      store().setStatus(error instanceof ApiError ? `Run refused: ${error.message}` : `Run failed: ${(error as Error).message}`);
      return null;
    }
  }

  /** Saves when needed, asks for typed parameter values (prefilled with `initial`) and runs the open flow. */
  async function runWithParameters(initial: Record<string, unknown> = {}, note?: string): Promise<RunRecord | null> {
    if ((store().dirty || store().flowName === null) && !(await saveFlow())) return null;
    const { document } = store();
    let parameters: Record<string, unknown> = {};
    if (document.parameters.length > 0) {
      const answer = await askRunParameters(document.name, document.parameters, initial, note);
      if (!answer) return null;
      parameters = answer;
      rememberSampleInput(document.name, parameters);
    }
    return start(document.name, parameters);
  }

  /**
   * Runs the open flow again with the inputs of `run`. Unsaved changes are what the person wants to try, so
   * they are saved first — after asking, since that replaces the saved version events and other runs use.
   */
  async function rerun(run: RunRecord): Promise<RunRecord | null> {
    if (store().dirty) {
      const answer = await store().ask({
        title: 'Save before re-running?',
        message: `The server runs the saved version of "${store().document.name}". Save your changes now and run them with this run's inputs? (Event callbacks will use the saved version too.)`,
        buttons: [
          { id: 'cancel', label: 'Cancel' },
          { id: 'save', label: 'Save and run', primary: true },
        ],
      });
      if (answer?.button !== 'save') return null;
    }
    const inputs = await knownInputs(run);
    const note = inputs
      ? `Inputs of run ${run.id.slice(0, 8)}, against the current version of the flow.`
      : `The inputs of run ${run.id.slice(0, 8)} are not known (a run recorded before runs kept their parameters); enter them.`;
    return runWithParameters(inputs ?? {}, note);
  }

  /** Opens `flow` and shows its run `runId` in the Runs dock, lit on the canvas (e.g. from the inbox). */
  async function openRun(flow: string, runId: string): Promise<void> {
    if (!(await navigate({ kind: 'flow', name: flow }))) return;
    try {
      const record = await api.getRun(runId);
      store().addRun(record);
      store().setDockTab('runs');
    } catch (error) {
      store().setStatus(`Could not open run ${runId}: ${(error as Error).message}`);
    }
  }

  return { runWithParameters, rerun, openRun };
}
