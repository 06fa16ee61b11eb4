/**
 * Rename planning: given a rename of a flow, constant, enumeration or event type, the edits every
 * document and the settings need so each reference follows. Pure: it returns the changed documents
 * and a list of edits (for a preview); the host writes them, all or none.
 */
import type { Catalogue, FieldDefinition } from './activity-definition.js';
import type { FlowDocument, FlowNode } from './document.js';
import { FIELD_KINDS } from './field-kinds/index.js';
import { parseExpression } from './expression-analysis.js';
import { literalStrings, nodeCaption, type ReferenceTargetKind, type SettingsReferences } from './references.js';

/** What is renamed. Flow parameters are renamed in their own flow, not here. */
export interface RenameRequest {
  kind: Exclude<ReferenceTargetKind, 'parameter'>;
  from: string;
  to: string;
}

/** One change a rename makes: where, and the text before and after. */
export interface ReferenceEdit {
  /** Workspace-relative file, e.g. `flows/ASU_System.json` or `settings.json`. */
  file: string;
  flow?: string;
  nodeId?: string;
  nodeLabel?: string;
  /** Config field or document / settings path, e.g. `callbackFlow`, `entries[0].detailType`, `afterStartupFlows[0]`. */
  field: string;
  fieldLabel?: string;
  before: string;
  after: string;
}

/** The result of planning a rename. */
export interface RenamePlan {
  edits: ReferenceEdit[];
  /** Documents that change, with the references updated (the renamed flow itself keeps its name here). */
  flows: FlowDocument[];
  /** The settings with references updated, when they change. */
  settings?: SettingsReferences;
}

/** Plans the edits of `request` over `flows` and `settings`; nothing is changed in place. */
export function planRename(request: RenameRequest, flows: readonly FlowDocument[], catalogue: Catalogue, settings?: SettingsReferences): RenamePlan {
  const edits: ReferenceEdit[] = [];
  const changed: FlowDocument[] = [];
  for (const document of flows) {
    const result = renameInFlow(request, document, catalogue);
    if (result.edits.length > 0) {
      edits.push(...result.edits);
      changed.push(result.document);
    }
  }
  const plan: RenamePlan = { edits, flows: changed };
  const renamedSettings = settings ? renameInSettings(request, settings, edits) : undefined;
  if (renamedSettings) plan.settings = renamedSettings;
  return plan;
}

function renameInSettings(request: RenameRequest, settings: SettingsReferences, edits: ReferenceEdit[]): SettingsReferences | undefined {
  let changed = false;
  const next: SettingsReferences = { ...settings };
  if (request.kind === 'flow' && settings.afterStartupFlows) {
    next.afterStartupFlows = settings.afterStartupFlows.map((name, i) => {
      if (name !== request.from) return name;
      changed = true;
      edits.push({ file: 'settings.json', field: `afterStartupFlows[${i}]`, fieldLabel: 'After-startup flows', before: name, after: request.to });
      return request.to;
    });
  }
  if (request.kind === 'constant' && settings.constants) {
    next.constants = Object.fromEntries(
      Object.entries(settings.constants).map(([path, name]) => {
        if (name !== request.from) return [path, name];
        changed = true;
        edits.push({ file: 'settings.json', field: path, before: name, after: request.to });
        return [path, request.to];
      }),
    );
  }
  return changed ? next : undefined;
}

/** The document with `request` applied to its references, and the edits made. */
export function renameInFlow(request: RenameRequest, document: FlowDocument, catalogue: Catalogue): { document: FlowDocument; edits: ReferenceEdit[] } {
  const edits: ReferenceEdit[] = [];
  const file = `flows/${document.name}.json`;
  const flow = document.name;
  let next: FlowDocument = document;
  if (request.kind === 'enumeration') {
    const parameters = document.parameters.map((p, i) => {
      const type = renameEnumInType(p.type, request);
      if (type === p.type) return p;
      edits.push({ file, flow, field: `parameters[${i}].type`, fieldLabel: `Parameter ${p.name}`, before: p.type, after: type });
      return { ...p, type };
    });
    const returnType = document.returnType === undefined ? undefined : renameEnumInType(document.returnType, request);
    if (returnType !== document.returnType) edits.push({ file, flow, field: 'returnType', fieldLabel: 'Return type', before: document.returnType ?? '', after: returnType ?? '' });
    next = { ...next, parameters, ...(returnType !== undefined ? { returnType } : {}) };
  }
  const nodes = document.nodes.map((node): FlowNode => {
    const definition = catalogue.activities.get(node.kind);
    if (!definition) return node;
    let config = node.config;
    for (const field of definition.fields) {
      const value = node.config[field.name];
      if (value === undefined || value === null || value === '') continue;
      const renamed = renameInValue(field, value, request, (path, before, after) =>
        edits.push({ file, flow, nodeId: node.id, nodeLabel: nodeCaption(node, definition), field: path === '' ? field.name : `${field.name}${path}`, fieldLabel: field.label, before, after }),
      );
      if (renamed !== value) config = { ...config, [field.name]: renamed };
    }
    return config === node.config ? node : { ...node, config };
  });
  if (edits.length === 0) return { document, edits };
  return { document: { ...next, nodes }, edits };
}

type Report = (path: string, before: string, after: string) => void;

/** A field value with the rename applied (the same object when nothing changes). */
function renameInValue(field: FieldDefinition, value: unknown, request: RenameRequest, report: Report, path = ''): unknown {
  if (field.widget === 'table' && Array.isArray(value)) {
    let changed = false;
    const rows = value.map((row, i) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
      let next = row as Record<string, unknown>;
      for (const column of field.columns ?? []) {
        const cell = next[column.name];
        if (cell === undefined || cell === null || cell === '') continue;
        const renamed = renameInValue(column, cell, request, report, `${path}[${i}].${column.name}`);
        if (renamed !== cell) next = { ...next, [column.name]: renamed };
      }
      if (next !== row) changed = true;
      return next;
    });
    return changed ? rows : value;
  }
  if (field.widget === 'parameter-map' && request.kind === 'constant' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    let next = value as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'string') continue;
      const renamed = renameConstantInExpression(item, request);
      if (renamed !== item) {
        report(`.${key}`, item, renamed);
        next = { ...next, [key]: renamed };
      }
    }
    return next;
  }
  if (typeof value !== 'string') return value;
  const renamed = renameInText(field, value, request);
  if (renamed !== value) report(path, value, renamed);
  return renamed;
}

function renameInText(field: FieldDefinition, text: string, request: RenameRequest): string {
  switch (request.kind) {
    case 'flow':
      return field.widget === 'flow' && text === request.from ? request.to : text;
    case 'constant':
      if (field.widget === 'constant') return text === request.from ? request.to : text;
      return holdsExpressions(field, text) ? renameConstantInExpression(text, request) : text;
    case 'enumeration':
      if (field.widget === 'enumeration') return text === request.from ? request.to : text;
      if (field.widget === 'type') return renameEnumInType(text, request);
      return text;
    case 'eventType':
      return field.eventTypes ? renameEventTypeLiteral(text, request) : text;
  }
}

function holdsExpressions(field: FieldDefinition, text: string): boolean {
  return FIELD_KINDS[field.widget].expressions(text, field) !== undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `$constant('From')` → `$constant('To')` (either quote style); other text is left as written. */
export function renameConstantInExpression(source: string, request: Pick<RenameRequest, 'from' | 'to'>): string {
  const pattern = new RegExp(`\\$constant\\(\\s*(['"])${escapeRegExp(request.from)}\\1\\s*\\)`, 'g');
  return source.replace(pattern, (_match, quote: string) => `$constant(${quote}${request.to}${quote})`);
}

/** `Enum<From>` → `Enum<To>` inside a type name, at any depth. */
export function renameEnumInType(type: string, request: Pick<RenameRequest, 'from' | 'to'>): string {
  return type.replace(new RegExp(`Enum\\s*<\\s*${escapeRegExp(request.from)}\\s*>`, 'g'), `Enum<${request.to}>`);
}

/**
 * Renames an event type in a literal value (`'OrderPlaced'` or a list of literals); a computed value,
 * or a name that cannot be written as a plain literal, is left alone.
 */
export function renameEventTypeLiteral(source: string, request: Pick<RenameRequest, 'from' | 'to'>): string {
  const parsed = parseExpression(source);
  const before = parsed.ok ? literalStrings(parsed.ast) : undefined;
  if (!before || !before.includes(request.from) || /['"\\]/.test(request.to)) return source;
  const renamed = source.replace(new RegExp(`(['"])${escapeRegExp(request.from)}\\1`, 'g'), (_m, quote: string) => `${quote}${request.to}${quote}`);
  const check = parseExpression(renamed);
  const after = check.ok ? literalStrings(check.ast) : undefined;
  const expected = before.map((name) => (name === request.from ? request.to : name));
  return after && after.length === expected.length && after.every((name, i) => name === expected[i]) ? renamed : source;
}
