/**
 * What the explorer, toolbar and keyboard ask for: open, save, run, create, rename, duplicate, delete.
 * Each action talks to the server through the API client, updates the store and reports in the status line.
 */
import { checkFlowName, createEmptyFlow, type FlowDocument } from '@flowbridge/flow-model';
import { api, ApiError } from '../api/client';
import { loadFlow } from '../api/flow-prefetch';
import type { EditorStore } from '../store/editor-store';
import type { Route } from '../navigation/routes';
import { withoutDoubledPrefix } from './grouping';

/** What the workspace actions call in other action modules (bound by createEditorApp). */
export interface WorkspaceActionDeps {
  navigate(route: Route, options?: { replace?: boolean; force?: boolean }): Promise<boolean>;
  runWithParameters(): Promise<unknown>;
  /** Previews what a flow rename changes and renames on confirmation (refactor actions); true when renamed. */
  renameFlowWithPreview(name: string, newName: string): Promise<boolean>;
  /** Deletes a flow, refusing while it is used unless the person says "Delete anyway"; true when deleted. */
  deleteFlowChecked(name: string): Promise<boolean>;
}

/** The workspace actions of one editor. */
export function createWorkspaceActions(editor: EditorStore, { navigate, runWithParameters, renameFlowWithPreview, deleteFlowChecked }: WorkspaceActionDeps) {
  const store = () => editor.getState();

  function describe(error: unknown): string {
    if (error instanceof ApiError) return error.message;
    return error instanceof Error ? error.message : String(error);
  }

  /** Asks for a flow name that is valid and not taken yet. */
  async function askNewName(title: string, value: string, allowExisting?: string): Promise<string | null> {
    const taken = new Set(store().flows.map((f) => f.name));
    const answer = await store().ask({
      title,
      input: {
        label: 'Flow name',
        value,
        check: (typed) => {
          const name = withoutDoubledPrefix(typed.trim());
          return checkFlowName(name) ?? (taken.has(name) && name !== allowExisting ? `A flow named "${name}" already exists; choose another name.` : null);
        },
      },
      buttons: [
        { id: 'cancel', label: 'Cancel' },
        { id: 'ok', label: 'OK', primary: true },
      ],
    });
    return answer?.button === 'ok' ? withoutDoubledPrefix(answer.value.trim()) : null;
  }

  /** Counts opens, so only the latest one's answer is loaded. */
  let openCount = 0;

  /** Loads a flow from the server into the canvas. */
  async function openFlow(name: string): Promise<boolean> {
    const mine = ++openCount;
    try {
      const { document, etag } = await loadFlow(name);
      // A slower, older open must not replace what a later one loaded (or the edits made since).
      if (mine !== openCount) return false;
      // Marks for the canvas benchmark (e2e/tests/editor-bench.spec.ts): fetched, then in the store.
      performance.mark('flowbridge:flow-fetched');
      store().load(document, name, etag);
      performance.mark('flowbridge:flow-loaded');
      store().setView({ kind: 'flow' });
      store().setStatus('');
      return true;
    } catch (error) {
      if (mine === openCount) store().setStatus(`Could not open "${name}": ${describe(error)}`);
      return false;
    }
  }

  /** Saves the open document; a draft is saved under its name. Answers whether it was saved. */
  async function saveFlow(): Promise<boolean> {
    const { document, flowName, etag } = store();
    const nameProblem = checkFlowName(document.name);
    if (nameProblem) {
      store().setStatus(`Not saved: ${nameProblem}`);
      return false;
    }
    if (flowName === null && store().flows.some((f) => f.name === document.name)) {
      const answer = await store().ask({
        title: 'Replace existing flow?',
        message: `A flow named "${document.name}" already exists. Replace it with this one?`,
        buttons: [
          { id: 'cancel', label: 'Cancel' },
          { id: 'replace', label: 'Replace', danger: true },
        ],
      });
      if (answer?.button !== 'replace') return false;
    }
    try {
      const saved = await api.saveFlow(document.name, document, flowName === document.name ? etag : null);
      // Only mark saved when nothing changed while the request was in flight.
      if (store().document === document) store().markSaved(document.name, saved.etag);
      else editor.setState({ flowName: document.name, etag: saved.etag });
      const count = saved.problems.length;
      store().setStatus(count ? `Saved with ${count} problem(s)` : 'Saved');
      if (flowName === null) navigate({ kind: 'flow', name: document.name }, { replace: true, force: true });
      void store().refreshFlows().catch(() => undefined);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) return resolveConflict(document);
      store().setStatus(`Save failed: ${describe(error)}`);
      return false;
    }
  }

  async function resolveConflict(document: FlowDocument): Promise<boolean> {
    const answer = await store().ask({
      title: 'This flow changed on the server',
      message: `Someone saved "${document.name}" after you opened it. Overwrite their version with yours, or reload theirs (your changes are lost)?`,
      buttons: [
        { id: 'cancel', label: 'Cancel' },
        { id: 'reload', label: 'Reload theirs' },
        { id: 'overwrite', label: 'Overwrite', danger: true },
      ],
    });
    if (answer?.button === 'reload') return openFlow(document.name).then(() => false);
    if (answer?.button !== 'overwrite') {
      store().setStatus('Not saved: the flow changed on the server.');
      return false;
    }
    editor.setState({ etag: null });
    return saveFlow();
  }

  /** Saves, asks for typed parameter values when the flow has parameters, runs it on the server and shows the run. */
  async function runFlow(): Promise<void> {
    await runWithParameters();
  }

  /** Asks for a name, creates an empty flow on the server and opens it. */
  async function createFlow(prefix = 'ACT_'): Promise<void> {
    const name = await askNewName('New flow', prefix);
    if (!name) return;
    try {
      await api.saveFlow(name, createEmptyFlow(name));
      await store().refreshFlows();
      navigate({ kind: 'flow', name });
    } catch (error) {
      store().setStatus(`Could not create "${name}": ${describe(error)}`);
    }
  }

  /** Creates a callback flow taking one parameter of `parameterType` (without opening it); answers its name. */
  async function createCallbackFlow(parameterType: string): Promise<string | null> {
    const name = await askNewName('New callback flow', 'CB_');
    if (!name) return null;
    const document: FlowDocument = { ...createEmptyFlow(name), parameters: [{ name: parameterType, type: parameterType }] };
    try {
      await api.saveFlow(name, document);
      await store().refreshFlows();
      return name;
    } catch (error) {
      store().setStatus(`Could not create "${name}": ${describe(error)}`);
      return null;
    }
  }

  /** Renames a flow and every reference to it (after a preview); the open document follows when it is renamed or refers to it. */
  async function renameFlow(name: string): Promise<void> {
    const newName = await askNewName(`Rename ${name}`, name, name);
    if (!newName || newName === name) return;
    try {
      if (store().dirty && !(await saveFlow())) return;
      if (!(await renameFlowWithPreview(name, newName))) return;
      await store().refreshFlows();
      const open = store().flowName;
      if (open === name) {
        await openFlow(newName);
        navigate({ kind: 'flow', name: newName }, { replace: true, force: true });
      } else if (open !== null && store().view.kind === 'flow') {
        // The open flow may have referred to the renamed one: show it as it is now.
        await openFlow(open);
      }
    } catch (error) {
      store().setStatus(`Could not rename "${name}": ${describe(error)}`);
    }
  }

  /** Copies a flow under a new name. */
  async function duplicateFlow(name: string): Promise<void> {
    const newName = await askNewName(`Duplicate ${name}`, `${name}_Copy`);
    if (!newName) return;
    try {
      await api.duplicateFlow(name, newName);
      await store().refreshFlows();
      store().setStatus(`Duplicated ${name} as ${newName}`);
    } catch (error) {
      store().setStatus(`Could not duplicate "${name}": ${describe(error)}`);
    }
  }

  /** Deletes a flow after confirmation (a used flow only with "Delete anyway"); when it was open, a new draft takes its place. */
  async function deleteFlow(name: string): Promise<void> {
    const answer = await store().ask({
      title: `Delete ${name}?`,
      message: `The flow "${name}" is deleted from the workspace.`,
      buttons: [
        { id: 'cancel', label: 'Cancel' },
        { id: 'delete', label: 'Delete', danger: true },
      ],
    });
    if (answer?.button !== 'delete') return;
    try {
      if (!(await deleteFlowChecked(name))) return;
      await store().refreshFlows();
      if (store().flowName === name) navigate({ kind: 'welcome' }, { force: true });
      store().setStatus(`Deleted ${name}`);
    } catch (error) {
      store().setStatus(`Could not delete "${name}": ${describe(error)}`);
    }
  }

  return { openFlow, saveFlow, runFlow, createFlow, createCallbackFlow, renameFlow, duplicateFlow, deleteFlow };
}
