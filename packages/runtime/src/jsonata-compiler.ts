/**
 * A closure compiler for a large part of JSONata: paths over objects and arrays (with JSONata's
 * sequences, singleton unwrapping and keep-array `[]`), filters with predicates and indexes,
 * object and array constructors, blocks with `:=` bindings, conditions, every binary operator but
 * `..`, and the built-in functions flows use most (`$sum`, `$count`, `$string`, `$substring`,
 * `$map`/`$filter`/`$reduce` with inline lambdas, ...).
 *
 * Each evaluator is a synchronous port of the matching function of jsonata 2.x's evaluator, written
 * for the plain cases only: whenever a value is one whose handling it does not reproduce exactly
 * (an error JSONata would raise, a function value, a type a built-in would coerce), it throws
 * `BAIL` and the caller evaluates the whole expression with JSONata instead. Evaluation has no side
 * effects outside its own frames, so abandoning it half-way is safe. No `eval`, no `new Function`.
 * `test/jsonata-compiler.test.ts` proves equality with JSONata on a corpus and on cases of
 * JSONata's own test suite.
 */
import { JSONATA_BUILTINS, type ExpressionNode } from '@flowbridge/flow-model';

/** Thrown (never escapes `evaluateCompiled`) when the compiled form cannot decide a case exactly. */
const BAIL: unique symbol = Symbol('bail');

/** Variable values by name (without `$`). */
type Bindings = Record<string, unknown>;

/** A variable frame, as JSONata's `createFrame`: own bindings first, then the enclosing frame. */
interface Frame {
  vars: Record<string, unknown> | undefined;
  readonly parent: Frame | undefined;
}

/** What one evaluation sees: the run's variables, the extra bindings and the root input. */
interface Scope {
  readonly bindings: Bindings;
  readonly extra: Bindings | undefined;
  readonly root: unknown;
  readonly guard: (() => void) | undefined;
}

type Evaluator = (input: unknown, frame: Frame, scope: Scope) => unknown;

/** An inline lambda, created where it is written and applied only by the built-in higher-order functions. */
interface Lambda {
  readonly lambda: true;
  readonly params: readonly string[];
  readonly body: Evaluator;
  readonly input: unknown;
  readonly frame: Frame;
}

/** A compiled expression; `run` returns `NOT_COMPILED` when JSONata has to decide. */
export interface CompiledJsonata {
  /** Evaluates against `input` (the runtime's is always `{}`), or returns `NOT_COMPILED`. */
  run(bindings: Bindings, extra: Bindings | undefined, guard: (() => void) | undefined, input: unknown): unknown;
}

/** Returned by `run` when the compiled form cannot decide this evaluation. */
export const NOT_COMPILED: unique symbol = Symbol('not-compiled');

/** Compiles an AST, or undefined when it uses forms outside the compiled subset. */
export function compileJsonataAst(ast: ExpressionNode): CompiledJsonata | undefined {
  let evaluator: Evaluator;
  try {
    evaluator = compile(ast);
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
  return {
    run(bindings, extra, guard, input) {
      guard?.(); // JSONata asks the guard before its first node too
      // As jsonata's `evaluate`: `$$` is the input as given; an array input is wrapped once.
      let context = input;
      if (Array.isArray(input) && !isSequence(input)) {
        context = createSequence(input);
        (context as Sequence).outerWrapper = true;
      }
      try {
        return evaluator(context, { vars: undefined, parent: undefined }, { bindings, extra, root: input, guard });
      } catch (error) {
        if (error === BAIL) return NOT_COMPILED;
        throw error;
      }
    },
  };
}

// --- values, as jsonata's helpers ------------------------------------------------------------------

type Sequence = unknown[] & { sequence?: boolean; keepSingleton?: boolean; cons?: boolean; outerWrapper?: boolean; tupleStream?: boolean };

const own = Object.prototype.hasOwnProperty;

function createSequence(...items: unknown[]): Sequence {
  const sequence: Sequence = [];
  sequence.sequence = true;
  if (items.length === 1) sequence.push(items[0]);
  return sequence;
}

function isSequence(value: unknown): value is Sequence {
  return Array.isArray(value) && (value as Sequence).sequence === true;
}

function isFunctionValue(value: unknown): boolean {
  return typeof value === 'function' || (typeof value === 'object' && value !== null && ((value as Record<string, unknown>)._jsonata_function === true || (value as Record<string, unknown>)._jsonata_lambda === true || (value as Lambda).lambda === true));
}

/** jsonata's isNumeric; an infinite number is an error there (D1001). */
function isNumeric(value: unknown): value is number {
  if (typeof value !== 'number') return false;
  if (Number.isNaN(value)) return false;
  if (!Number.isFinite(value)) throw BAIL;
  return true;
}

function isArrayOfNumbers(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => isNumeric(item));
}

/** jsonata's `evaluate` epilogue: sequences of none or one item collapse unless kept. */
function finish(result: unknown, keepArray: boolean): unknown {
  if (result && isSequence(result) && !result.tupleStream) {
    if (keepArray) result.keepSingleton = true;
    if (result.length === 0) return undefined;
    if (result.length === 1) return result.keepSingleton ? result : result[0];
  }
  return result;
}

/** jsonata's `fn.boolean`. */
function toBoolean(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 1) return toBoolean(value[0]);
    if (value.length > 1) return value.some((item) => toBoolean(item));
    return false;
  }
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return isNumeric(value) && value !== 0;
  if (isFunctionValue(value)) throw BAIL;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return value === true;
}

/** jsonata's `fn.lookup`. */
function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const result = createSequence();
    for (const item of input) {
      const value = lookup(item, key);
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) result.push(v);
      else result.push(value);
    }
    return result;
  }
  if (input !== null && typeof input === 'object' && own.call(input, key)) {
    if (isFunctionValue(input)) throw BAIL;
    return (input as Record<string, unknown>)[key];
  }
  return undefined;
}

/** jsonata's `fn.append`. */
function append(first: unknown, second: unknown): unknown {
  if (first === undefined) return second;
  if (second === undefined) return first;
  const a = Array.isArray(first) ? first : createSequence(first);
  const b = Array.isArray(second) ? second : [second];
  return a.concat(b);
}

function isDeepEqual(lhs: unknown, rhs: unknown): boolean {
  if (lhs === rhs) return true;
  if (typeof lhs === 'object' && typeof rhs === 'object' && lhs !== null && rhs !== null) {
    if (Array.isArray(lhs) && Array.isArray(rhs)) {
      if (lhs.length !== rhs.length) return false;
      for (let i = 0; i < lhs.length; i++) if (!isDeepEqual(lhs[i], rhs[i])) return false;
      return true;
    }
    const lkeys = Object.getOwnPropertyNames(lhs).sort();
    const rkeys = Object.getOwnPropertyNames(rhs).sort();
    if (lkeys.length !== rkeys.length) return false;
    for (let i = 0; i < lkeys.length; i++) if (lkeys[i] !== rkeys[i]) return false;
    for (const key of lkeys) if (!isDeepEqual((lhs as Record<string, unknown>)[key], (rhs as Record<string, unknown>)[key])) return false;
    return true;
  }
  return false;
}

/** jsonata's `fn.string` (the JSON of non-strings, numbers to 15 significant digits). */
function toText(value: unknown, prettify: boolean): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (isFunctionValue(value)) throw BAIL;
  if (typeof value === 'number' && !Number.isFinite(value)) throw BAIL;
  const subject = Array.isArray(value) && (value as Sequence).outerWrapper ? value[0] : value;
  return JSON.stringify(
    subject,
    (_key, v: unknown) => {
      if (v !== undefined && v !== null && isNumeric(v)) return !Number.isInteger(v) ? Number(v.toPrecision(15)) : v;
      if (v && isFunctionValue(v)) throw BAIL;
      return v;
    },
    prettify ? 2 : 0,
  );
}

// --- the compiler ------------------------------------------------------------------------------------

function compile(node: ExpressionNode): Evaluator {
  if (own.call(node, 'group') || node.focus !== undefined || node.tuple !== undefined || node.index !== undefined || node.ancestor !== undefined) throw BAIL;
  const core = compileCore(node);
  const filters = own.call(node, 'predicate') ? compileStages(node.predicate) : undefined;
  const keepArray = node.keepArray === true;
  if (!filters) return keepArray ? (i, f, s) => finish(core(i, f, s), true) : (i, f, s) => finish(core(i, f, s), false);
  return (input, frame, scope) => {
    let result = core(input, frame, scope);
    for (const filter of filters) result = filter(result, frame, scope);
    return finish(result, keepArray);
  };
}

type Filter = (input: unknown, frame: Frame, scope: Scope) => Sequence | unknown[];

function compileStages(stages: unknown): Filter[] {
  if (!Array.isArray(stages)) throw BAIL;
  return stages.map((stage: ExpressionNode) => {
    if (stage.type !== 'filter') throw BAIL;
    return compileFilter(stage.expr as ExpressionNode);
  });
}

/** jsonata's `evaluateFilter`. */
function compileFilter(predicate: ExpressionNode): Filter {
  if (predicate.type === 'number') {
    const literal = Math.floor(predicate.value as number);
    return (value) => {
      const input = Array.isArray(value) ? value : createSequence(value);
      const index = literal < 0 ? input.length + literal : literal;
      const item = input[index];
      if (item === undefined) return createSequence();
      if (Array.isArray(item)) return item;
      const results = createSequence();
      results.push(item);
      return results;
    };
  }
  const test = compile(predicate);
  return (value, frame, scope) => {
    const input = Array.isArray(value) ? value : createSequence(value);
    if ((value as Sequence | undefined)?.tupleStream) throw BAIL;
    const results = createSequence();
    for (let index = 0; index < input.length; index++) {
      const item = input[index];
      let res = test(item, frame, scope);
      if (isNumeric(res)) res = [res];
      if (isArrayOfNumbers(res)) {
        for (const position of res as number[]) {
          let ii = Math.floor(position);
          if (ii < 0) ii = input.length + ii;
          if (ii === index) results.push(item);
        }
      } else if (toBoolean(res)) {
        results.push(item);
      }
    }
    return results;
  };
}

function compileCore(node: ExpressionNode): Evaluator {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value': {
      const value = node.value;
      return () => value;
    }
    case 'name': {
      const key = String(node.value);
      return (input) => lookup(input, key);
    }
    case 'variable':
      return compileVariable(String(node.value));
    case 'path':
      return compilePath(node);
    case 'binary':
      return compileBinary(node);
    case 'unary':
      return compileUnary(node);
    case 'condition': {
      const condition = compile(node.condition as ExpressionNode);
      const then = compile(node.then as ExpressionNode);
      const otherwise = node.else === undefined ? undefined : compile(node.else as ExpressionNode);
      return (input, frame, scope) => {
        if (toBoolean(condition(input, frame, scope))) return then(input, frame, scope);
        return otherwise ? otherwise(input, frame, scope) : undefined;
      };
    }
    case 'block': {
      const expressions = (Array.isArray(node.expressions) ? node.expressions : []).map((e: ExpressionNode) => compile(e));
      return (input, frame, scope) => {
        const inner: Frame = { vars: undefined, parent: frame };
        let result: unknown;
        for (const expression of expressions) result = expression(input, inner, scope);
        return result;
      };
    }
    case 'bind': {
      const name = String((node.lhs as ExpressionNode).value);
      const rhs = node.rhs as ExpressionNode;
      if (rhs.type === 'lambda') throw BAIL; // functions bound to names can recurse; JSONata evaluates those
      const value = compile(rhs);
      return (input, frame, scope) => {
        const result = value(input, frame, scope);
        (frame.vars ??= Object.create(null) as Record<string, unknown>)[name] = result;
        return result;
      };
    }
    case 'function':
      return compileCall(node);
    default:
      throw BAIL;
  }
}

/** A variable: frames (lambda parameters, `:=`) first, then the extra bindings, then the run's variables. */
function compileVariable(name: string): Evaluator {
  if (name === '') return (input) => (input && (input as Sequence).outerWrapper ? (input as unknown[])[0] : input);
  if (name === '$') return (_input, _frame, scope) => scope.root;
  const builtin = JSONATA_BUILTINS.has(name);
  return (_input, frame, scope) => {
    for (let f: Frame | undefined = frame; f; f = f.parent) {
      if (f.vars && own.call(f.vars, name)) return checkValue(f.vars[name]);
    }
    if (scope.extra && own.call(scope.extra, name)) return checkValue(scope.extra[name]);
    if (own.call(scope.bindings, name)) return checkValue(scope.bindings[name]);
    if (builtin) throw BAIL; // a built-in function used as a value
    return undefined;
  };
}

function checkValue(value: unknown): unknown {
  if (isFunctionValue(value)) throw BAIL;
  return value;
}

/** True when `name` resolves to JSONata's built-in (nothing in scope shadows it). */
function isUnshadowed(name: string, frame: Frame, scope: Scope): boolean {
  for (let f: Frame | undefined = frame; f; f = f.parent) if (f.vars && own.call(f.vars, name)) return false;
  return !(scope.extra && own.call(scope.extra, name)) && !own.call(scope.bindings, name);
}

/** jsonata's `evaluatePath` and `evaluateStep`, without tuple streams, sorting or grouping. */
function compilePath(node: ExpressionNode): Evaluator {
  const steps = Array.isArray(node.steps) ? (node.steps as ExpressionNode[]) : [];
  if (steps.length === 0) throw BAIL;
  const firstIsVariable = steps[0]!.type === 'variable';
  const compiled = steps.map((step, index) => {
    if (step.type === 'sort' || step.tuple || step.focus !== undefined || step.index !== undefined) throw BAIL;
    const evaluator = compile(step);
    const stages = step.stages === undefined ? undefined : compileStages(step.stages);
    return { evaluator, stages, consarray: index === 0 && step.consarray === true, last: index === steps.length - 1 };
  });
  const keepSingletonArray = node.keepSingletonArray === true;
  return (input, frame, scope) => {
    let inputSequence: unknown[] = Array.isArray(input) && !firstIsVariable ? input : createSequence(input);
    let resultSequence: Sequence | undefined;
    for (const step of compiled) {
      if (step.consarray) {
        resultSequence = step.evaluator(inputSequence, frame, scope) as Sequence | undefined;
      } else {
        const result = createSequence();
        for (const item of inputSequence) {
          let res = step.evaluator(item, frame, scope);
          if (step.stages) for (const stage of step.stages) res = stage(res, frame, scope);
          if (res !== undefined) result.push(res);
        }
        if (step.last && result.length === 1 && Array.isArray(result[0]) && !isSequence(result[0])) {
          resultSequence = result[0] as Sequence;
        } else {
          resultSequence = createSequence();
          for (const res of result) {
            if (!Array.isArray(res) || (res as Sequence).cons) resultSequence.push(res);
            else for (const value of res) resultSequence.push(value);
          }
        }
      }
      if (resultSequence === undefined || resultSequence.length === 0) break;
      inputSequence = resultSequence;
    }
    if (keepSingletonArray) {
      if (Array.isArray(resultSequence) && resultSequence.cons && !resultSequence.sequence) resultSequence = createSequence(resultSequence);
      if (resultSequence === undefined) throw BAIL; // JSONata fails setting a flag on nothing
      resultSequence.keepSingleton = true;
    }
    return resultSequence;
  };
}

function compileBinary(node: ExpressionNode): Evaluator {
  const lhs = compile(node.lhs as ExpressionNode);
  const rhs = compile(node.rhs as ExpressionNode);
  const op = String(node.value);
  switch (op) {
    case 'and':
      return (i, f, s) => (toBoolean(lhs(i, f, s)) ?? false) && (toBoolean(rhs(i, f, s)) ?? false);
    case 'or':
      return (i, f, s) => (toBoolean(lhs(i, f, s)) ?? false) || (toBoolean(rhs(i, f, s)) ?? false);
    case '+':
    case '-':
    case '*':
    case '/':
    case '%': {
      const apply = ARITHMETIC[op]!;
      return (i, f, s) => {
        const l = lhs(i, f, s);
        const r = rhs(i, f, s);
        if ((l !== undefined && !isNumeric(l)) || (r !== undefined && !isNumeric(r))) throw BAIL; // T2001/T2002
        if (l === undefined || r === undefined) return undefined;
        return apply(l as number, r as number);
      };
    }
    case '=':
    case '!=': {
      const negate = op === '!=';
      return (i, f, s) => {
        const l = lhs(i, f, s);
        const r = rhs(i, f, s);
        if (l === undefined || r === undefined) return false;
        if (isFunctionValue(l) || isFunctionValue(r)) throw BAIL;
        return negate ? !isDeepEqual(l, r) : isDeepEqual(l, r);
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const compare = COMPARISON[op]!;
      return (i, f, s) => {
        const l = lhs(i, f, s);
        const r = rhs(i, f, s);
        const lt = typeof l;
        const rt = typeof r;
        if (!(lt === 'undefined' || lt === 'string' || lt === 'number') || !(rt === 'undefined' || rt === 'string' || rt === 'number')) throw BAIL; // T2010
        if (l === undefined || r === undefined) return undefined;
        if (lt !== rt) throw BAIL; // T2009
        return compare(l as number | string, r as number | string);
      };
    }
    case '&':
      return (i, f, s) => {
        const l = lhs(i, f, s);
        const r = rhs(i, f, s);
        return (l === undefined ? '' : toText(l, false)!) + (r === undefined ? '' : toText(r, false)!);
      };
    case 'in':
      return (i, f, s) => {
        const l = lhs(i, f, s);
        const r = rhs(i, f, s);
        if (l === undefined || r === undefined) return false;
        const list = Array.isArray(r) ? r : [r];
        for (const item of list) if (item === l) return true;
        return false;
      };
    default:
      throw BAIL; // `..` ranges allocate arrays of any size; JSONata bounds them
  }
}

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

const COMPARISON: Record<string, (a: number | string, b: number | string) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function compileUnary(node: ExpressionNode): Evaluator {
  switch (node.value) {
    case '-': {
      const inner = compile(node.expression as ExpressionNode);
      return (i, f, s) => {
        const value = inner(i, f, s);
        if (value === undefined) return undefined;
        if (isNumeric(value)) return -value;
        throw BAIL; // D1002
      };
    }
    case '[': {
      const items = (Array.isArray(node.expressions) ? (node.expressions as ExpressionNode[]) : []).map((item) => ({ evaluator: compile(item), nested: item.value === '[' && item.type === 'unary' }));
      const cons = node.consarray === true;
      return (i, f, s) => {
        let result: unknown[] = [];
        for (const item of items) {
          const value = item.evaluator(i, f, s);
          if (value === undefined) continue;
          if (item.nested) result.push(value);
          else result = append(result, value) as unknown[];
        }
        if (cons) Object.defineProperty(result, 'cons', { enumerable: false, configurable: false, value: true });
        return result;
      };
    }
    case '{':
      return compileObject(node.lhs);
    default:
      throw BAIL;
  }
}

/** jsonata's `evaluateGroupExpression` for an object constructor (not a tuple stream). */
function compileObject(pairsNode: unknown): Evaluator {
  if (!Array.isArray(pairsNode)) throw BAIL;
  const pairs = (pairsNode as ExpressionNode[][]).map(([key, value]) => ({ key: compile(key!), value: compile(value!) }));
  return (value, frame, scope) => {
    const input: unknown[] = Array.isArray(value) ? value : createSequence(value);
    if ((value as Sequence | undefined)?.tupleStream) throw BAIL;
    if (input.length === 0) input.push(undefined);
    const groups: Record<string, { data: unknown; pair: number }> = Object.create(null) as Record<string, { data: unknown; pair: number }>;
    for (const item of input) {
      for (let p = 0; p < pairs.length; p++) {
        const key = pairs[p]!.key(item, frame, scope);
        if (key === undefined) continue;
        if (typeof key !== 'string' || key === '_jsonata_lambda' || key === '_jsonata_function') throw BAIL; // T1003, D1013
        const group = groups[key];
        if (group) {
          if (group.pair !== p) throw BAIL; // D1009
          group.data = append(group.data, item);
        } else {
          groups[key] = { data: item, pair: p };
        }
      }
    }
    const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(groups)) {
      const group = groups[key]!;
      const v = pairs[group.pair]!.value(group.data, frame, scope);
      if (v !== undefined) result[key] = v;
    }
    return result;
  };
}

// --- built-in functions ---------------------------------------------------------------------------

/** A built-in's plain cases; throws BAIL for arguments it would coerce or reject. */
type Builtin = (args: unknown[], scope: Scope) => unknown;

/** `<a<n>:n>`: an array of numbers, a number (wrapped), or nothing. */
function numbers(value: unknown): number[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  for (const item of list) if (!isNumeric(item)) throw BAIL;
  return list as number[];
}

function text(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw BAIL;
}

function number(value: unknown): number | undefined {
  if (value === undefined || isNumeric(value)) return value;
  throw BAIL;
}

/** `<a...>` for the higher-order functions: an array, anything else but a function wrapped, or nothing. */
function list(value: unknown): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  if (isFunctionValue(value)) throw BAIL;
  return [value];
}

function lambdaArg(value: unknown): Lambda {
  if (typeof value === 'object' && value !== null && (value as Lambda).lambda === true) return value as Lambda;
  throw BAIL;
}

/** Applies an inline lambda as jsonata's `applyProcedure`: a new frame binding each parameter. */
function applyLambda(fn: Lambda, args: unknown[], scope: Scope): unknown {
  scope.guard?.();
  const vars: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (let p = 0; p < fn.params.length; p++) vars[fn.params[p]!] = args[p];
  return fn.body(fn.input, { vars, parent: fn.frame }, scope);
}

/** jsonata's `hofFuncArgs`: as many of (value, index, array) as the function declares. */
function hofArgs(fn: Lambda, value: unknown, index: number, array: unknown[]): unknown[] {
  const arity = fn.params.length;
  return arity >= 3 ? [value, index, array] : arity >= 2 ? [value, index] : [value];
}

const BUILTINS: Record<string, { arity: readonly number[]; lambdaAt?: number; call: Builtin }> = {
  sum: { arity: [1], call: ([v]) => numbers(v)?.reduce((total, n) => total + n, 0) },
  max: { arity: [1], call: ([v]) => (numbers(v)?.length ? Math.max(...numbers(v)!) : undefined) },
  min: { arity: [1], call: ([v]) => (numbers(v)?.length ? Math.min(...numbers(v)!) : undefined) },
  average: {
    arity: [1],
    call: ([v]) => {
      const values = numbers(v);
      return values?.length ? values.reduce((total, n) => total + n, 0) / values.length : undefined;
    },
  },
  count: {
    arity: [1],
    call: ([v]) => {
      if (v === undefined) return 0;
      if (isFunctionValue(v)) throw BAIL;
      return Array.isArray(v) ? v.length : 1;
    },
  },
  string: {
    arity: [1, 2],
    call: ([v, pretty]) => {
      if (pretty !== undefined && typeof pretty !== 'boolean') throw BAIL;
      return toText(v, pretty === true);
    },
  },
  substring: {
    arity: [2, 3],
    call: ([s, start, length]) => {
      const str = text(s);
      const from = number(start);
      const count = number(length);
      if (str === undefined) return undefined;
      if (from === undefined) throw BAIL;
      const chars = Array.from(str);
      let begin = from;
      if (chars.length + begin < 0) begin = 0;
      if (count !== undefined) {
        if (count <= 0) return '';
        const end = begin >= 0 ? begin + count : chars.length + begin + count;
        return chars.slice(begin, end).join('');
      }
      return chars.slice(begin).join('');
    },
  },
  length: { arity: [1], call: ([s]) => (text(s) === undefined ? undefined : Array.from(s as string).length) },
  uppercase: { arity: [1], call: ([s]) => text(s)?.toUpperCase() },
  lowercase: { arity: [1], call: ([s]) => text(s)?.toLowerCase() },
  exists: { arity: [1], call: ([v]) => v !== undefined },
  boolean: { arity: [1], call: ([v]) => toBoolean(v) },
  not: { arity: [1], call: ([v]) => (v === undefined ? undefined : !toBoolean(v)) },
  join: {
    arity: [1, 2],
    call: ([v, separator]) => {
      const sep = text(separator);
      if (v === undefined) return undefined;
      const strings = Array.isArray(v) ? v : [v];
      for (const item of strings) if (typeof item !== 'string') throw BAIL;
      return strings.join(sep ?? '');
    },
  },
  append: {
    arity: [2],
    call: ([a, b]) => {
      if (isFunctionValue(a) || isFunctionValue(b)) throw BAIL;
      return append(a, b);
    },
  },
  map: {
    arity: [2],
    lambdaAt: 1,
    call: ([v, f], scope) => {
      const array = list(v);
      const fn = lambdaArg(f);
      if (array === undefined) return undefined;
      const result = createSequence();
      for (let i = 0; i < array.length; i++) {
        const res = applyLambda(fn, hofArgs(fn, array[i], i, array), scope);
        if (res !== undefined) result.push(res);
      }
      return result;
    },
  },
  filter: {
    arity: [2],
    lambdaAt: 1,
    call: ([v, f], scope) => {
      const array = list(v);
      const fn = lambdaArg(f);
      if (array === undefined) return undefined;
      const result = createSequence();
      for (let i = 0; i < array.length; i++) {
        if (toBoolean(applyLambda(fn, hofArgs(fn, array[i], i, array), scope))) result.push(array[i]);
      }
      return result;
    },
  },
  reduce: {
    arity: [2, 3],
    lambdaAt: 1,
    call: ([v, f, init], scope) => {
      const array = list(v);
      const fn = lambdaArg(f);
      if (array === undefined) return undefined;
      const arity = fn.params.length;
      if (arity < 2) throw BAIL; // D3050
      let result: unknown;
      let index: number;
      if (init === undefined && array.length > 0) {
        result = array[0];
        index = 1;
      } else {
        result = init;
        index = 0;
      }
      for (; index < array.length; index++) {
        const args = [result, array[index]];
        if (arity >= 3) args.push(index);
        if (arity >= 4) args.push(array);
        result = applyLambda(fn, args, scope);
      }
      return result;
    },
  },
};

/** A call of a built-in by name, its lambda argument compiled in place (without the epilogue: `compile` adds it, a tail call has none). */
function compileCall(node: ExpressionNode): Evaluator {
  const procedure = node.procedure as ExpressionNode;
  if (procedure.type !== 'variable' || own.call(procedure, 'predicate') || procedure.keepArray) throw BAIL;
  const name = String(procedure.value);
  const builtin = BUILTINS[name];
  const argNodes = Array.isArray(node.arguments) ? (node.arguments as ExpressionNode[]) : [];
  if (!builtin || !builtin.arity.includes(argNodes.length)) throw BAIL;
  if (argNodes.some((a) => a.type === 'operator')) throw BAIL; // partial application `?`
  const args = argNodes.map((arg, index) => (index === builtin.lambdaAt ? compileLambda(arg) : compile(arg)));
  const call = builtin.call;
  return (input, frame, scope) => {
    if (!isUnshadowed(name, frame, scope)) throw BAIL;
    const values = args.map((arg) => arg(input, frame, scope));
    return call(values, scope);
  };
}

/** An inline `function($a, $b) { ... }` without a signature. */
function compileLambda(node: ExpressionNode): Evaluator {
  if (node.type !== 'lambda' || node.signature !== undefined || own.call(node, 'predicate') || own.call(node, 'group')) throw BAIL;
  const params = (Array.isArray(node.arguments) ? (node.arguments as ExpressionNode[]) : []).map((p) => {
    if (p.type !== 'variable') throw BAIL;
    return String(p.value);
  });
  const bodyNode = node.body as ExpressionNode;
  // A body that is a call is a tail call: JSONata returns the call's result without its epilogue.
  const body = bodyNode.type === 'lambda' && bodyNode.thunk === true ? compileTailCall(bodyNode.body as ExpressionNode) : compile(bodyNode);
  return (input, frame) => ({ lambda: true, params, body, input, frame }) satisfies Lambda;
}

function compileTailCall(node: ExpressionNode): Evaluator {
  if (node.type !== 'function' || own.call(node, 'predicate') || own.call(node, 'group') || node.keepArray || node.stages !== undefined) throw BAIL;
  return compileCall(node);
}
