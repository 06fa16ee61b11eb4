/** fast-check generators for patterns and events over a small shared vocabulary, so that they often meet. */
import fc from 'fast-check';

export const words = ['a', 'b', 'ab', 'A', 'é', '', '10.0.0.1', '*', 'x.y', 'ß', 'SS'] as const;
const word = fc.constantFrom(...words);
const fieldName = fc.constantFrom('source', 'detail-type', 'x', 'y', 'detail');
const nestedName = fc.constantFrom('n', 's', 'ip', 'list');

const wildcardText = fc
  .array(fc.constantFrom('a', 'b', '*', '\\*', '\\\\', ':', '\\', 'é'), { maxLength: 12 })
  .map((parts) => parts.join(''));

const number = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(0.5, 1e-6, 3e2, 5e9, -5e9, 6e9, 0.1234567, 1e21),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const numericOperand = fc.oneof(
  fc.tuple(fc.constantFrom('=', '<', '<=', '>', '>=', '~'), number),
  fc.tuple(fc.constantFrom('>', '>='), number, fc.constantFrom('<', '<=', '>'), number),
  fc.array(fc.oneof(number, fc.constantFrom('<', '>', '=')), { maxLength: 5 }),
);

/** One alternative in a pattern array, valid or nearly valid. */
export const alternative: fc.Arbitrary<unknown> = fc.oneof(
  word,
  number,
  fc.constantFrom(true, false, null),
  word.map((w) => ({ prefix: w })),
  word.map((w) => ({ suffix: w })),
  word.map((w) => ({ prefix: { 'equals-ignore-case': w } })),
  word.map((w) => ({ suffix: { 'equals-ignore-case': w } })),
  word.map((w) => ({ 'equals-ignore-case': w })),
  wildcardText.map((w) => ({ wildcard: w })),
  numericOperand.map((n) => ({ numeric: n })),
  fc.boolean().map((b) => ({ exists: b })),
  fc.constantFrom('10.0.0.0/8', '10.0.0.0/32', '::/0', '2001:db8::/32', 'x/8', '10.0.0.0').map((c) => ({ cidr: c })),
  fc.oneof(word, number, fc.array(word, { maxLength: 3 }), fc.array(number, { maxLength: 3 })).map((v) => ({ 'anything-but': v })),
  fc
    .tuple(fc.constantFrom('prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'numeric'), fc.oneof(word, fc.array(word, { maxLength: 3 }), wildcardText))
    .map(([op, v]) => ({ 'anything-but': { [op]: v } })),
);

const leaf = fc.array(alternative, { minLength: 1, maxLength: 3 });

/** A pattern over the shared vocabulary, mostly valid, with nesting and $or. */
export const pattern: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  object: fc
    .array(
      fc.oneof(
        { weight: 5, arbitrary: fc.tuple(fieldName, leaf) },
        { weight: 1, arbitrary: fc.tuple(fc.constant('detail'), fc.dictionary(nestedName, leaf, { minKeys: 1, maxKeys: 2 })) },
        { weight: 1, arbitrary: fc.tuple(fc.constant('$or'), fc.array(tie('object'), { minLength: 2, maxLength: 3 })) },
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((entries) => Object.fromEntries(entries) as Record<string, unknown>),
})).object as fc.Arbitrary<Record<string, unknown>>;

const scalar = fc.oneof(word, number, fc.constantFrom(true, false, null));
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
);

/** An event over the same vocabulary. */
export const event: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    source: value,
    'detail-type': value,
    x: value,
    y: value,
    detail: fc.oneof(
      fc.dictionary(nestedName, value, { maxKeys: 4 }),
      fc.array(fc.dictionary(nestedName, value, { maxKeys: 3 }), { maxLength: 3 }),
      scalar,
    ),
  },
  { requiredKeys: [] },
);
