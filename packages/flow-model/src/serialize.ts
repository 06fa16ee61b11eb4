/** Stable serialisation: fixed key order and 2-space indent, so a saved flow diffs cleanly in git. */
import type { FlowDocument } from './document.js';

const DOCUMENT_ORDER = ['formatVersion', 'name', 'description', 'parameters', 'returnType', 'limits', 'nodes', 'edges', 'annotations'];
const NODE_ORDER = ['id', 'kind', 'label', 'position', 'config'];
const EDGE_ORDER = ['id', 'source', 'sourcePort', 'target'];

/** The canonical text of a flow document (ends with a newline). */
export function serializeFlow(document: FlowDocument): string {
  const ordered = {
    ...pick(document, DOCUMENT_ORDER),
    nodes: document.nodes.map((n) => ({ ...pick(n, NODE_ORDER), config: sortKeys(n.config) })),
    edges: document.edges.map((e) => pick(e, EDGE_ORDER)),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function pick<T extends object>(value: T, order: string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of order) if (source[key] !== undefined) out[key] = source[key];
  for (const key of Object.keys(source).sort()) if (!(key in out) && source[key] !== undefined) out[key] = source[key];
  return out;
}

/** Recursively sorts object keys; arrays keep their order (it is meaningful). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
