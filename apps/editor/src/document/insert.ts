/**
 * Inserting activities into a flow the way people expect from other flow editors: into an existing
 * connection (dropped on an edge), connected to the port a connection was dragged from, and always in
 * free space rather than on top of another node. Pure document commands, like ./commands.ts.
 */
import { portsOf, type ActivityDefinition, type Catalogue, type FlowDocument, type Position } from '@flowbridge/flow-model';
import { addNode, connect } from './commands';
import { freePosition, occupied } from './insert-geometry';

/** The port a new node's outgoing connection leaves from: `out` when it has one, else its first port (none for an End). */
export function primaryPort(definition: ActivityDefinition, catalogue: Catalogue, config: Readonly<Record<string, unknown>> = {}): string | undefined {
  const ports = portsOf(definition, config, catalogue);
  return ports.find((p) => p.id === 'out')?.id ?? ports[0]?.id;
}

/** Adds a node of `definition` at the free spot nearest `position`. */
export function addNodeInFreeSpace(
  document: FlowDocument,
  definition: ActivityDefinition,
  position: Position,
  sizes?: ReadonlyMap<string, { width: number; height: number }>,
): { document: FlowDocument; id: string } {
  return addNode(document, definition, freePosition(position, occupied(document, sizes)));
}

/**
 * Inserts a node of `definition` into edge `edgeId`: the edge now ends at the new node, and the new
 * node's primary port continues to the old target. A node without ports (an End) just ends the edge.
 * The other nodes are not moved; the new node goes to the free spot nearest `position`.
 */
export function insertOnEdge(
  document: FlowDocument,
  edgeId: string,
  definition: ActivityDefinition,
  position: Position,
  catalogue: Catalogue,
  sizes?: ReadonlyMap<string, { width: number; height: number }>,
): { document: FlowDocument; id: string } {
  const edge = document.edges.find((e) => e.id === edgeId);
  const added = addNodeInFreeSpace(document, definition, position, sizes);
  if (!edge) return added;
  const id = added.id;
  // The edge keeps its id and source port; only its target changes, so labels and error paths stay.
  let next: FlowDocument = { ...added.document, edges: added.document.edges.map((e) => (e.id === edgeId ? { ...e, target: id } : e)) };
  const port = primaryPort(definition, catalogue, next.nodes.find((n) => n.id === id)?.config);
  if (port) next = connect(next, id, port, edge.target);
  return { document: next, id };
}

/**
 * Adds a node of `definition` near `position` and connects it to where a connection was dragged from:
 * from `from.port` of `from.node` to the new node (a dragged source handle), or, when the drag began at
 * a node's input, from the new node's primary port into `from.node`.
 */
export function addConnected(
  document: FlowDocument,
  definition: ActivityDefinition,
  position: Position,
  from: { node: string; port: string; handle: 'source' | 'target' },
  catalogue: Catalogue,
  sizes?: ReadonlyMap<string, { width: number; height: number }>,
): { document: FlowDocument; id: string } {
  const added = addNodeInFreeSpace(document, definition, position, sizes);
  if (from.handle === 'source') return { document: connect(added.document, from.node, from.port, added.id), id: added.id };
  const port = primaryPort(definition, catalogue, added.document.nodes.find((n) => n.id === added.id)?.config);
  return { document: port ? connect(added.document, added.id, port, from.node) : added.document, id: added.id };
}
