/** `compile`: resolves edges and compiles every expression of a flow document once. */
import { hasErrors, validate, type ActivityDefinition, type FlowDocument, type FlowNode, type Problem } from '@flowbridge/flow-model';
import type { ActivityImplementation } from './activity-implementation.js';
import type { Engine } from './engine.js';
import { compileExpression, compileTemplate, type CompiledExpression } from './expressions.js';

/** A node ready to execute: its definition, implementation, compiled fields and resolved exits. */
export interface CompiledNode {
  node: FlowNode;
  definition: ActivityDefinition;
  implementation: ActivityImplementation;
  fields: ReadonlyMap<string, CompiledExpression>;
  /** Target node id by outgoing port. */
  exits: ReadonlyMap<string, string>;
}

/** A flow version ready to run many times. */
export interface CompiledFlow {
  document: FlowDocument;
  start: CompiledNode;
  nodes: ReadonlyMap<string, CompiledNode>;
}

export type CompileResult = { ok: true; flow: CompiledFlow } | { ok: false; problems: Problem[] };

/** Compiles a document; refuses one with error-level problems and returns them instead. */
export function compile(input: unknown, engine: Engine): CompileResult {
  const problems = validate(input, engine.catalogue);
  if (hasErrors(problems)) return { ok: false, problems };
  const document = input as FlowDocument;
  const nodes = new Map<string, CompiledNode>();
  for (const node of document.nodes) {
    const definition = engine.catalogue.activities.get(node.kind)!;
    const implementation = engine.implementations.get(node.kind)!;
    const fields = new Map<string, CompiledExpression>();
    for (const field of definition.fields) {
      const value = node.config[field.name];
      if (typeof value !== 'string' || value === '') continue;
      if (field.widget === 'expression' || field.widget === 'region' || field.widget === 'variable-ref') fields.set(field.name, compileExpression(value));
      if (field.widget === 'template') fields.set(field.name, compileTemplate(value));
    }
    const exits = new Map<string, string>();
    for (const edge of document.edges) if (edge.source === node.id) exits.set(edge.sourcePort, edge.target);
    nodes.set(node.id, { node, definition, implementation, fields, exits });
  }
  const start = [...nodes.values()].find((n) => n.definition.role === 'start')!;
  return { ok: true, flow: { document, start, nodes } };
}
