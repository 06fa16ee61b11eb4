import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import type { ExpressionNode } from '@flowbridge/flow-model';
import { compileJsonata, EVALUATION_GUARD } from '../src/expressions.js';
import { compileJsonataAst, NOT_COMPILED } from '../src/jsonata-compiler.js';

interface SuiteCase {
  group: string;
  case: string;
  expr: string;
  bindings: Record<string, unknown>;
  dataset?: string;
  data?: unknown;
}

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as unknown;
const suite = fixture('jsonata-test-suite.json') as { cases: SuiteCase[]; datasets: Record<string, unknown> };
const corpus = fixture('jsonata-corpus.json') as { bindings: Record<string, unknown>; expressions: string[] };

/** Deep equality that also compares what JSONata keeps on arrays (sequence, keep-singleton, cons flags) and null prototypes. */
function sameValue(a: unknown, b: unknown, path = '$'): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return `${path}: ${String(a)} vs ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs not`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`;
    for (const flag of ['sequence', 'keepSingleton', 'cons', 'outerWrapper'] as const) {
      if ((a as unknown as Record<string, unknown>)[flag] !== (b as unknown as Record<string, unknown>)[flag]) return `${path}: flag ${flag}`;
    }
    for (let i = 0; i < a.length; i++) {
      const difference = sameValue(a[i], b[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  if ((Object.getPrototypeOf(a) === null) !== (Object.getPrototypeOf(b) === null)) return `${path}: prototype`;
  const ak = Object.keys(a as object);
  const bk = Object.keys(b as object);
  if (ak.join('\u0000') !== bk.join('\u0000')) return `${path}: keys ${ak.join(',')} vs ${bk.join(',')}`;
  for (const key of ak) {
    const difference = sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (difference) return difference;
  }
  return undefined;
}

type Outcome = { kind: 'value'; value: unknown } | { kind: 'error'; code: string } | { kind: 'not-compiled' };

async function viaJsonata(expr: string, input: unknown, bindings: Record<string, unknown>): Promise<Outcome> {
  try {
    return { kind: 'value', value: await jsonata(expr).evaluate(input, bindings) };
  } catch (error) {
    return { kind: 'error', code: String((error as { code?: string }).code ?? (error as Error).message) };
  }
}

function viaCompiler(expr: string, input: unknown, bindings: Record<string, unknown>): Outcome {
  let ast: ExpressionNode;
  try {
    ast = jsonata(expr).ast() as unknown as ExpressionNode;
  } catch {
    return { kind: 'not-compiled' }; // a syntax error: the flow validator refuses it before anything compiles
  }
  const compiled = compileJsonataAst(ast);
  if (!compiled) return { kind: 'not-compiled' };
  const value = compiled.run(bindings, undefined, undefined, input);
  return value === NOT_COMPILED ? { kind: 'not-compiled' } : { kind: 'value', value };
}

describe('the JSONata closure compiler', () => {
  it("matches JSONata on every case of JSONata's own test suite it decides, and hands every error case to JSONata", async () => {
    let decided = 0;
    const mismatches: string[] = [];
    for (const c of suite.cases) {
      const input = c.dataset !== undefined ? suite.datasets[c.dataset] : c.data;
      let mine: Outcome;
      try {
        mine = viaCompiler(c.expr, structuredClone(input), structuredClone(c.bindings));
      } catch (error) {
        mine = { kind: 'error', code: String(error) };
      }
      if (mine.kind === 'not-compiled') continue;
      decided++;
      const theirs = await viaJsonata(c.expr, structuredClone(input), structuredClone(c.bindings));
      if (mine.kind === 'error') mismatches.push(`${c.group}/${c.case} ${c.expr}: the compiler threw ${mine.code}`);
      else if (theirs.kind === 'error') mismatches.push(`${c.group}/${c.case} ${c.expr}: JSONata fails with ${theirs.code}, the compiler answered`);
      else {
        const difference = sameValue(mine.value, (theirs as { value: unknown }).value);
        if (difference) mismatches.push(`${c.group}/${c.case} ${c.expr}: ${difference}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Most of the chosen groups' cases are decided by the closures, not handed back.
    expect(decided).toBeGreaterThan(suite.cases.length / 2);
  });

  it('compiles every expression of the benchmark corpus and returns what JSONata returns', async () => {
    for (const expr of corpus.expressions) {
      const mine = viaCompiler(expr, {}, structuredClone(corpus.bindings));
      expect(mine.kind, expr).toBe('value');
      const theirs = await viaJsonata(expr, {}, structuredClone(corpus.bindings));
      expect(theirs.kind, expr).toBe('value');
      expect(sameValue((mine as { value: unknown }).value, (theirs as { value: unknown }).value), expr).toBeUndefined();
    }
  });

  it('answers the runtime synchronously for compiled forms and through JSONata for the rest', async () => {
    const bindings = structuredClone(corpus.bindings);
    const compiled = compileJsonata('$sum($Order.lines.(qty * price))');
    expect(compiled.now(bindings)).toBeCloseTo(2 * 12.5 + 49.9 + 5 * 3.2 + 89);
    // A regular expression is outside the compiled forms: JSONata answers (a promise).
    const fallback = compileJsonata('$Order.lines[$contains(name, /pen/)].sku');
    const answer = fallback.now(bindings);
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toBe('B-7');
    // A value the closures do not decide exactly (a string in arithmetic: JSONata's error T2001) goes to JSONata too.
    await expect(compileJsonata('$sum([$Order.id + 1])').evaluate(bindings)).rejects.toMatchObject({ code: 'T2001' });
  });

  it('asks the run guard before evaluating and at every lambda call, so a long $map can be stopped', async () => {
    let calls = 0;
    const guard = () => {
      if (++calls > 50) throw new Error('the run timed out');
    };
    const expression = compileJsonata('$map($Items, function($v) { $v * 2 })');
    const items = Array.from({ length: 1000 }, (_, i) => i);
    await expect(expression.evaluate({ Items: items }, { [EVALUATION_GUARD]: guard })).rejects.toThrow('the run timed out');
    expect(calls).toBe(51);
    calls = -10_000;
    expect([...((await expression.evaluate({ Items: [1, 2] }, { [EVALUATION_GUARD]: guard })) as number[])]).toEqual([2, 4]);
  });

  it('leaves functions bound by the run (and names shadowing built-ins) to JSONata', async () => {
    const constant = (name: string) => `value of ${name}`;
    const viaConstant = compileJsonata('{ "k": $constant("Key") }');
    expect(await viaConstant.evaluate({}, { constant })).toEqual({ k: 'value of Key' });
    const shadowed = compileJsonata('$sum($xs)');
    // `sum` is a variable of the run here, not the built-in: JSONata refuses to call a number.
    await expect(shadowed.evaluate({ xs: [1, 2], sum: 5 })).rejects.toMatchObject({ code: 'T1006' });
  });

  it('matches JSONata on random paths, filters, constructors and built-ins over random data', async () => {
    const leaf = fc.constantFrom('$o', '$o.a', '$o.list', '$o.list.v', '$o.list[v > 1]', '$o.list[0]', '$o.list[-1].v', '$o.nested.list.v', '$n', '$s', '$missing', '1', '"x"', 'true', 'null', '$o.list[]', '$o.list.v[]');
    const expression: fc.Arbitrary<string> = fc.letrec((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('expr'), fc.constantFrom('+', '*', '<', '=', '!=', '&', 'and', 'or', 'in'), tie('expr')).map(([l, op, r]) => `(${l} ${op} ${r})`),
        fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, t, e]) => `(${c} ? ${t} : ${e})`),
        fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `[${a}, ${b}]`),
        fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `{ "a": ${a}, "b": ${b} }`),
        fc.tuple(fc.constantFrom('$sum', '$count', '$string', '$exists', '$boolean', '$not', '$join', '$max', '$average'), tie('expr')).map(([f, a]) => `${f}(${a})`),
        tie('expr').map((e) => `$map($o.list, function($x, $i) { ${e} })`),
        tie('expr').map((e) => `$filter($o.list, function($x) { ${e} })`),
        tie('expr').map((e) => `$reduce($o.list, function($acc, $x) { $acc + $x.v }, 0) & ${e}`),
        tie('expr').map((e) => `($t := ${e}; [$t, $t])`),
      ),
    })).expr as fc.Arbitrary<string>;
    const scalar = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', '', 'x'), fc.boolean(), fc.constant(null));
    const item = fc.record({ v: scalar }, { requiredKeys: [] });
    const data = fc.record({
      o: fc.record({ a: scalar, list: fc.oneof(fc.array(item, { maxLength: 4 }), item), nested: fc.record({ list: fc.array(fc.record({ list: fc.array(item, { maxLength: 2 }) }), { maxLength: 2 }) }) }, { requiredKeys: [] }),
      n: fc.integer({ min: -5, max: 5 }),
      s: fc.constantFrom('a', 'b', ''),
    });
    let decided = 0;
    await fc.assert(
      fc.asyncProperty(expression, data, async (expr, bindings) => {
        const mine = viaCompiler(expr, {}, structuredClone(bindings));
        if (mine.kind === 'not-compiled') return;
        decided++;
        const theirs = await viaJsonata(expr, {}, structuredClone(bindings));
        expect(theirs.kind, `${expr} with ${JSON.stringify(bindings)}`).toBe('value');
        expect(sameValue((mine as { value: unknown }).value, (theirs as { value: unknown }).value), `${expr} with ${JSON.stringify(bindings)}`).toBeUndefined();
      }),
      { numRuns: 600 },
    );
    // Most random expressions stay on the closures (the rest hold values JSONata rejects).
    expect(decided).toBeGreaterThan(200);
  });
});
