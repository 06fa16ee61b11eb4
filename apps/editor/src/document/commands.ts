/**
 * Document commands: pure functions from one flow document to the next. The store applies them and
 * records history; components never edit the document themselves.
 */
import type { ActivityDefinition, FlowDocument, FlowEdge, Position } from '@flowbridge/flow-model';

/** A fresh id that is unique within the document. */
export function nextId(document: FlowDocument, prefix: string): string {
  const taken = new Set([...document.nodes.map((n) => n.id), ...document.edges.map((e) => e.id)]);
  let i = document.nodes.length + document.edges.length + 1;
  while (taken.has(`${prefix}${i}`)) i++;
  return `${prefix}${i}`;
}

/** Adds a node of `definition` at `position`, its fields set to their defaults. */
export function addNode(document: FlowDocument, definition: ActivityDefinition, position: Position): { document: FlowDocument; id: string } {
  const id = nextId(document, 'n');
  const config: Record<string, unknown> = {};
  for (const field of definition.fields) if (field.default !== undefined) config[field.name] = field.default;
  return { document: { ...document, nodes: [...document.nodes, { id, kind: definition.kind, position, config }] }, id };
}

/** Connects `source`'s `port` to `target`, replacing any edge already leaving that port. */
export function connect(document: FlowDocument, source: string, port: string, target: string): FlowDocument {
  if (source === target) return document;
  const edges = document.edges.filter((e) => !(e.source === source && e.sourcePort === port));
  const edge: FlowEdge = { id: nextId(document, 'e'), source, sourcePort: port, target };
  return { ...document, edges: [...edges, edge] };
}

/** Moves nodes to new positions. */
export function moveNodes(document: FlowDocument, positions: ReadonlyMap<string, Position>): FlowDocument {
  return { ...document, nodes: document.nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)) };
}

/** Sets one config field of one node. */
export function setField(document: FlowDocument, nodeId: string, field: string, value: unknown): FlowDocument {
  return { ...document, nodes: document.nodes.map((n) => (n.id === nodeId ? { ...n, config: { ...n.config, [field]: value } } : n)) };
}

/** Removes nodes and edges, and every edge touching a removed node. */
export function remove(document: FlowDocument, nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): FlowDocument {
  return {
    ...document,
    nodes: document.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: document.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target)),
  };
}
