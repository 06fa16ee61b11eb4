/**
 * Reference-aware actions: Find usages (and going to one), rename with a preview of every change,
 * delete refused while a flow is used (with "Delete anyway"), constant rename, start-up health.
 */
import { ApiError } from '../api/client';
import { viewport } from '../canvas/viewport';
import type { Route } from '../navigation/routes';
import type { EditorStore } from '../store/editor-store';
import { describeEdit, howOf, whereOf } from './describe-reference';
import { refactorApi, type Reference } from './refactor-api';

/** What the refactoring actions call in other action modules (bound by createEditorApp). */
export interface RefactorDeps {
  navigate(route: Route, options?: { replace?: boolean; force?: boolean }): Promise<boolean>;
}

/** The targets the index knows, as Find usages names them. */
export type UsageTarget = { kind: Reference['targetKind']; name: string };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The refactoring actions of one editor. */
export function createRefactorActions(editor: EditorStore, { navigate }: RefactorDeps) {
  const store = () => editor.getState();

  /** Lists what refers to `target` in the Usages panel. */
  async function findUsages(target: UsageTarget): Promise<void> {
    const title = `Usages of ${target.kind === 'eventType' ? 'event type' : target.kind} ${target.name}`;
    store().setUsages({ title, references: [], loading: true });
    try {
      const references = await refactorApi.references(target.kind, target.name);
      store().setUsages({ title, references, loading: false });
      store().setStatus(`${references.length} usage${references.length === 1 ? '' : 's'} of ${target.name}`);
    } catch (error) {
      store().setUsages({ title, references: [], loading: false, error: message(error) });
    }
  }

  /** What Shift+F12 looks up: what the selected node refers to, else the open flow itself. */
  async function selectionTarget(): Promise<UsageTarget | null> {
    // Read before waiting for the code: the target is what was selected when Find usages was asked for.
    const { document, selection, catalogue, flowName } = store();
    const node = document.nodes.find((n) => n.id === selection[selection.length - 1]);
    if (node) {
      const { nodeTarget } = await import('./node-target');
      const target = nodeTarget(document, node, catalogue);
      if (target) return target;
    }
    return flowName ? { kind: 'flow', name: flowName } : null;
  }

  /** Find usages of what is selected (Shift+F12). */
  async function findUsagesOfSelection(): Promise<void> {
    let target: UsageTarget | null;
    try {
      target = await selectionTarget();
    } catch (error) {
      return store().setStatus(`Could not look up the selection's usages: ${message(error)}`);
    }
    if (!target) return store().setStatus('Save the flow first: a draft has no usages.');
    await findUsages(target);
  }

  /** Opens the flow of a reference and selects (and reveals) its node; a settings reference opens the settings view. */
  async function openReference(reference: Reference): Promise<void> {
    if (!reference.flow) {
      await navigate({ kind: 'settings' });
      return;
    }
    if (!(await navigate({ kind: 'flow', name: reference.flow }))) return;
    if (store().flowName !== reference.flow) return;
    if (reference.nodeId && store().document.nodes.some((n) => n.id === reference.nodeId)) {
      store().select([reference.nodeId]);
      // The canvas mounts (or re-renders) with the flow first; reveal once it has.
      setTimeout(() => viewport()?.reveal?.(reference.nodeId!), 50);
    }
  }

  /** Shows what renaming flow `name` to `newName` changes and renames on confirmation; true when renamed. */
  async function renameFlowWithPreview(name: string, newName: string): Promise<boolean> {
    let preview;
    try {
      preview = await refactorApi.renameFlow(name, newName, true);
    } catch (error) {
      store().setStatus(`Could not rename "${name}": ${message(error)}`);
      return false;
    }
    const references = preview.edits.filter((e) => e.field !== 'name');
    if (references.length > 0) {
      const answer = await store().askList({
        title: `Rename ${name} to ${newName}?`,
        intro: `${references.length} reference${references.length === 1 ? '' : 's'} follow${references.length === 1 ? 's' : ''} the new name; all ${preview.files.length} files are written together, or none.`,
        items: references.map((edit, i) => ({ key: String(i), ...describeEdit(edit) })),
        buttons: [
          { id: 'cancel', label: 'Cancel' },
          { id: 'rename', label: 'Rename', primary: true },
        ],
      });
      if (answer !== 'rename') return false;
    }
    try {
      await refactorApi.renameFlow(name, newName, false);
      store().setStatus(`Renamed ${name} to ${newName}${references.length ? ` and updated ${references.length} reference${references.length === 1 ? '' : 's'}` : ''}`);
      return true;
    } catch (error) {
      store().setStatus(`Could not rename "${name}": ${message(error)}`);
      return false;
    }
  }

  /** Deletes a flow; while it is used, lists the usages and deletes only on "Delete anyway". True when deleted. */
  async function deleteFlowChecked(name: string): Promise<boolean> {
    try {
      await refactorApi.deleteFlow(name, false);
      return true;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409 && error.code === 'FlowInUse')) {
        store().setStatus(`Could not delete "${name}": ${message(error)}`);
        return false;
      }
      const references = Array.isArray(error.details) ? (error.details as Reference[]) : [];
      const answer = await store().askList({
        title: `${name} is in use`,
        intro: `${name} cannot be deleted safely: ${references.length} place${references.length === 1 ? '' : 's'} refer${references.length === 1 ? 's' : ''} to it.`,
        items: references.map((r, i) => ({ key: String(i), text: whereOf(r), detail: howOf(r) })),
        outro: 'Change those references first, or delete it anyway: each one then shows as a problem to fix.',
        buttons: [
          { id: 'cancel', label: 'Keep it' },
          { id: 'force', label: 'Delete anyway', danger: true },
        ],
      });
      if (answer !== 'force') return false;
      try {
        await refactorApi.deleteFlow(name, true);
        return true;
      } catch (forced) {
        store().setStatus(`Could not delete "${name}": ${message(forced)}`);
        return false;
      }
    }
  }

  /** Renames a constant after a preview of every expression, field and setting that follows. */
  async function renameConstant(name: string): Promise<void> {
    const taken = new Set(store().constants.map((c) => c.name));
    const answer = await store().ask({
      title: `Rename ${name}`,
      input: { label: 'New name (Module.Name)', value: name, check: (v) => (!/^[A-Za-z_]\w*\.[A-Za-z_]\w*$/.test(v) ? 'Use Module.Name, e.g. Shop.EventBusName.' : taken.has(v) && v !== name ? `A constant named ${v} already exists.` : null) },
      buttons: [
        { id: 'cancel', label: 'Cancel' },
        { id: 'ok', label: 'Preview', primary: true },
      ],
    });
    const newName = answer?.button === 'ok' ? answer.value.trim() : '';
    if (!newName || newName === name) return;
    try {
      const preview = await refactorApi.renameConstant(name, newName, true);
      const confirmed = await store().askList({
        title: `Rename ${name} to ${newName}?`,
        intro: `${preview.edits.length} change${preview.edits.length === 1 ? '' : 's'} in ${preview.files.length} file${preview.files.length === 1 ? '' : 's'}, written together or not at all.`,
        items: preview.edits.map((edit, i) => ({ key: String(i), ...describeEdit(edit) })),
        buttons: [
          { id: 'cancel', label: 'Cancel' },
          { id: 'rename', label: 'Rename', primary: true },
        ],
      });
      if (confirmed !== 'rename') return;
      await refactorApi.renameConstant(name, newName, false);
      await store().refreshConstants();
      store().setStatus(`Renamed constant ${name} to ${newName}`);
    } catch (error) {
      store().setStatus(`Could not rename ${name}: ${message(error)}`);
    }
  }

  /** Reads start-up health into the store (the banner shows it); quiet when the server has no such route. */
  async function refreshStartup(): Promise<void> {
    try {
      store().setStartup(await refactorApi.startup());
    } catch {
      // An older server, or a passing network failure: the next poll tries again.
    }
  }

  /** Runs the after-startup flows now and shows the outcome. */
  async function rerunStartup(): Promise<void> {
    store().setStatus('Running the after-startup flows…');
    try {
      const report = await refactorApi.rerunStartup();
      store().setStatus(report.ok ? 'After-startup flows succeeded; the server is ready.' : 'The after-startup flows did not succeed; see the banner.');
    } catch (error) {
      store().setStatus(`Could not run the after-startup flows: ${message(error)}`);
    }
    await refreshStartup();
  }

  /** Reads the workspace's event type bindings, so the open flow shows a binding another flow also makes. */
  async function refreshBindings(): Promise<void> {
    try {
      const references = await refactorApi.references('eventType');
      store().setWorkspaceBindings(references.filter((r) => r.usage === 'event-type-binding'));
    } catch {
      // An older server has no index; the server still reports these problems on save.
    }
  }

  return { refreshBindings, findUsages, findUsagesOfSelection, openReference, renameFlowWithPreview, deleteFlowChecked, renameConstant, refreshStartup, rerunStartup };
}
