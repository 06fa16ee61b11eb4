/** Compact flow documents for tests: nodes as [id, kind, config], edges as [source, port, target]. */
import type { FlowDocument } from '@flowbridge/flow-model';
import { compile, type CompiledFlow, type Engine } from '../src/index.js';

export type NodeSpec = [id: string, kind: string, config?: Record<string, unknown>];
export type EdgeSpec = [source: string, port: string, target: string];

export function flowDoc(
  nodes: NodeSpec[],
  edges: EdgeSpec[],
  options: { name?: string; parameters?: Array<{ name: string; type: string }>; returnType?: string } = {},
): FlowDocument {
  return {
    formatVersion: 1,
    name: options.name ?? 'ACT_Test',
    parameters: options.parameters ?? [],
    ...(options.returnType ? { returnType: options.returnType } : {}),
    nodes: nodes.map(([id, kind, config], i) => ({ id, kind: kind.includes('.') ? kind : `core.${kind}`, position: { x: i * 100, y: 0 }, config: config ?? {} })),
    edges: edges.map(([source, sourcePort, target], i) => ({ id: `e${i}`, source, sourcePort, target })),
    annotations: [],
  };
}

/** Compiles or fails the test with the problems. */
export function compiled(document: FlowDocument, engine: Engine): CompiledFlow {
  const result = compile(document, engine);
  if (!result.ok) throw new Error(`expected the flow to compile: ${JSON.stringify(result.problems, null, 1)}`);
  return result.flow;
}

/** A straight chain Start → nodes... → End. */
export function chain(nodes: NodeSpec[], options: Parameters<typeof flowDoc>[2] & { returnValue?: string } = {}): FlowDocument {
  const all: NodeSpec[] = [['start', 'Start'], ...nodes, ['end', 'End', options.returnValue ? { returnValue: options.returnValue } : {}]];
  const edges: EdgeSpec[] = all.slice(1).map((n, i) => [all[i]![0], 'out', n[0]]);
  return flowDoc(all, edges, options);
}
