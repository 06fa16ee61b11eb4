/**
 * A direct-function compiler for the simple JSONata forms most flows use: literals, `$variables`,
 * field paths (`$Order.customer.id`), arithmetic, comparisons, `and`/`or`, `&`, conditions and unary
 * minus. It keeps JSONata's semantics by answering only when the operands are the plain case it can
 * decide exactly (numbers for arithmetic, primitives for `=`, objects along a path, ...); for anything
 * else it returns `NOT_FAST` and the caller evaluates the expression with JSONata itself. The property
 * tests in `test/fast-expression.test.ts` check it against JSONata on random expressions and values.
 * No `eval` and no `new Function`: the result is a tree of closures.
 */
import { JSONATA_BUILTINS, type ExpressionNode } from '@flowbridge/flow-model';

/** Returned when the fast path cannot decide; evaluate with JSONata instead. */
export const NOT_FAST: unique symbol = Symbol('not-fast');

/** Variable values by name (without `$`). */
export type Bindings = Record<string, unknown>;
export type FastFunction = (bindings: Bindings) => unknown;

/** Compiles an AST to a direct function, or undefined when the expression uses forms outside the fast subset. */
export function compileFast(ast: ExpressionNode): FastFunction | undefined {
  try {
    return build(ast);
  } catch {
    return undefined;
  }
}

const own = Object.prototype.hasOwnProperty;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function build(node: ExpressionNode): FastFunction | undefined {
  // Predicates, grouping and stages change path semantics; leave them to JSONata.
  if (node.predicate !== undefined || node.group !== undefined || node.stages !== undefined || node.keepArray) return undefined;
  switch (node.type) {
    case 'string':
    case 'number': {
      const value = node.value;
      return () => value;
    }
    case 'value': {
      const value = node.value;
      return value === null || typeof value === 'boolean' ? () => value : undefined;
    }
    case 'variable': {
      const name = String(node.value);
      if (name === '') return undefined; // `$` is the context, not a variable
      const builtin = JSONATA_BUILTINS.has(name) || name === 'constant';
      return (b) => {
        if (builtin && !own.call(b, name)) return NOT_FAST;
        const value = own.call(b, name) ? b[name] : undefined;
        // JSONata treats functions specially and unwraps some sequences; stay out of those cases.
        return typeof value === 'function' ? NOT_FAST : value;
      };
    }
    case 'path':
      return buildPath(node);
    case 'block': {
      const expressions = Array.isArray(node.expressions) ? node.expressions : [];
      return expressions.length === 1 ? build(expressions[0] as ExpressionNode) : undefined;
    }
    case 'unary': {
      if (node.value !== '-') return undefined;
      const inner = build(node.expression as ExpressionNode);
      if (!inner) return undefined;
      return (b) => {
        const v = inner(b);
        return typeof v === 'number' ? -v : NOT_FAST;
      };
    }
    case 'condition': {
      const condition = build(node.condition as ExpressionNode);
      const then = build(node.then as ExpressionNode);
      const otherwise = node.else === undefined ? () => undefined : build(node.else as ExpressionNode);
      if (!condition || !then || !otherwise) return undefined;
      return (b) => {
        const c = condition(b);
        if (c === true) return then(b);
        if (c === false) return otherwise(b);
        return NOT_FAST;
      };
    }
    case 'binary':
      return buildBinary(node);
    default:
      return undefined;
  }
}

function buildPath(node: ExpressionNode): FastFunction | undefined {
  const steps = Array.isArray(node.steps) ? (node.steps as ExpressionNode[]) : [];
  const [head, ...rest] = steps;
  if (!head || head.type !== 'variable' || head.value === '' || head.predicate !== undefined || head.stages !== undefined) return undefined;
  if (rest.length === 0 || rest.some((s) => s.type !== 'name' || s.stages !== undefined || s.predicate !== undefined || s.group !== undefined)) return undefined;
  const variable = String(head.value);
  const names = rest.map((s) => String(s.value));
  return (b) => {
    let value: unknown = own.call(b, variable) ? b[variable] : undefined;
    for (const name of names) {
      // Arrays map over their items and singletons unwrap in JSONata: only plain objects are decided here.
      if (!isPlainObject(value)) return value === undefined ? undefined : NOT_FAST;
      value = own.call(value, name) ? value[name] : undefined;
    }
    if (Array.isArray(value) || typeof value === 'function') return NOT_FAST;
    return value;
  };
}

function buildBinary(node: ExpressionNode): FastFunction | undefined {
  const lhs = build(node.lhs as ExpressionNode);
  const rhs = build(node.rhs as ExpressionNode);
  if (!lhs || !rhs) return undefined;
  const number = (op: (a: number, c: number) => number): FastFunction => (b) => {
    const l = lhs(b);
    if (l === NOT_FAST) return NOT_FAST;
    const r = rhs(b);
    if (typeof l !== 'number' || typeof r !== 'number') return NOT_FAST;
    const result = op(l, r);
    return Number.isFinite(result) ? result : NOT_FAST;
  };
  const compare = (op: (a: number | string, c: number | string) => boolean): FastFunction => (b) => {
    const l = lhs(b);
    if (l === NOT_FAST) return NOT_FAST;
    const r = rhs(b);
    if ((typeof l === 'number' && typeof r === 'number') || (typeof l === 'string' && typeof r === 'string')) return op(l, r);
    return NOT_FAST;
  };
  const isPrimitive = (v: unknown): boolean => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  switch (node.value) {
    case '+':
      return number((a, c) => a + c);
    case '-':
      return number((a, c) => a - c);
    case '*':
      return number((a, c) => a * c);
    case '/':
      return number((a, c) => a / c);
    case '%':
      return number((a, c) => a % c);
    case '<':
      return compare((a, c) => a < c);
    case '<=':
      return compare((a, c) => a <= c);
    case '>':
      return compare((a, c) => a > c);
    case '>=':
      return compare((a, c) => a >= c);
    case '=':
    case '!=': {
      const negate = node.value === '!=';
      return (b) => {
        const l = lhs(b);
        if (l === NOT_FAST) return NOT_FAST;
        const r = rhs(b);
        if (r === NOT_FAST) return NOT_FAST;
        if (l === undefined || r === undefined) return false; // JSONata: comparing with nothing is false, for = and != alike
        if (!isPrimitive(l) || !isPrimitive(r)) return NOT_FAST;
        return negate ? l !== r : l === r;
      };
    }
    case '&':
      return (b) => {
        const l = lhs(b);
        if (typeof l !== 'string') return NOT_FAST;
        const r = rhs(b);
        return typeof r === 'string' ? l + r : NOT_FAST;
      };
    case 'and':
    case 'or': {
      const isAnd = node.value === 'and';
      return (b) => {
        const l = lhs(b);
        if (typeof l !== 'boolean') return NOT_FAST;
        if (isAnd ? !l : l) return l; // JSONata short-circuits the same way
        const r = rhs(b);
        return typeof r === 'boolean' ? r : NOT_FAST;
      };
    }
    default:
      return undefined;
  }
}
