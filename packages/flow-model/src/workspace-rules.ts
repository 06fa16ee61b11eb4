/**
 * Validation rules that need more than one flow, or that guard names every flow shares: two bindings
 * of one event type across the workspace, and parameter names that are not identifiers. `validate`
 * checks one flow; `validateWorkspace` adds these, per flow, for the Problems pane.
 */
import type { Catalogue } from './activity-definition.js';
import type { FlowDocument } from './document.js';
import type { Problem } from './problems.js';
import { flowReferences, type Reference, type WorkspaceContent } from './references.js';

/** A variable or parameter name: what `$Name` in an expression can reach. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Problems of parameter names that are not identifiers (a space or a hyphen cannot be read as `$Name`). */
export function parameterNameProblems(document: FlowDocument): Problem[] {
  const problems: Problem[] = [];
  document.parameters.forEach((p, i) => {
    if (IDENTIFIER.test(p.name)) return;
    const shown = p.name.length > 60 ? `${p.name.slice(0, 60)}…` : p.name;
    problems.push({
      severity: 'error',
      code: 'invalid-parameter-name',
      field: `parameters[${i}].name`,
      message: `Parameter "${shown}" is not a valid name: use letters, digits and "_", starting with a letter (e.g. ${suggestIdentifier(p.name)}), so expressions can read it as $Name.`,
    });
  });
  return problems;
}

/** A close identifier for `name`: other characters dropped, words joined in PascalCase. */
export function suggestIdentifier(name: string): string {
  const words = name.split(/[^A-Za-z0-9_]+/).filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  const start = /^[A-Za-z_]/.test(joined) ? joined : `P${joined}`;
  return start.slice(0, 64) || 'Name';
}

/** The problems that only the whole workspace shows, by flow name. */
export function validateWorkspace(workspace: WorkspaceContent, catalogue: Catalogue): Map<string, Problem[]> {
  const byFlow = new Map<string, Problem[]>();
  const add = (flow: string, problem: Problem) => {
    const list = byFlow.get(flow) ?? [];
    list.push(problem);
    byFlow.set(flow, list);
  };
  const bindings = workspace.flows.flatMap((document) => eventBindings(document, catalogue));
  for (const [flow, problem] of duplicateBindingProblems(bindings)) add(flow, problem);
  return byFlow;
}

/** The event types a flow binds (cheaper than the whole index: only fields declared as bindings are read). */
export function eventBindings(document: FlowDocument, catalogue: Catalogue): Reference[] {
  const found: Reference[] = [];
  for (const node of document.nodes) {
    const definition = catalogue.activities.get(node.kind);
    if (!definition?.fields.some((f) => f.eventTypes === 'binding' || f.columns?.some((c) => c.eventTypes === 'binding'))) continue;
    // Only this node: its references include the binding ones, read the same way the index reads them.
    const { returnType: _types, ...rest } = document;
    const single: FlowDocument = { ...rest, parameters: [], nodes: [node] };
    for (const r of flowReferences(single, catalogue)) if (r.usage === 'event-type-binding') found.push(r);
  }
  return found;
}

/** Every binding of an event type that another node also binds: only one callback flow can receive an event type. */
export function duplicateBindingProblems(references: readonly Reference[]): Array<[string, Problem]> {
  const bindings = new Map<string, Reference[]>();
  for (const r of references) {
    if (r.usage !== 'event-type-binding' || !r.flow) continue;
    const list = bindings.get(r.target) ?? [];
    list.push(r);
    bindings.set(r.target, list);
  }
  const found: Array<[string, Problem]> = [];
  for (const [eventType, list] of bindings) {
    if (list.length < 2) continue;
    for (const binding of list) {
      const others = list.filter((o) => o !== binding).map((o) => `"${o.nodeLabel}"${o.flow !== binding.flow ? ` in ${o.flow}` : ''}`);
      found.push([
        binding.flow!,
        {
          // A warning: the run still works (the last binding run wins), but the other callback never gets the events.
          severity: 'warning',
          code: 'duplicate-event-binding',
          ...(binding.nodeId ? { nodeId: binding.nodeId } : {}),
          ...(binding.field ? { field: binding.field } : {}),
          message: `"${binding.nodeLabel}" binds event type ${eventType}, which ${others.join(' and ')} also bind${others.length === 1 ? 's' : ''}; an event type reaches one callback flow, so the last one run wins. Keep one binding.`,
        },
      ]);
    }
  }
  return found;
}
