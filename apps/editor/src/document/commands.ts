/**
 * Document commands: pure functions from one flow document to the next. The store applies them and
 * records history; components never edit the document themselves.
 */
import type { ActivityDefinition, FlowDocument, FlowEdge, FlowParameter, Position } from '@flowbridge/flow-model';

/** A fresh id that is unique within the document (nodes, edges and annotations share one id space). */
export function nextId(document: FlowDocument, prefix: string, taken: Set<string> = idsOf(document)): string {
  let i = document.nodes.length + document.edges.length + document.annotations.length + 1;
  while (taken.has(`${prefix}${i}`)) i++;
  const id = `${prefix}${i}`;
  taken.add(id);
  return id;
}

/** Every id in use in the document. */
export function idsOf(document: FlowDocument): Set<string> {
  return new Set([...document.nodes.map((n) => n.id), ...document.edges.map((e) => e.id), ...document.annotations.map((a) => a.id)]);
}

/** Adds a node of `definition` at `position`, its fields set to their defaults. */
export function addNode(document: FlowDocument, definition: ActivityDefinition, position: Position): { document: FlowDocument; id: string } {
  const id = nextId(document, 'n');
  const config: Record<string, unknown> = {};
  for (const field of definition.fields) if (field.default !== undefined) config[field.name] = structuredClone(field.default);
  return { document: { ...document, nodes: [...document.nodes, { id, kind: definition.kind, position, config }] }, id };
}

/** Connects `source`'s `port` to `target`, replacing any edge already leaving that port. */
export function connect(document: FlowDocument, source: string, port: string, target: string): FlowDocument {
  if (source === target) return document;
  const existing = document.edges.find((e) => e.source === source && e.sourcePort === port);
  if (existing?.target === target) return document;
  const edges = document.edges.filter((e) => e !== existing);
  const edge: FlowEdge = { id: nextId(document, 'e'), source, sourcePort: port, target };
  return { ...document, edges: [...edges, edge] };
}

/** Moves an edge's ends (dragged to another port or node); the edge keeps its id. */
export function reconnect(document: FlowDocument, edgeId: string, source: string, port: string, target: string): FlowDocument {
  const edge = document.edges.find((e) => e.id === edgeId);
  if (!edge || source === target) return document;
  if (edge.source === source && edge.sourcePort === port && edge.target === target) return document;
  // The new source port may already have an edge: the moved edge replaces it, as a new connection would.
  const edges = document.edges
    .filter((e) => e.id === edgeId || !(e.source === source && e.sourcePort === port))
    .map((e) => (e.id === edgeId ? { ...e, source, sourcePort: port, target } : e));
  return { ...document, edges };
}

/** Moves nodes and annotations to new positions; unchanged positions leave the document as it is. */
export function moveNodes(document: FlowDocument, positions: ReadonlyMap<string, Position>): FlowDocument {
  const same = (a: Position, b: Position | undefined) => !b || (a.x === b.x && a.y === b.y);
  if (document.nodes.every((n) => same(n.position, positions.get(n.id))) && document.annotations.every((a) => same(a.position, positions.get(a.id)))) {
    return document;
  }
  return {
    ...document,
    nodes: document.nodes.map((n) => (same(n.position, positions.get(n.id)) ? n : { ...n, position: positions.get(n.id)! })),
    annotations: document.annotations.map((a) => (same(a.position, positions.get(a.id)) ? a : { ...a, position: positions.get(a.id)! })),
  };
}

/** Sets one config field of one node; `undefined` removes the field. */
export function setField(document: FlowDocument, nodeId: string, field: string, value: unknown): FlowDocument {
  const node = document.nodes.find((n) => n.id === nodeId);
  // Setting what is already there is no change: it must not add an undo step or drop the redo steps.
  if (!node || Object.is(node.config[field], value)) return document;
  return {
    ...document,
    nodes: document.nodes.map((n) => {
      if (n.id !== nodeId) return n;
      const config = { ...n.config };
      if (value === undefined) delete config[field];
      else config[field] = value;
      return { ...n, config };
    }),
  };
}

/** Sets (or, with an empty caption, clears) a node's caption. */
export function setLabel(document: FlowDocument, nodeId: string, label: string): FlowDocument {
  return {
    ...document,
    nodes: document.nodes.map((n) => {
      if (n.id !== nodeId) return n;
      const { label: _old, ...rest } = n;
      return label.trim() === '' ? rest : { ...rest, label };
    }),
  };
}

/** Removes nodes, annotations and edges, and every edge touching a removed node. */
export function remove(document: FlowDocument, ids: ReadonlySet<string>, edgeIds: ReadonlySet<string> = new Set()): FlowDocument {
  return {
    ...document,
    nodes: document.nodes.filter((n) => !ids.has(n.id)),
    annotations: document.annotations.filter((a) => !ids.has(a.id)),
    edges: document.edges.filter((e) => !edgeIds.has(e.id) && !ids.has(e.id) && !ids.has(e.source) && !ids.has(e.target)),
  };
}

/** Adds a free-text annotation at `position`. */
export function addAnnotation(document: FlowDocument, position: Position, text = 'Note'): { document: FlowDocument; id: string } {
  const id = nextId(document, 'a');
  return { document: { ...document, annotations: [...document.annotations, { id, text, position }] }, id };
}

/** Changes an annotation's text. */
export function setAnnotationText(document: FlowDocument, id: string, text: string): FlowDocument {
  return { ...document, annotations: document.annotations.map((a) => (a.id === id ? { ...a, text } : a)) };
}

/** Replaces the flow's parameters. */
export function setParameters(document: FlowDocument, parameters: FlowParameter[]): FlowDocument {
  return { ...document, parameters };
}

/** Sets the flow's return type; empty means the flow returns nothing. */
export function setReturnType(document: FlowDocument, returnType: string): FlowDocument {
  const { returnType: _old, ...rest } = document;
  return returnType.trim() === '' ? rest : { ...rest, returnType };
}

/** Sets the flow's description; empty removes it. */
export function setDescription(document: FlowDocument, description: string): FlowDocument {
  const { description: _old, ...rest } = document;
  return description.trim() === '' ? rest : { ...rest, description };
}
