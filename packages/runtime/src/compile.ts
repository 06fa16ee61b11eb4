/** `compile`: validates a flow document, resolves its edges and compiles every expression once. */
import {
  analyzeFlow,
  hasErrors,
  LOOP_BODY,
  LOOP_DONE,
  outputNameOf,
  outputTypeOf,
  parseDocument,
  typeHasSecrets,
  validate,
  type ActivityDefinition,
  type Catalogue,
  type FlowDocument,
  type FlowNode,
  type Problem,
} from '@flowbridge/flow-model';
import type { ActivityImplementation } from './activity-implementation.js';
import type { Engine } from './engine.js';
import { compileField, type FieldEvaluator } from './field-compilers.js';
import { compileTypeCheck, type TypeCheck } from './value-types.js';

/** A node ready to execute: its definition, implementation, compiled fields and resolved exits. */
export interface CompiledNode {
  node: FlowNode;
  definition: ActivityDefinition;
  implementation: ActivityImplementation;
  fields: ReadonlyMap<string, FieldEvaluator>;
  /** The declared type of each field that has one, for redacting trace snapshots. */
  fieldTypes: ReadonlyMap<string, string>;
  /** Target node id by outgoing port. */
  exits: ReadonlyMap<string, string>;
  /** Edge id by outgoing port, for traces the editor replays edge by edge. */
  exitEdges: ReadonlyMap<string, string>;
  /** Outgoing port → the edge and the compiled node it leads to (one lookup per step). */
  routes: ReadonlyMap<string, Route>;
  /** The variable the output is stored in, its type, and a run-time check of values against that type. */
  outputVariable?: string;
  outputType?: string;
  outputCheck?: TypeCheck;
  /** True when the output type may hold secret fields (they are masked from then on). */
  outputHasSecrets: boolean;
  /** For Break and Continue: the loop they belong to. */
  loop?: string;
}

/** Where an outgoing port leads. */
export interface Route {
  edgeId: string;
  target: CompiledNode;
}

/** A flow version ready to run many times. */
export interface CompiledFlow {
  document: FlowDocument;
  start: CompiledNode;
  nodes: ReadonlyMap<string, CompiledNode>;
  /** The catalogue it was compiled against (types for checks and redaction). */
  catalogue: Catalogue;
  parameterChecks: ReadonlyArray<{ name: string; type: string; check: TypeCheck; hasSecrets: boolean }>;
  /** Checks the End's value against the return type. */
  returnCheck?: TypeCheck;
}

export type CompileResult = { ok: true; flow: CompiledFlow } | { ok: false; problems: Problem[] };

/** Compiles a document; refuses one with error-level problems and returns them instead. Never throws. */
export function compile(input: unknown, engine: Engine): CompileResult {
  try {
    const problems = validate(input, engine.catalogue);
    if (hasErrors(problems)) return { ok: false, problems };
    const parsed = parseDocument(input);
    if (!parsed.ok) return { ok: false, problems: parsed.problems };
    return { ok: true, flow: compileValid(parsed.document, engine) };
  } catch (error) {
    return { ok: false, problems: [{ severity: 'error', code: 'internal', message: `Compiling failed unexpectedly: ${(error as Error).message}` }] };
  }
}

function compileValid(document: FlowDocument, engine: Engine): CompiledFlow {
  const catalogue = engine.catalogue;
  const analysis = analyzeFlow(document, catalogue);
  const nodes = new Map<string, CompiledNode>();
  for (const node of document.nodes) {
    const definition = catalogue.activities.get(node.kind)!;
    const implementation = engine.implementations.get(node.kind);
    if (!implementation) throw new Error(`Activity kind ${node.kind} has no implementation in this engine`);
    const fields = new Map<string, FieldEvaluator>();
    const fieldTypes = new Map<string, string>();
    for (const field of definition.fields) {
      const evaluator = compileField(field, node.config[field.name]);
      if (evaluator) fields.set(field.name, evaluator);
      if (field.type) fieldTypes.set(field.name, field.type);
    }
    const exits = new Map<string, string>();
    const exitEdges = new Map<string, string>();
    for (const edge of document.edges) {
      if (edge.source !== node.id) continue;
      exits.set(edge.sourcePort, edge.target);
      exitEdges.set(edge.sourcePort, edge.id);
    }
    const outputVariable = outputNameOf(node, definition);
    const outputType = outputVariable ? (definition.output?.assigns ? analysis.types.get(outputVariable) : outputTypeOf(node, definition, catalogue)) : undefined;
    if (definition.output?.assigns && outputType) for (const f of definition.fields) if (f.widget === 'expression' && !f.type) fieldTypes.set(f.name, outputType);
    const compiled: CompiledNode = {
      node,
      definition,
      implementation,
      fields,
      fieldTypes,
      exits,
      exitEdges,
      routes: new Map(),
      outputHasSecrets: outputType ? typeHasSecrets(outputType, catalogue) : false,
      ...(outputVariable ? { outputVariable } : {}),
      ...(outputType ? { outputType, outputCheck: compileTypeCheck(outputType, catalogue) } : {}),
      ...(analysis.innermostLoop.has(node.id) && (definition.role === 'break' || definition.role === 'continue') ? { loop: analysis.innermostLoop.get(node.id)! } : {}),
    };
    nodes.set(node.id, compiled);
  }
  for (const edge of document.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (source && target) (source.routes as Map<string, Route>).set(edge.sourcePort, { edgeId: edge.id, target });
  }
  const start = [...nodes.values()].find((n) => n.definition.role === 'start')!;
  const parameterChecks = document.parameters.map((p) => ({ name: p.name, type: p.type, check: compileTypeCheck(p.type, catalogue), hasSecrets: typeHasSecrets(p.type, catalogue) }));
  const returnType = document.returnType;
  return { document, start, nodes, catalogue, parameterChecks, ...(returnType ? { returnCheck: compileTypeCheck(returnType, catalogue) } : {}) };
}

/** The port names of a loop, re-exported for the interpreter. */
export { LOOP_BODY, LOOP_DONE };

export type { EvaluationScope, FieldEvaluator } from './field-compilers.js';
