/**
 * Static analysis of JSONata expressions: which variables and constants they use and, for the simple
 * forms, which type they yield. Used by `validate` (scope and type checks) and the editor.
 *
 * Constants are read in expressions as `$constant('Module.Name')` (non-secret constants only).
 */
import jsonata from 'jsonata';
import type { Catalogue } from './activity-definition.js';
import { fieldType, formatType, parseType, type TypeRef } from './types.js';

/** The function expressions use to read a (non-secret) constant: `$constant('Module.Name')`. */
export const CONSTANT_FUNCTION = 'constant';

/** JSONata's built-in functions; a `$name` that is one of these is not a flow variable. */
export const JSONATA_BUILTINS: ReadonlySet<string> = new Set(
  (
    'abs append assert average base64decode base64encode boolean ceil clone contains count decodeUrl decodeUrlComponent distinct each ' +
    'encodeUrl encodeUrlComponent error eval exists filter floor formatBase formatInteger formatNumber fromMillis join keys length lookup ' +
    'lowercase map match max merge millis min not now number pad parseInteger power random reduce replace reverse round shuffle sift single ' +
    'sort split spread sqrt string substring substringAfter substringBefore sum toMillis trim type uppercase zip'
  ).split(' '),
);

/** A JSONata AST node; the library publishes no type for it, so it is read as a loose record. */
export interface ExpressionNode {
  type: string;
  value?: unknown;
  position?: number;
  [key: string]: unknown;
}

/** Parses an expression into its AST, or the syntax error with its position. */
export function parseExpression(source: string): { ok: true; ast: ExpressionNode } | { ok: false; position: number; message: string } {
  try {
    return { ok: true, ast: jsonata(source).ast() as unknown as ExpressionNode };
  } catch (error) {
    const e = error as { position?: number; message?: string };
    return { ok: false, position: typeof e.position === 'number' ? e.position : 0, message: e.message ?? String(error) };
  }
}

/** A flow variable an expression reads, with the position of its first use. */
export interface VariableReference {
  name: string;
  position: number;
}

/** The flow variables an expression reads (built-ins, `$constant` and names the expression binds itself excluded). */
export function referencedVariables(ast: ExpressionNode): VariableReference[] {
  const bound = new Set<string>();
  const found = new Map<string, number>();
  walk(ast, (node) => {
    if (node.type === 'bind' && isNode(node.lhs) && node.lhs.type === 'variable') bound.add(String(node.lhs.value));
    if (node.type === 'lambda' && Array.isArray(node.arguments)) for (const a of node.arguments) if (isNode(a)) bound.add(String(a.value));
    if (typeof node.focus === 'string') bound.add(node.focus);
    if (typeof node.index === 'string') bound.add(node.index);
  });
  walk(ast, (node) => {
    if (node.type !== 'variable') return;
    const name = String(node.value);
    if (name === '' || name === '$' || bound.has(name) || JSONATA_BUILTINS.has(name) || name === CONSTANT_FUNCTION) return;
    if (!found.has(name)) found.set(name, typeof node.position === 'number' ? node.position - name.length - 1 : 0);
  });
  return [...found].map(([name, position]) => ({ name, position: Math.max(0, position) }));
}

/** The constant names read through `$constant('Module.Name')`; a non-literal argument is reported as `dynamic`. */
export function referencedConstants(ast: ExpressionNode): { names: string[]; dynamic: boolean } {
  const names: string[] = [];
  let dynamic = false;
  walk(ast, (node) => {
    if (node.type !== 'function' || !isNode(node.procedure) || node.procedure.type !== 'variable' || node.procedure.value !== CONSTANT_FUNCTION) return;
    const args = Array.isArray(node.arguments) ? node.arguments : [];
    const first = args[0];
    if (args.length === 1 && isNode(first) && first.type === 'string') names.push(String(first.value));
    else dynamic = true;
  });
  return { names, dynamic };
}

/** Looks up a variable's type name for `inferType`. */
export type TypeLookup = (variable: string) => string | undefined;

/**
 * The type a simple expression yields (literals, variables, field paths of object types, arithmetic,
 * comparisons, `&`, conditions, `$constant`), or undefined when the checker cannot tell.
 */
export function inferType(ast: ExpressionNode, lookup: TypeLookup, catalogue: Catalogue): string | undefined {
  const ref = infer(ast, lookup, catalogue);
  return ref ? formatType(ref) : undefined;
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const BOOLEAN_OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=', 'and', 'or', 'in']);
const STRING: TypeRef = { kind: 'primitive', name: 'String' };
const INTEGER: TypeRef = { kind: 'primitive', name: 'Integer' };
const DECIMAL: TypeRef = { kind: 'primitive', name: 'Decimal' };
const BOOLEAN: TypeRef = { kind: 'primitive', name: 'Boolean' };
const JSON_TYPE: TypeRef = { kind: 'primitive', name: 'JSON' };

function infer(node: ExpressionNode, lookup: TypeLookup, catalogue: Catalogue): TypeRef | undefined {
  if (node.predicate !== undefined || node.group !== undefined || node.stages !== undefined) return undefined;
  switch (node.type) {
    case 'string':
      return STRING;
    case 'number':
      return Number.isInteger(node.value) ? INTEGER : DECIMAL;
    case 'value':
      return typeof node.value === 'boolean' ? BOOLEAN : undefined;
    case 'variable': {
      const name = lookup(String(node.value));
      const parsed = name === undefined ? undefined : parseType(name);
      return parsed?.ok ? parsed.type : undefined;
    }
    case 'path': {
      const steps = Array.isArray(node.steps) ? node.steps.filter(isNode) : [];
      const [head, ...rest] = steps;
      if (!head || head.type !== 'variable' || rest.some((s) => s.type !== 'name' || s.stages !== undefined || s.predicate !== undefined)) return undefined;
      const base = infer(head, lookup, catalogue);
      if (!base || base.kind !== 'object') return undefined;
      return fieldType(base, rest.map((s) => String(s.value)), catalogue);
    }
    case 'binary': {
      const op = String(node.value);
      if (BOOLEAN_OPERATORS.has(op)) return BOOLEAN;
      if (op === '&') return STRING;
      if (!ARITHMETIC.has(op) || !isNode(node.lhs) || !isNode(node.rhs)) return undefined;
      const l = infer(node.lhs, lookup, catalogue);
      const r = infer(node.rhs, lookup, catalogue);
      if (!isNumeric(l) || !isNumeric(r)) return undefined;
      return op !== '/' && l.name === 'Integer' && r.name === 'Integer' ? INTEGER : DECIMAL;
    }
    case 'unary':
      if (node.value === '-' && isNode(node.expression)) {
        const inner = infer(node.expression, lookup, catalogue);
        return isNumeric(inner) ? inner : undefined;
      }
      if (node.value === '{') return JSON_TYPE;
      if (node.value === '[') return { kind: 'list', item: JSON_TYPE };
      return undefined;
    case 'condition': {
      if (!isNode(node.then) || !isNode(node.else)) return undefined;
      const a = infer(node.then, lookup, catalogue);
      const b = infer(node.else, lookup, catalogue);
      return a && b && formatType(a) === formatType(b) ? a : undefined;
    }
    case 'block': {
      const expressions = Array.isArray(node.expressions) ? node.expressions.filter(isNode) : [];
      const only = expressions.length === 1 ? expressions[0] : undefined;
      return only ? infer(only, lookup, catalogue) : undefined;
    }
    case 'function': {
      if (!isNode(node.procedure) || node.procedure.type !== 'variable') return undefined;
      const name = String(node.procedure.value);
      if (name === CONSTANT_FUNCTION) {
        const first = Array.isArray(node.arguments) ? node.arguments[0] : undefined;
        const constant = isNode(first) && first.type === 'string' ? catalogue.constants?.get(String(first.value)) : undefined;
        const parsed = constant ? parseType(constant.type ?? 'String') : undefined;
        return parsed?.ok ? parsed.type : undefined;
      }
      if (['string', 'uppercase', 'lowercase', 'trim', 'substring', 'join', 'now'].includes(name)) return name === 'now' ? { kind: 'primitive', name: 'DateTime' } : STRING;
      if (['count', 'length', 'millis', 'toMillis'].includes(name)) return INTEGER;
      const args = Array.isArray(node.arguments) ? node.arguments.filter(isNode) : [];
      if (['floor', 'ceil'].includes(name) || (name === 'round' && args.length === 1)) return INTEGER;
      if (['round', 'average', 'power', 'sqrt'].includes(name)) return DECIMAL;
      if (name === 'abs' && args[0]) {
        const inner = infer(args[0], lookup, catalogue);
        return isNumeric(inner) ? inner : undefined;
      }
      if (name === 'fromMillis') return { kind: 'primitive', name: 'DateTime' };
      if (['boolean', 'not', 'exists', 'contains'].includes(name)) return BOOLEAN;
      return undefined;
    }
    default:
      return undefined;
  }
}

function isNumeric(type: TypeRef | undefined): type is { kind: 'primitive'; name: 'Integer' | 'Decimal' } {
  return type?.kind === 'primitive' && (type.name === 'Integer' || type.name === 'Decimal');
}

function isNode(value: unknown): value is ExpressionNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Visits every AST node (depth first); tolerant of the shapes the JSONata parser produces. */
function walk(value: unknown, visit: (node: ExpressionNode) => void, depth = 0): void {
  if (depth > 200 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit, depth + 1);
    return;
  }
  if (isNode(value)) visit(value);
  for (const [key, child] of Object.entries(value)) if (key !== 'slot' && key !== 'tuple') walk(child, visit, depth + 1);
}
