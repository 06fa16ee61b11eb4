/**
 * JSONata expressions, compiled once per flow version and evaluated with the run's variables as
 * bindings, in three tiers: the simplest forms take a synchronous fast path (`fast-expression.ts`),
 * most of the rest is compiled to closures that port JSONata's evaluator (`jsonata-compiler.ts`),
 * and every form or case neither decides exactly goes through JSONata itself.
 */
import jsonata from 'jsonata';
import { parseExpression, parseTemplate } from '@flowbridge/flow-model';
import { compileFast, NOT_FAST, type Bindings, type FastFunction } from './fast-expression.js';
import { compileJsonataAst, NOT_COMPILED, type CompiledJsonata } from './jsonata-compiler.js';

export type { Bindings } from './fast-expression.js';
export type CompiledExpression = (bindings: Bindings) => Promise<unknown>;

/** A compiled expression: `now` answers synchronously when it can, `evaluate` always answers. */
export interface Expression {
  readonly source: string;
  /** The value, or a promise of it when JSONata has to evaluate (functions, filters, constructors...). */
  now(bindings: Bindings, extra?: Bindings): unknown;
  evaluate(bindings: Bindings, extra?: Bindings): Promise<unknown>;
}

/**
 * The binding a run provides to stop JSONata mid-evaluation: JSONata calls it before evaluating each
 * node, and it throws once the run is over its time or cancelled. Without it a runaway recursive
 * expression keeps the microtask queue busy forever and no timer can fire.
 */
export const EVALUATION_GUARD = '__flowbridgeGuard';

/** JSONata's documented hook, called before each node is evaluated. */
const EVALUATE_ENTRY = Symbol.for('jsonata.__evaluate_entry');

function guardEntry(_node: unknown, _input: unknown, environment: { lookup(name: string): unknown }): void {
  const guard = environment.lookup(EVALUATION_GUARD);
  if (typeof guard === 'function') guard();
}

/** Compiles a JSONata expression into an `Expression`; throws the JSONata syntax error (callers validate first). */
export function compileJsonata(source: string): Expression {
  const expression = jsonata(source);
  // JSONata's typings only allow string names, but its environment is keyed by symbols as well.
  expression.assign(EVALUATE_ENTRY as unknown as string, guardEntry);
  const parsed = parseExpression(source);
  const fast: FastFunction | undefined = parsed.ok ? compileFast(parsed.ast) : undefined;
  const compiled: CompiledJsonata | undefined = parsed.ok ? compileJsonataAst(parsed.ast) : undefined;
  const slow = (bindings: Bindings, extra?: Bindings): Promise<unknown> => expression.evaluate({}, extra ? { ...bindings, ...extra } : bindings);
  const closures = compiled
    ? (bindings: Bindings, extra?: Bindings): unknown => {
        const guard = extra?.[EVALUATION_GUARD] ?? bindings[EVALUATION_GUARD];
        let value: unknown;
        try {
          value = compiled.run(bindings, extra, typeof guard === 'function' ? (guard as () => void) : undefined, {});
        } catch (error) {
          // As from JSONata: a failure (the run's guard stopping it) arrives as a rejected promise.
          return Promise.reject(error);
        }
        return value === NOT_COMPILED ? slow(bindings, extra) : value;
      }
    : slow;
  const now: Expression['now'] = fast
    ? (bindings, extra) => {
        const value = fast(bindings);
        return value === NOT_FAST ? closures(bindings, extra) : value;
      }
    : closures;
  return {
    source,
    now,
    evaluate: async (bindings, extra) => now(bindings, extra),
  };
}

/** Compiles a JSONata expression to an async function of the bindings (kept for callers of the first API). */
export function compileExpression(source: string): CompiledExpression {
  const compiled = compileJsonata(source);
  return (bindings) => compiled.evaluate(bindings);
}

/** Compiles a `{{ expression }}` template: literal text with each placeholder's value formatted in. */
export function compileTemplateExpression(template: string): Expression {
  const parts = parseTemplate(template).map((part) => ('text' in part ? part.text : compileJsonata(part.expression)));
  const finish = async (done: string, rest: ReadonlyArray<string | Expression>, bindings: Bindings, extra?: Bindings): Promise<string> => {
    let out = done;
    for (const part of rest) out += typeof part === 'string' ? part : formatValue(await part.evaluate(bindings, extra));
    return out;
  };
  const now = (bindings: Bindings, extra?: Bindings): unknown => {
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const value = part.now(bindings, extra);
      if (value instanceof Promise) return value.then((v) => finish(out + formatValue(v), parts.slice(i + 1), bindings, extra));
      out += formatValue(value);
    }
    return out;
  };
  return { source: template, now, evaluate: async (bindings, extra) => now(bindings, extra) };
}

/** Compiles a `{{ expression }}` template to a function producing its text (kept for callers of the first API). */
export function compileTemplate(template: string): CompiledExpression {
  const compiled = compileTemplateExpression(template);
  return (bindings) => compiled.evaluate(bindings);
}

/** How a template shows a value: text as is, nothing as empty, anything else as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}
