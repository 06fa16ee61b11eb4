/**
 * `validate(document, catalogue)`: the one check both the editor (live problems) and the server
 * (on save, before run) use. Accepts arbitrary JSON and never throws.
 */
import jsonata from 'jsonata';
import { portsOf, type ActivityDefinition, type Catalogue, type FieldDefinition } from './activity-definition.js';
import type { FlowDocument, FlowNode } from './document.js';
import { parseDocument } from './parse-document.js';
import type { Problem } from './problems.js';
import { parseTemplate } from './template.js';

/** Every problem in `input`, structural first; an empty list means the flow can run. */
export function validate(input: unknown, catalogue: Catalogue): Problem[] {
  try {
    const parsed = parseDocument(input);
    if (!parsed.ok) return parsed.problems;
    return validateGraph(parsed.document, catalogue);
  } catch (error) {
    // A bug in a check must not take the editor or the server down; report it as a problem instead.
    return [{ severity: 'error', code: 'internal', message: `Validation failed unexpectedly: ${(error as Error).message}` }];
  }
}

function validateGraph(doc: FlowDocument, catalogue: Catalogue): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, FlowNode>();
  for (const node of doc.nodes) {
    if (byId.has(node.id)) problems.push({ severity: 'error', code: 'duplicate-node-id', nodeId: node.id, message: `Two nodes share the id "${node.id}".` });
    byId.set(node.id, node);
  }
  const definitionOf = (node: FlowNode): ActivityDefinition | undefined => catalogue.activities.get(node.kind);

  const starts = doc.nodes.filter((n) => definitionOf(n)?.role === 'start');
  if (starts.length === 0) problems.push({ severity: 'error', code: 'missing-start', message: 'The flow has no Start; add one from the palette.' });
  if (starts.length > 1) {
    for (const s of starts.slice(1)) problems.push({ severity: 'error', code: 'multiple-starts', nodeId: s.id, message: 'A flow has exactly one Start; remove this one.' });
  }
  const ends = doc.nodes.filter((n) => {
    const role = definitionOf(n)?.role;
    return role === 'end' || role === 'error-end';
  });
  if (ends.length === 0) problems.push({ severity: 'error', code: 'missing-end', message: 'The flow has no End; add one and connect the last activity to it.' });

  const outgoing = new Map<string, string[]>();
  const edgeIds = new Set<string>();
  for (const edge of doc.edges) {
    if (edgeIds.has(edge.id)) problems.push({ severity: 'error', code: 'duplicate-edge-id', edgeId: edge.id, message: `Two edges share the id "${edge.id}".` });
    edgeIds.add(edge.id);
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source) {
      problems.push({ severity: 'error', code: 'dangling-edge', edgeId: edge.id, message: `Edge "${edge.id}" starts at a node that does not exist ("${edge.source}").` });
      continue;
    }
    if (!target) {
      problems.push({ severity: 'error', code: 'dangling-edge', edgeId: edge.id, nodeId: source.id, message: `Edge "${edge.id}" points to a node that does not exist ("${edge.target}").` });
      continue;
    }
    const definition = definitionOf(source);
    if (definition) {
      const ports = portsOf(definition, source.config).map((p) => p.id);
      const allowsError = definition.role !== 'start' && definition.role !== 'end' && definition.role !== 'error-end';
      if (!ports.includes(edge.sourcePort) && !(allowsError && edge.sourcePort === 'error')) {
        problems.push({
          severity: 'error',
          code: 'unknown-port',
          edgeId: edge.id,
          nodeId: source.id,
          message: `${label(source, definition)} has no outgoing port "${edge.sourcePort}"${ports.length ? `; use one of ${ports.join(', ')}` : ''}.`,
        });
      }
    }
    if (definitionOf(target)?.role === 'start') {
      problems.push({ severity: 'error', code: 'edge-into-start', edgeId: edge.id, nodeId: target.id, message: 'Nothing may flow into the Start.' });
    }
    const list = outgoing.get(edge.source) ?? [];
    const duplicatePort = doc.edges.find((e) => e !== edge && e.source === edge.source && e.sourcePort === edge.sourcePort && doc.edges.indexOf(e) < doc.edges.indexOf(edge));
    if (duplicatePort) {
      problems.push({ severity: 'error', code: 'duplicate-port-edge', edgeId: edge.id, nodeId: source.id, message: `Port "${edge.sourcePort}" of ${label(source, definition)} already has an outgoing edge.` });
    }
    list.push(edge.target);
    outgoing.set(edge.source, list);
  }

  // Reachability from the Start.
  const reachable = new Set<string>();
  const queue = starts.slice(0, 1).map((s) => s.id);
  while (queue.length) {
    const id = queue.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const next of outgoing.get(id) ?? []) if (byId.has(next)) queue.push(next);
  }

  for (const node of doc.nodes) {
    const definition = definitionOf(node);
    if (!definition) {
      problems.push({ severity: 'error', code: 'unknown-kind', nodeId: node.id, message: `Unknown activity "${node.kind}"; is its connector installed?` });
      continue;
    }
    if (starts.length > 0 && !reachable.has(node.id)) {
      problems.push({ severity: 'error', code: 'unreachable', nodeId: node.id, message: `${label(node, definition)} cannot be reached from the Start; connect it or remove it.` });
    }
    const terminal = definition.role === 'end' || definition.role === 'error-end' || definition.role === 'break' || definition.role === 'continue';
    const hasNormalExit = doc.edges.some((e) => e.source === node.id && e.sourcePort !== 'error');
    if (!terminal && !hasNormalExit) {
      problems.push({ severity: 'error', code: 'no-outgoing', nodeId: node.id, message: `${label(node, definition)} has no outgoing flow; connect it to the next activity or an End.` });
    }
    for (const field of definition.fields) problems.push(...checkField(node, definition, field));
    if (definition.validate) {
      for (const issue of definition.validate(node, catalogue)) problems.push({ ...issue, nodeId: node.id });
    }
  }
  return problems;
}

function checkField(node: FlowNode, definition: ActivityDefinition, field: FieldDefinition): Problem[] {
  const value = node.config[field.name];
  const empty = value === undefined || value === null || value === '';
  if (empty) {
    return field.required
      ? [{ severity: 'error', code: 'required', nodeId: node.id, field: field.name, message: `${label(node, definition)}: ${field.label} is required.` }]
      : [];
  }
  switch (field.widget) {
    case 'expression':
    case 'region':
    case 'variable-ref':
      if (typeof value !== 'string') return [wrongType(node, definition, field, 'an expression (text)')];
      return expressionProblems(node, definition, field, value, 0);
    case 'template': {
      if (typeof value !== 'string') return [wrongType(node, definition, field, 'text')];
      const out: Problem[] = [];
      for (const part of parseTemplate(value)) {
        if ('expression' in part) out.push(...expressionProblems(node, definition, field, part.expression, part.offset));
      }
      return out;
    }
    case 'text':
    case 'select':
    case 'variable-name':
    case 'type':
    case 'flow':
      if (typeof value !== 'string') return [wrongType(node, definition, field, 'text')];
      if (field.widget === 'select' && field.options && !field.options.some((o) => o.value === value)) {
        return [{ severity: 'error', code: 'invalid-option', nodeId: node.id, field: field.name, message: `${label(node, definition)}: ${field.label} must be one of ${field.options.map((o) => o.value).join(', ')}.` }];
      }
      return [];
    case 'checkbox':
      return typeof value === 'boolean' ? [] : [wrongType(node, definition, field, 'true or false')];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [wrongType(node, definition, field, 'a number')];
    case 'table':
      return Array.isArray(value) ? [] : [wrongType(node, definition, field, 'a list of rows')];
    case 'parameter-map':
      return typeof value === 'object' && !Array.isArray(value) ? [] : [wrongType(node, definition, field, 'an object of expressions')];
  }
}

/** Parses one JSONata expression and reports a syntax error with its position. */
export function expressionProblems(node: FlowNode, definition: ActivityDefinition, field: FieldDefinition, expression: string, offset: number): Problem[] {
  const error = expressionSyntaxError(expression);
  if (!error) return [];
  return [
    {
      severity: 'error',
      code: 'expression-syntax',
      nodeId: node.id,
      field: field.name,
      message: `${label(node, definition)}: ${field.label} has an invalid expression at position ${offset + error.position}: ${error.message}`,
    },
  ];
}

/** The JSONata syntax error of `expression`, or null when it parses. */
export function expressionSyntaxError(expression: string): { position: number; message: string } | null {
  try {
    jsonata(expression);
    return null;
  } catch (error) {
    const e = error as { position?: number; message?: string };
    return { position: typeof e.position === 'number' ? e.position : 0, message: e.message ?? String(error) };
  }
}

function wrongType(node: FlowNode, definition: ActivityDefinition, field: FieldDefinition, expected: string): Problem {
  return { severity: 'error', code: 'invalid-config', nodeId: node.id, field: field.name, message: `${label(node, definition)}: ${field.label} must be ${expected}.` };
}

function label(node: FlowNode, definition: ActivityDefinition | undefined): string {
  return `"${node.label ?? definition?.label ?? node.kind}"`;
}
