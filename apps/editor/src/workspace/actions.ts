/**
 * What the explorer, toolbar and keyboard ask for: open, save, run, create, rename, duplicate, delete.
 * Each action talks to the server through the API client, updates the store and reports in the status line.
 */
import { checkFlowName, createEmptyFlow, type FlowDocument } from '@flowbridge/flow-model';
import { api, ApiError } from '../api/client';
import { useEditor } from '../store/editor-store';
import { navigate } from '../navigation/navigation';
import { runWithParameters } from '../runs/run-actions';

const store = () => useEditor.getState();

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
      check: (name) => checkFlowName(name) ?? (taken.has(name) && name !== allowExisting ? `A flow named "${name}" already exists; choose another name.` : null),
    },
    buttons: [
      { id: 'cancel', label: 'Cancel' },
      { id: 'ok', label: 'OK', primary: true },
    ],
  });
  return answer?.button === 'ok' ? answer.value.trim() : null;
}

/** Loads a flow from the server into the canvas. */
export async function openFlow(name: string): Promise<boolean> {
  try {
    const { document, etag } = await api.getFlow(name);
    // Marks for the canvas benchmark (e2e/tests/editor-bench.spec.ts): fetched, then in the store.
    performance.mark('flowbridge:flow-fetched');
    store().load(document, name, etag);
    performance.mark('flowbridge:flow-loaded');
    store().setView({ kind: 'flow' });
    store().setStatus('');
    return true;
  } catch (error) {
    store().setStatus(`Could not open "${name}": ${describe(error)}`);
    return false;
  }
}

/** Saves the open document; a draft is saved under its name. Answers whether it was saved. */
export async function saveFlow(): Promise<boolean> {
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
    else useEditor.setState({ flowName: document.name, etag: saved.etag });
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
  useEditor.setState({ etag: null });
  return saveFlow();
}

/** Saves, asks for typed parameter values when the flow has parameters, runs it on the server and shows the run. */
export async function runFlow(): Promise<void> {
  await runWithParameters();
}

/** Asks for a name, creates an empty flow on the server and opens it. */
export async function createFlow(prefix = 'ACT_'): Promise<void> {
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
export async function createCallbackFlow(parameterType: string): Promise<string | null> {
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

/** Renames a flow on the server; the open document follows when it is the one renamed. */
export async function renameFlow(name: string): Promise<void> {
  const newName = await askNewName(`Rename ${name}`, name, name);
  if (!newName || newName === name) return;
  try {
    if (store().flowName === name && store().dirty && !(await saveFlow())) return;
    await api.renameFlow(name, newName);
    await store().refreshFlows();
    if (store().flowName === name) {
      await openFlow(newName);
      navigate({ kind: 'flow', name: newName }, { replace: true, force: true });
    }
    store().setStatus(`Renamed ${name} to ${newName}`);
  } catch (error) {
    store().setStatus(`Could not rename "${name}": ${describe(error)}`);
  }
}

/** Copies a flow under a new name. */
export async function duplicateFlow(name: string): Promise<void> {
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

/** Deletes a flow after confirmation; when it was open, a new draft takes its place. */
export async function deleteFlow(name: string): Promise<void> {
  const answer = await store().ask({
    title: `Delete ${name}?`,
    message: `The flow "${name}" is deleted from the workspace. Flows that call it will show a problem.`,
    buttons: [
      { id: 'cancel', label: 'Cancel' },
      { id: 'delete', label: 'Delete', danger: true },
    ],
  });
  if (answer?.button !== 'delete') return;
  try {
    await api.deleteFlow(name);
    await store().refreshFlows();
    if (store().flowName === name) navigate({ kind: 'draft' }, { force: true });
    store().setStatus(`Deleted ${name}`);
  } catch (error) {
    store().setStatus(`Could not delete "${name}": ${describe(error)}`);
  }
}
