/**
 * Flow analysis: which variables exist, of which type, and which are defined on every path to each
 * node (a must-analysis, so "defined on some path only" counts as not in scope, as in Mendix); plus the
 * body of every loop, which Break/Continue and the "variables of a body stay in the body" rule need.
 */
import type { ActivityDefinition, Catalogue } from './activity-definition.js';
import { LATEST_ERROR, LOOP_BODY } from './core/index.js';
import type { FlowDocument, FlowEdge, FlowNode } from './document.js';
import { inferType, parseExpression } from './expression-analysis.js';
import { formatType, parseType } from './types.js';
import { analyzeScopes, type ScopeQuery } from './scope-analysis.js';

export { NO_VARIABLES, type ScopeQuery, type VariableScope } from './scope-analysis.js';

/** Where a variable comes from. */
export interface VariableDeclaration {
  name: string;
  type: string;
  /** The declaring node; absent for flow parameters and `$latestError`. */
  nodeId?: string;
  origin: 'parameter' | 'output' | 'iterator' | 'error';
}

/** The result of analysing a flow's graph once. */
export interface FlowAnalysis {
  /** Every declaration in document order; a name declared twice appears twice. */
  declarations: VariableDeclaration[];
  /** Type of each variable name (first declaration wins). */
  types: ReadonlyMap<string, string>;
  /** Variable names defined on every path into each reachable node (absent for unreachable nodes). */
  inScope: ScopeQuery;
  /** Node ids of each loop's body, by loop node id. */
  loopBodies: ReadonlyMap<string, ReadonlySet<string>>;
  /** The innermost loop enclosing each node in a loop body. */
  innermostLoop: ReadonlyMap<string, string>;
  /** Nodes reachable from the Start. */
  reachable: ReadonlySet<string>;
}

/** Variables available at `nodeId`: parameters, outputs of activities on every path there, `$latestError` on error paths, loop items in loop bodies. */
export function variablesInScope(document: FlowDocument, catalogue: Catalogue, nodeId: string): Array<{ name: string; type: string }> {
  try {
    const analysis = analyzeFlow(document, catalogue);
    const scope = analysis.inScope.get(nodeId);
    if (!scope) return document.parameters.map((p) => ({ name: p.name, type: p.type }));
    return scope.names().sort().map((name) => ({ name, type: analysis.types.get(name) ?? 'JSON' }));
  } catch {
    // The editor calls this on half-edited documents; an empty list is the right answer to garbage.
    return [];
  }
}

/** Analyses declarations, scopes and loop bodies of a structurally valid document. */
export function analyzeFlow(document: FlowDocument, catalogue: Catalogue): FlowAnalysis {
  const byId = new Map<string, FlowNode>(document.nodes.map((n) => [n.id, n]));
  const definitionOf = (node: FlowNode): ActivityDefinition | undefined => catalogue.activities.get(node.kind);
  const outgoing = new Map<string, FlowEdge[]>();
  for (const edge of document.edges) {
    if (!byId.has(edge.source) || !byId.has(edge.target)) continue;
    const list = outgoing.get(edge.source) ?? [];
    list.push(edge);
    outgoing.set(edge.source, list);
  }

  const declarations: VariableDeclaration[] = [];
  const types = new Map<string, string>();
  const declare = (d: VariableDeclaration): void => {
    declarations.push(d);
    if (!types.has(d.name)) types.set(d.name, d.type);
  };
  for (const p of document.parameters) declare({ name: p.name, type: p.type, origin: 'parameter' });
  // Outputs whose type needs other variables' types (loop items) are resolved after the first pass.
  const outputs = new Map<string, string>();
  const iterators = new Map<string, string>();
  for (const node of document.nodes) {
    const definition = definitionOf(node);
    if (!definition) continue;
    const output = outputNameOf(node, definition);
    if (output && !definition.output?.assigns) {
      outputs.set(node.id, output);
      declare({ name: output, type: outputTypeOf(node, definition, catalogue) ?? 'JSON', nodeId: node.id, origin: 'output' });
    }
  }
  for (const node of document.nodes) {
    const definition = definitionOf(node);
    if (definition?.role !== 'loop' || typeof node.config.iterator !== 'string' || node.config.iterator === '') continue;
    iterators.set(node.id, node.config.iterator);
    declare({ name: node.config.iterator, type: loopItemType(node, types, catalogue), nodeId: node.id, origin: 'iterator' });
  }
  declare({ name: LATEST_ERROR, type: 'Error', origin: 'error' });

  const start = document.nodes.find((n) => definitionOf(n)?.role === 'start');
  const reachable = new Set<string>();
  const stack = start ? [start.id] : [];
  while (stack.length) {
    const id = stack.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const e of outgoing.get(id) ?? []) stack.push(e.target);
  }

  const inScope = analyzeScopes(document.parameters.map((p) => p.name), start?.id, outgoing, outputs, iterators);

  const loopBodies = new Map<string, Set<string>>();
  for (const node of document.nodes) {
    if (definitionOf(node)?.role !== 'loop') continue;
    const bodyStart = (outgoing.get(node.id) ?? []).find((e) => e.sourcePort === LOOP_BODY)?.target;
    loopBodies.set(node.id, collect(bodyStart, node.id, outgoing));
  }
  const innermostLoop = new Map<string, string>();
  for (const [loopId, body] of loopBodies) {
    for (const id of body) {
      const current = innermostLoop.get(id);
      if (current === undefined || (loopBodies.get(current)?.size ?? 0) > body.size) innermostLoop.set(id, loopId);
    }
  }
  return { declarations, types, inScope, loopBodies, innermostLoop, reachable };
}

/** The nodes reachable from `from` without passing through `stopAt` (all ports, error paths included). */
export function collect(from: string | undefined, stopAt: string, outgoing: ReadonlyMap<string, readonly FlowEdge[]>): Set<string> {
  const seen = new Set<string>();
  const stack = from === undefined || from === stopAt ? [] : [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of outgoing.get(id) ?? []) if (e.target !== stopAt) stack.push(e.target);
  }
  return seen;
}

/** The variable name a node's output goes to, if any. */
export function outputNameOf(node: FlowNode, definition: ActivityDefinition): string | undefined {
  const field = definition.output?.variableField;
  const value = field ? node.config[field] : undefined;
  // An existing variable may be written as `$Name`, as expressions spell it.
  const name = typeof value === 'string' && definition.output?.assigns && value.startsWith('$') ? value.slice(1) : value;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The declared type of a node's output variable (Call Flow: the called flow's return type). */
export function outputTypeOf(node: FlowNode, definition: ActivityDefinition, catalogue: Catalogue): string | undefined {
  if (definition.role === 'call-flow') {
    const flow = typeof node.config.flow === 'string' ? catalogue.flows?.get(node.config.flow) : undefined;
    return flow?.returnType;
  }
  const type = definition.output?.type;
  return typeof type === 'function' ? type(node.config) : type;
}

function loopItemType(node: FlowNode, types: ReadonlyMap<string, string>, catalogue: Catalogue): string {
  const source = node.config.list;
  if (typeof source !== 'string') return 'JSON';
  const parsed = parseExpression(source);
  if (!parsed.ok) return 'JSON';
  const listType = inferType(parsed.ast, (name) => types.get(name), catalogue);
  const ref = listType ? parseType(listType) : undefined;
  return ref?.ok && ref.type.kind === 'list' ? formatType(ref.type.item) : 'JSON';
}
