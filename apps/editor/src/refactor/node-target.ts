/**
 * What one node names most directly, for Find usages. It reads the node's expressions, which brings
 * JSONata's parser, so refactor-actions.ts loads it when Find usages is asked for.
 */
import { flowReferences, type Catalogue, type FlowDocument, type FlowNode } from '@flowbridge/flow-model';
import type { Reference } from './refactor-api';

const TARGET_PRIORITY: ReadonlyArray<Reference['targetKind']> = ['flow', 'constant', 'enumeration', 'eventType'];

/** The flow the node calls or binds, else a constant, enumeration or event type it names; undefined when it names none. */
export function nodeTarget(document: FlowDocument, node: FlowNode, catalogue: Catalogue): { kind: Reference['targetKind']; name: string } | undefined {
  const single: FlowDocument = { ...document, parameters: [], nodes: [node] };
  const found = flowReferences(single, catalogue);
  const first = TARGET_PRIORITY.map((kind) => found.find((r) => r.targetKind === kind)).find((r) => r !== undefined);
  return first ? { kind: first.targetKind, name: first.target } : undefined;
}
