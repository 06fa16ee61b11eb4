/**
 * Structural checks at the edge: turns arbitrary JSON into a FlowDocument, or a precise problem list.
 * Never throws, whatever the input.
 */
import { checkConfigSize, checkDocumentCounts } from './document-limits.js';
import { FORMAT_VERSION, type FlowDocument, type FlowEdge, type FlowNode } from './document.js';
import { checkLimits } from './limits.js';
import { migrateDocument } from './migrate.js';
import type { Problem } from './problems.js';

export type ParseResult = { ok: true; document: FlowDocument } | { ok: false; problems: Problem[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function structural(field: string, message: string): Problem {
  return { severity: 'error', code: 'invalid-document', field, message };
}

/** Checks that `input` has the shape of a flow document (types of every field), without judging the graph. */
export function parseDocument(original: unknown): ParseResult {
  const migrated = migrateDocument(original);
  if (!migrated.ok) return { ok: false, problems: migrated.problems };
  const input = migrated.document;
  const problems: Problem[] = [];
  if (!isRecord(input)) {
    return { ok: false, problems: [structural('$', `A flow document must be a JSON object, got ${describe(input)}.`)] };
  }
  const tooLarge = checkDocumentCounts(input);
  if (tooLarge.length > 0) return { ok: false, problems: tooLarge };
  if (input.formatVersion !== FORMAT_VERSION) {
    problems.push(
      structural(
        'formatVersion',
        typeof input.formatVersion === 'number' && input.formatVersion > FORMAT_VERSION
          ? `formatVersion ${input.formatVersion} is newer than this Flowbridge understands (${FORMAT_VERSION}); upgrade Flowbridge.`
          : `formatVersion must be ${FORMAT_VERSION}, got ${describe(input.formatVersion)}.`,
      ),
    );
  }
  if (typeof input.name !== 'string' || input.name.length === 0) problems.push(structural('name', 'name must be a non-empty string.'));
  if (input.description !== undefined && typeof input.description !== 'string') problems.push(structural('description', 'description must be a string.'));
  if (input.returnType !== undefined && typeof input.returnType !== 'string') problems.push(structural('returnType', 'returnType must be a type name string.'));
  const limits = input.limits === undefined ? undefined : checkLimits(input.limits, 'limits');
  for (const problem of limits?.problems ?? []) problems.push(structural(problem.path, problem.message));

  const parameters = checkArray(input, 'parameters', problems, (p, path) => {
    if (!isRecord(p)) return problems.push(structural(path, 'a parameter must be an object with name and type.'));
    if (typeof p.name !== 'string' || p.name === '') problems.push(structural(`${path}.name`, 'parameter name must be a non-empty string.'));
    if (typeof p.type !== 'string' || p.type === '') problems.push(structural(`${path}.type`, 'parameter type must be a type name string.'));
  });
  checkArray(input, 'nodes', problems, (n, path) => {
    if (!isRecord(n)) return problems.push(structural(path, 'a node must be an object.'));
    if (typeof n.id !== 'string' || n.id === '') problems.push(structural(`${path}.id`, 'node id must be a non-empty string.'));
    if (typeof n.kind !== 'string' || n.kind === '') problems.push(structural(`${path}.kind`, 'node kind must be a non-empty string.'));
    if (!isRecord(n.position) || !isFiniteNumber(n.position.x) || !isFiniteNumber(n.position.y)) {
      problems.push(structural(`${path}.position`, 'node position must be {x: number, y: number}.'));
    }
    if (!isRecord(n.config)) problems.push(structural(`${path}.config`, 'node config must be an object.'));
    else {
      const size = checkConfigSize(n.config, `${path}.config`);
      if (size) problems.push(size);
    }
    if (n.label !== undefined && typeof n.label !== 'string') problems.push(structural(`${path}.label`, 'node label must be a string.'));
  });
  checkArray(input, 'edges', problems, (e, path) => {
    if (!isRecord(e)) return problems.push(structural(path, 'an edge must be an object.'));
    for (const key of ['id', 'source', 'sourcePort', 'target'] as const) {
      if (typeof e[key] !== 'string' || e[key] === '') problems.push(structural(`${path}.${key}`, `edge ${key} must be a non-empty string.`));
    }
  });
  const annotations = input.annotations === undefined ? [] : input.annotations;
  if (!Array.isArray(annotations)) problems.push(structural('annotations', 'annotations must be an array.'));
  else
    annotations.forEach((a, i) => {
      const path = `annotations[${i}]`;
      if (!isRecord(a) || typeof a.id !== 'string' || typeof a.text !== 'string' || !isRecord(a.position)) {
        problems.push(structural(path, 'an annotation must be {id, text, position}.'));
      }
    });
  void parameters;
  if (problems.length > 0) return { ok: false, problems };

  const doc = input as unknown as FlowDocument;
  const document: FlowDocument = {
    formatVersion: FORMAT_VERSION,
    name: doc.name,
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    parameters: doc.parameters.map((p) => ({ name: p.name, type: p.type, ...(p.description !== undefined ? { description: p.description } : {}) })),
    ...(doc.returnType !== undefined ? { returnType: doc.returnType } : {}),
    ...(limits ? { limits: limits.limits } : {}),
    nodes: doc.nodes.map(
      (n): FlowNode => ({
        id: n.id,
        kind: n.kind,
        position: { x: n.position.x, y: n.position.y },
        ...(n.label !== undefined ? { label: n.label } : {}),
        config: n.config,
      }),
    ),
    edges: doc.edges.map((e): FlowEdge => ({ id: e.id, source: e.source, sourcePort: e.sourcePort, target: e.target })),
    annotations: (doc.annotations ?? []).map((a) => ({ id: a.id, text: a.text, position: { x: a.position.x, y: a.position.y } })),
  };
  return { ok: true, document };
}

function checkArray(
  input: Record<string, unknown>,
  key: string,
  problems: Problem[],
  each: (item: unknown, path: string) => unknown,
): unknown[] {
  const value = input[key];
  if (!Array.isArray(value)) {
    problems.push(structural(key, `${key} must be an array, got ${describe(value)}.`));
    return [];
  }
  value.forEach((item, i) => each(item, `${key}[${i}]`));
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : `${typeof value} ${String(value).slice(0, 40)}`;
}
