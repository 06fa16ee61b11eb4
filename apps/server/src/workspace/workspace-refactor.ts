/**
 * Reference-aware changes to the workspace: the reference index, renames that update every reference
 * in one atomic multi-file write (or only preview it), and deletes refused while a flow is referenced.
 * Each change holds every flow's lock, so the check and the write see the same files.
 */
import { indexReferences, planRename, serializeFlow, usagesOf, type FlowDocument, type Reference, type ReferenceEdit, type ReferenceIndex, type RenameRequest, type SettingsReferences } from '@flowbridge/flow-model';
import { relative, sep } from 'node:path';
import type { FlowCatalog, FlowSnapshot } from '../flows/flow-catalog.js';
import type { SettingsStore } from '../config/settings-store.js';
import type { RoutingRepository } from '../storage/storage.js';
import type { ConstantsStore } from './constants-store.js';
import { commitFiles, type FileChange, type FileOps } from './file-transaction.js';

/** What a rename did, or with `dryRun` would do. */
export interface RenameOutcome {
  name: string;
  dryRun: boolean;
  edits: ReferenceEdit[];
  files: string[];
}

/** Why a change was not made. */
export type Refusal =
  | { refused: 'NotFound'; message: string }
  | { refused: 'Exists'; message: string }
  | { refused: 'InvalidDocument'; message: string }
  | { refused: 'InUse'; message: string; references: Reference[] };

export class WorkspaceRefactor {
  constructor(
    private readonly workspaceDir: string,
    private readonly catalog: FlowCatalog,
    private readonly settings: SettingsStore,
    private readonly constants: ConstantsStore,
    private readonly routing: RoutingRepository,
    /** File operations of the multi-file writes (tests inject failures). */
    private readonly ops?: FileOps,
  ) {}

  /** The reference index of the workspace as it is on disk now. */
  async index(): Promise<ReferenceIndex> {
    const snapshot = await this.catalog.snapshot();
    return indexReferences({ flows: documentsOf(snapshot), settings: this.settings.references(await this.settings.raw()) }, snapshot.engine.catalogue);
  }

  /** Renames flow `from` to `to` and every reference to it; the routing of bound event types follows. */
  async renameFlow(from: string, to: string, dryRun: boolean): Promise<RenameOutcome | Refusal> {
    const store = this.catalog.store;
    return store.withAllLocks([to], () =>
      this.settings.hold(async () => {
        const snapshot = await this.catalog.snapshot();
        const source = snapshot.get(from);
        if (!source) return { refused: 'NotFound', message: `There is no flow named "${from}".` } as const;
        if (!source.document) return { refused: 'InvalidDocument', message: `Flow "${from}" is not a valid flow document; fix or replace it before renaming it.` } as const;
        if (from === to || snapshot.get(to) || (await store.read(to))) return { refused: 'Exists', message: `A flow named "${to}" already exists; choose another name or delete that flow first.` } as const;
        const raw = await this.settings.raw();
        const plan = planRename({ kind: 'flow', from, to }, documentsOf(snapshot), snapshot.engine.catalogue, this.settings.references(raw));
        const renamedSource = { ...(plan.flows.find((f) => f.name === from) ?? source.document), name: to };
        const changes: FileChange[] = [
          { path: store.fileOf(to), text: serializeFlow(renamedSource) },
          { path: store.fileOf(from), text: null },
          ...plan.flows.filter((f) => f.name !== from).map((f) => ({ path: store.fileOf(f.name), text: serializeFlow(f) })),
        ];
        if (plan.settings) changes.push(this.settings.changeFor(raw, plan.settings));
        const edits: ReferenceEdit[] = [{ file: `flows/${from}.json`, flow: from, field: 'name', fieldLabel: 'Flow name (the file is renamed)', before: from, after: to }, ...plan.edits.map((e) => (e.flow === from ? { ...e, flow: to } : e))];
        const outcome = { name: to, dryRun, edits, files: changes.map((c) => this.relative(c.path)) };
        if (dryRun) return outcome;
        await commitFiles(changes, this.ops);
        store.noteChanged([from, to, ...plan.flows.map((f) => f.name)]);
        if (plan.settings) this.applySettings(plan.settings);
        // Event types bound to the old name keep reaching the flow under its new name.
        for (const route of await this.routing.list()) if (route.flow === from) await this.routing.put(route.eventType, to);
        return outcome;
      }),
    );
  }

  /** Renames constant `from` (its declaration and secret value) and every reference to it. */
  async renameConstant(from: string, to: string, dryRun: boolean): Promise<RenameOutcome | Refusal> {
    const store = this.catalog.store;
    return store.withAllLocks([], () =>
      this.settings.hold(async () => {
        const snapshot = await this.catalog.snapshot();
        const raw = await this.settings.raw();
        const plan = planRename({ kind: 'constant', from, to }, documentsOf(snapshot), snapshot.engine.catalogue, this.settings.references(raw));
        const flowChanges: FileChange[] = plan.flows.map((f) => ({ path: store.fileOf(f.name), text: serializeFlow(f) }));
        if (plan.settings) flowChanges.push(this.settings.changeFor(raw, plan.settings));
        const result = await this.constants.rename(from, to, async (constantFiles) => {
          const changes = [...constantFiles, ...flowChanges];
          const outcome: RenameOutcome = {
            name: to,
            dryRun,
            edits: [{ file: 'constants.json', field: from, fieldLabel: 'Constant name', before: from, after: to }, ...plan.edits],
            files: changes.map((c) => this.relative(c.path)),
          };
          if (dryRun) return { outcome, commit: false };
          await commitFiles(changes, this.ops);
          return { outcome, commit: true };
        });
        if ('refused' in result) return result;
        if (!dryRun) {
          store.noteChanged(plan.flows.map((f) => f.name));
          if (plan.settings) this.applySettings(plan.settings);
        }
        return result;
      }),
    );
  }

  /** Renames an enumeration or event type in every flow naming it (their declarations live in connectors and flows). */
  async renameNames(request: RenameRequest & { kind: 'enumeration' | 'eventType' }, dryRun: boolean): Promise<RenameOutcome> {
    const store = this.catalog.store;
    return store.withAllLocks([], async () => {
      const snapshot = await this.catalog.snapshot();
      const plan = planRename(request, documentsOf(snapshot), snapshot.engine.catalogue);
      const changes = plan.flows.map((f) => ({ path: store.fileOf(f.name), text: serializeFlow(f) }));
      const outcome = { name: request.to, dryRun, edits: plan.edits, files: changes.map((c) => this.relative(c.path)) };
      if (dryRun || changes.length === 0) return outcome;
      await commitFiles(changes, this.ops);
      store.noteChanged(plan.flows.map((f) => f.name));
      if (request.kind === 'eventType') {
        // Bindings already stored follow the new name, as the renamed binding will bind it on its next run.
        for (const route of await this.routing.list()) {
          if (route.eventType !== request.from) continue;
          await this.routing.put(request.to, route.flow);
          await this.routing.delete(request.from);
        }
      }
      return outcome;
    });
  }

  /** Deletes a flow unless something references it (other than itself); `force` deletes anyway. */
  async deleteFlow(name: string, options: { force: boolean; ifMatch?: string }): Promise<{ deleted: true; references: Reference[] } | Refusal> {
    const store = this.catalog.store;
    return store.withAllLocks([name], async () => {
      const index = await this.index();
      const references = usagesOf(index, 'flow', name).filter((r) => r.flow !== name);
      if (references.length > 0 && !options.force) {
        return { refused: 'InUse', message: inUseMessage(name, references), references } as const;
      }
      if (!(await store.deleteLocked(name, options.ifMatch))) return { refused: 'NotFound', message: `There is no flow named "${name}".` } as const;
      return { deleted: true, references } as const;
    });
  }

  private applySettings(references: SettingsReferences): void {
    if (references.afterStartupFlows) this.settings.live.afterStartupFlows = [...references.afterStartupFlows];
  }

  private relative(path: string): string {
    return relative(this.workspaceDir, path).split(sep).join('/');
  }
}

/** Every flow document that parses (files that are not flows hold no references). */
function documentsOf(snapshot: FlowSnapshot): FlowDocument[] {
  return snapshot.names().flatMap((name) => {
    const document = snapshot.get(name)?.document;
    return document ? [document] : [];
  });
}

/** "Flow X is used by 2 places: …; remove those references first, or delete anyway." */
export function inUseMessage(name: string, references: readonly Reference[]): string {
  const places = references.slice(0, 5).map(describeReference);
  const more = references.length > 5 ? ` and ${references.length - 5} more` : '';
  return `Flow "${name}" is used by ${references.length} place${references.length === 1 ? '' : 's'}: ${places.join('; ')}${more}. Change or remove those references first, or delete it anyway (they become problems to fix).`;
}

/** A reference as a person reads it: `"Bind" in ASU_System (Callback flow)` or `settings.json afterStartupFlows[0]`. */
export function describeReference(reference: Reference): string {
  if (!reference.flow) return `settings.json ${reference.field ?? ''}`.trim();
  return `${reference.nodeLabel ? `"${reference.nodeLabel}" in ` : ''}${reference.flow}${reference.fieldLabel ? ` (${reference.fieldLabel})` : ''}`;
}
