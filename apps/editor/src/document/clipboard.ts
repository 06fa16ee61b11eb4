/**
 * Copy and paste of a part of a flow. A fragment is plain JSON, so it can travel between flows (and
 * browser tabs, through localStorage); pasting gives every element a fresh id and keeps edges inside it.
 */
import type { Annotation, Catalogue, FlowDocument, FlowEdge, FlowNode } from '@flowbridge/flow-model';
import { idsOf, nextId } from './commands';

/** The copied part of a flow. */
export interface Fragment {
  kind: 'flowbridge/fragment';
  nodes: FlowNode[];
  edges: FlowEdge[];
  annotations: Annotation[];
}

/** Copies the selected nodes and annotations with the edges between them; a Start is never copied (a flow has one). */
export function copyFragment(document: FlowDocument, ids: ReadonlySet<string>, catalogue: Catalogue): Fragment | null {
  const nodes = document.nodes.filter((n) => ids.has(n.id) && catalogue.activities.get(n.kind)?.role !== 'start');
  const annotations = document.annotations.filter((a) => ids.has(a.id));
  if (nodes.length === 0 && annotations.length === 0) return null;
  const kept = new Set(nodes.map((n) => n.id));
  const edges = document.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  return structuredClone({ kind: 'flowbridge/fragment', nodes, edges, annotations });
}

/** Reads a fragment back from JSON, or null when it is not one. */
export function parseFragment(value: unknown): Fragment | null {
  if (typeof value !== 'object' || value === null) return null;
  const f = value as Partial<Fragment>;
  if (f.kind !== 'flowbridge/fragment' || !Array.isArray(f.nodes) || !Array.isArray(f.edges) || !Array.isArray(f.annotations)) return null;
  return f as Fragment;
}

/** Output variable names in use in the document (by activities that declare a new variable). */
function variableNames(document: FlowDocument, catalogue: Catalogue): Set<string> {
  const names = new Set(document.parameters.map((p) => p.name));
  for (const n of document.nodes) {
    const output = catalogue.activities.get(n.kind)?.output;
    const name = output && !output.assigns ? n.config[output.variableField] : undefined;
    if (typeof name === 'string' && name !== '') names.add(name);
  }
  return names;
}

/** `name` or, when taken, `name2`, `name3`... (a trailing number is counted on: `Order2` → `Order3`). */
export function freshName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const [, stem = name, digits] = /^(.*?)(\d+)$/.exec(name) ?? [];
  let i = digits ? Number(digits) + 1 : 2;
  while (taken.has(`${stem}${i}`)) i++;
  return `${stem}${i}`;
}

/**
 * Pastes a fragment with fresh ids. With `at`, its top-left corner lands there; otherwise it is offset
 * from the original so a paste into the same flow does not hide the copy. With the catalogue, pasted
 * activities that declare a variable get a name not yet used in the flow (a second `Order` is `Order2`).
 */
export function pasteFragment(document: FlowDocument, fragment: Fragment, at?: { x: number; y: number }, catalogue?: Catalogue): { document: FlowDocument; ids: string[] } {
  const variables = catalogue ? variableNames(document, catalogue) : new Set<string>();
  const taken = idsOf(document);
  const positions = [...fragment.nodes.map((n) => n.position), ...fragment.annotations.map((a) => a.position)];
  const minX = Math.min(...positions.map((p) => p.x));
  const minY = Math.min(...positions.map((p) => p.y));
  const dx = at ? at.x - minX : 40;
  const dy = at ? at.y - minY : 40;
  const renamed = new Map<string, string>();
  const nodes = fragment.nodes.map((n) => {
    const id = nextId(document, 'n', taken);
    renamed.set(n.id, id);
    const copy = { ...structuredClone(n), id, position: { x: n.position.x + dx, y: n.position.y + dy } };
    const output = catalogue?.activities.get(n.kind)?.output;
    const name = output && !output.assigns ? copy.config[output.variableField] : undefined;
    if (output && typeof name === 'string' && name !== '') {
      const fresh = freshName(name, variables);
      variables.add(fresh);
      copy.config = { ...copy.config, [output.variableField]: fresh };
    }
    return copy;
  });
  const annotations = fragment.annotations.map((a) => {
    const id = nextId(document, 'a', taken);
    renamed.set(a.id, id);
    return { ...a, id, position: { x: a.position.x + dx, y: a.position.y + dy } };
  });
  const edges = fragment.edges
    .filter((e) => renamed.has(e.source) && renamed.has(e.target))
    .map((e) => ({ ...e, id: nextId(document, 'e', taken), source: renamed.get(e.source)!, target: renamed.get(e.target)! }));
  return {
    document: { ...document, nodes: [...document.nodes, ...nodes], edges: [...document.edges, ...edges], annotations: [...document.annotations, ...annotations] },
    ids: [...renamed.values()],
  };
}
