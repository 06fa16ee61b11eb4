import fc from 'fast-check';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { parseExpression } from '@flowbridge/flow-model';
import { compileFast, compileJsonata, NOT_FAST } from '../src/index.js';

/** Random expressions over the fast subset and just beyond it (functions, filters), as JSONata text. */
const leaf = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? '0' : String(d))).filter((s) => !s.includes('e')),
  fc.constantFrom('"a"', '"b"', '""', '"10"', 'true', 'false', 'null'),
  fc.constantFrom('$a', '$b', '$s', '$o.x', '$o.y.z', '$o.list', '$missing', '$o.missing.deeper', '$list', '$f'),
);
const expression: fc.Arbitrary<string> = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '%', '<', '<=', '>', '>=', '=', '!=', '&', 'and', 'or'), tie('expr')).map(([l, op, r]) => `(${l} ${op} ${r})`),
    tie('expr').map((e) => `-(${e})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, t, e]) => `(${c} ? ${t} : ${e})`),
    tie('expr').map((e) => `$string(${e})`),
  ),
})).expr as fc.Arbitrary<string>;

const value = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('a', 'b', '', '10'),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
);
const bindings = fc.record({
  a: value,
  b: value,
  s: fc.constantFrom('a', 'b', 'xyz'),
  o: fc.record({ x: value, y: fc.oneof(fc.record({ z: value }), value), list: fc.array(fc.integer(), { maxLength: 2 }) }),
  list: fc.array(fc.record({ x: value }), { maxLength: 3 }),
});

/** What JSONata answers: its value as JSON text, or its error code. */
async function outcome(evaluate: () => Promise<unknown>): Promise<string> {
  try {
    const result = await evaluate();
    return `value:${JSON.stringify(result)}`;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return `error:${e.code ?? e.message}`;
  }
}

describe('fast expressions keep JSONata semantics', () => {
  it('give the same value or the same error as JSONata itself on random expressions and values', async () => {
    await fc.assert(
      fc.asyncProperty(expression, bindings, async (source, b) => {
        const reference = jsonata(source);
        const ours = compileJsonata(source);
        const env = { ...b, f: undefined };
        expect(await outcome(() => ours.evaluate(env))).toBe(await outcome(() => reference.evaluate({}, env)));
      }),
      { numRuns: Number(process.env.FLOW_PROPERTY_RUNS ?? 1500) },
    );
  }, 120_000);

  it('when the fast path answers, it answers what JSONata answers', async () => {
    const runs = Number(process.env.FLOW_PROPERTY_RUNS ?? 1500);
    let decided = 0;
    await fc.assert(
      fc.asyncProperty(expression, bindings, async (source, b) => {
        const parsed = parseExpression(source);
        if (!parsed.ok) return;
        const fast = compileFast(parsed.ast);
        const value = fast?.(b) ?? NOT_FAST;
        if (value === NOT_FAST) return;
        decided++;
        expect(`value:${JSON.stringify(value)}`).toBe(await outcome(() => jsonata(source).evaluate({}, b)));
      }),
      { numRuns: runs },
    );
    // The property is only meaningful if the fast path decides a good share of cases.
    expect(decided).toBeGreaterThan(runs / 10);
  }, 120_000);

  it.each([
    ['$Count + 1', { Count: 41 }, 42],
    ['$Order.total > 100 and $Order.paid', { Order: { total: 150, paid: true } }, true],
    ['"id-" & $Order.id', { Order: { id: 'A7' } }, 'id-A7'],
    ['$x = 3 ? "three" : "other"', { x: 3 }, 'three'],
  ])('compiles %s to a direct function', (source, b, expected) => {
    const parsed = parseExpression(source);
    if (!parsed.ok) throw new Error('parse');
    const fast = compileFast(parsed.ast);
    expect(fast?.(b)).toEqual(expected);
  });

  it('leaves paths through lists to JSONata (singleton unwrapping, mapping)', async () => {
    const parsed = parseExpression('$o.items.id');
    if (!parsed.ok) throw new Error('parse');
    const b = { o: { items: [{ id: 1 }, { id: 2 }] } };
    expect(compileFast(parsed.ast)?.(b)).toBe(NOT_FAST);
    expect(JSON.stringify(await compileJsonata('$o.items.id').evaluate(b))).toBe('[1,2]');
  });
});
