/**
 * Validation and compilation of one event pattern, following event-ruler's JsonRuleCompiler step by
 * step so that the first problem found, and its wording, are AWS's. The result is a disjunction of
 * branches (one per `$or` combination), each a tree of fields keyed by path segments.
 */
import { comparableFromNumber, comparableFromPatternText } from './comparable-number.js';
import { buildScalarTest, type FieldMatcher, type Scalar, type ScalarTest } from './field-matcher.js';
import { compileIgnoreCase, endsWithIgnoreCase, equalsIgnoreCase, startsWithIgnoreCase } from './ignore-case.js';
import { compileBranchMatcher } from './event-tree.js';
import { InvalidEventPatternError } from './invalid-event-pattern-error.js';
import { ipKey, looksLikeIp, parseCidr } from './ip-address.js';
import { type JsonNode, jsonNodeToValue } from './json-text.js';
import { compileWildcard, matchesWildcard, WILDCARD_COMPLEXITY_LIMIT, wildcardComplexity, wildcardSyntaxError } from './wildcard.js';

/** One node of a branch: the field at `key` below its parent. */
export interface PatternNode {
  readonly key: string;
  /** Whether plain objects inherit a property of this name (`constructor`, `__proto__`…), so lookups must check ownership. */
  readonly inheritedName: boolean;
  /** The dotted path from the root, for explanations. */
  readonly path: string;
  /** Conditions on the value at this path itself, if any. */
  readonly field: FieldMatcher | undefined;
  /** Conditions on fields nested below this path. */
  readonly children: readonly PatternNode[];
}

/** One `$or` combination: all of its fields must hold. */
export interface Branch {
  readonly root: readonly PatternNode[];
  /** Flat view: dotted path → matcher, in pattern order. */
  readonly fields: ReadonlyArray<readonly [string, FieldMatcher]>;
  /** The compiled test of a prepared event (see event-tree.ts). */
  readonly matches: (event: Record<string, unknown>) => boolean;
}

/** AWS's limit on the number of combinations `$or` may expand to. */
export const MAX_OR_COMBINATIONS = 1000;

const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr', 'html',
  '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after', 'date-on-or-after',
  'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range', 'ip-address-not-in-range',
]);

/** Raw per-field alternatives before grouping: one entry per pattern array. */
interface FieldSpec {
  readonly matcher: FieldMatcher;
  readonly wildcards: readonly string[];
}

type Rule = Map<string, FieldSpec>;

/** A place in the pattern being compiled; its failures name that place, as EventBridge does. */
class PatternSite {
  constructor(readonly path: string) {}
  fail(reason: string): never {
    throw new InvalidEventPatternError(reason, this.path === '' ? undefined : this.path);
  }
}

/** Compiles a parsed pattern into branches; throws InvalidEventPatternError. */
export function compileBranches(pattern: JsonNode | undefined): Branch[] {
  if (pattern === undefined || pattern.kind !== 'object') {
    throw new InvalidEventPatternError('Filter is not an object');
  }
  const rules: Rule[] = [];
  parseObject(rules, [], pattern, false);
  checkWildcardComplexity(rules);
  return rules.map(toBranch);
}

function extend(path: readonly string[], key: string): string {
  return path.length === 0 ? key : `${path.join('.')}.${key}`;
}

function parseObject(rules: Rule[], path: string[], node: JsonNode & { kind: 'object' }, insideOr: boolean): void {
  if (node.entries.length === 0) new PatternSite(path.join('.')).fail('Empty objects are not allowed');
  for (const [key, value] of node.entries) {
    if (key === '$or') {
      parseOr(rules, path, value);
      continue;
    }
    const name = extend(path, key);
    if (insideOr && RESERVED_IN_OR.has(key)) {
      new PatternSite(name).fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    }
    if (value.kind === 'object') {
      path.push(key);
      parseObject(rules, path, value, insideOr);
      path.pop();
    } else if (value.kind === 'array') {
      const spec = compileField(name, value);
      if (rules.length === 0) rules.push(new Map());
      for (const rule of rules) rule.set(name, spec);
    } else {
      new PatternSite(name).fail(`"${key}" must be an object or an array`);
    }
  }
}

function parseOr(rules: Rule[], path: string[], value: JsonNode): void {
  const where: PatternSite = new PatternSite(extend(path, '$or'));
  const current = rules.map((r) => new Map(r));
  rules.length = 0;
  if (value.kind !== 'array') return where.fail('It must be an Array followed with $or.');
  let count = 0;
  for (const item of value.items) {
    count++;
    if (item.kind !== 'object') where.fail('Only JSON object is allowed in array of $or relationship.');
    const forked = current.length === 0 ? [new Map<string, FieldSpec>()] : current.map((r) => new Map(r));
    parseObject(forked, path, item, true);
    rules.push(...forked);
    if (rules.length > MAX_OR_COMBINATIONS) {
      where.fail(`The $or relationships in the pattern expand to more than ${MAX_OR_COMBINATIONS} combinations.`);
    }
  }
  if (count < 2) where.fail('There must have at least 2 Objects in $or relationship.');
}

/** A field's alternatives while they are being collected. */
class FieldBuilder {
  readonly strings = new Set<string>();
  readonly ipKeys = new Set<string>();
  readonly numbers = new Set<number>();
  readonly otherNumbers = new Set<number>();
  matchesTrue = false;
  matchesFalse = false;
  matchesNull = false;
  readonly tests: ScalarTest[] = [];
  existsTrue = false;
  existsFalse = false;
  readonly wildcards: string[] = [];

  build(source: readonly unknown[]): FieldSpec {
    const exactOnly =
      this.strings.size > 0 && this.ipKeys.size === 0 && this.numbers.size === 0 && this.otherNumbers.size === 0 &&
      !this.matchesTrue && !this.matchesFalse && !this.matchesNull && this.tests.length === 0 &&
      !this.existsTrue && !this.existsFalse;
    const parts: Omit<FieldMatcher, 'test'> = {
      strings: this.strings,
      ipKeys: this.ipKeys,
      numbers: this.numbers,
      otherNumbers: this.otherNumbers,
      matchesTrue: this.matchesTrue,
      matchesFalse: this.matchesFalse,
      matchesNull: this.matchesNull,
      tests: this.tests,
      existsTrue: this.existsTrue,
      existsFalse: this.existsFalse,
      exactOnly,
      source,
    };
    const matcher: FieldMatcher = { ...parts, test: buildScalarTest(parts) };
    return { matcher, wildcards: this.wildcards };
  }
}

function compileField(name: string, array: JsonNode & { kind: 'array' }): FieldSpec {
  const where: PatternSite = new PatternSite(name);
  const b = new FieldBuilder();
  for (const item of array.items) {
    switch (item.kind) {
      case 'object':
        compileMatchExpression(where, b, item);
        break;
      case 'string': {
        const key = looksLikeIp(item.value) ? ipKey(item.value) : undefined;
        if (key !== undefined) b.ipKeys.add(key);
        else b.strings.add(item.value);
        break;
      }
      case 'number': {
        const c = comparableFromPatternText(item.text);
        if (c.ok) b.numbers.add(c.scaled);
        else b.otherNumbers.add(item.value);
        break;
      }
      case 'true':
        b.matchesTrue = true;
        break;
      case 'false':
        b.matchesFalse = true;
        break;
      case 'null':
        b.matchesNull = true;
        break;
      default:
        where.fail('Match value must be String, number, true, false, or null');
    }
  }
  if (array.items.length === 0) where.fail('Empty arrays are not allowed');
  return b.build(array.items.map(jsonNodeToValue));
}

function onlyKey(where: PatternSite, node: JsonNode & { kind: 'object' }, message = 'Only one key allowed in match expression'): void {
  if (node.entries.length > 1) where.fail(message);
}

function compileMatchExpression(where: PatternSite, b: FieldBuilder, expr: JsonNode & { kind: 'object' }): void {
  const first = expr.entries[0];
  if (first === undefined) return where.fail('Match expression name not found');
  const [op, value] = first;
  switch (op) {
    case 'prefix':
    case 'suffix': {
      if (value.kind === 'object') {
        const text = ignoreCaseOperand(where, value, op === 'prefix' ? 'Prefix' : 'Suffix', op);
        onlyKey(where, expr);
        const folded = compileIgnoreCase(text);
        b.tests.push(
          op === 'prefix'
            ? (v) => typeof v === 'string' && startsWithIgnoreCase(folded, v)
            : (v) => typeof v === 'string' && endsWithIgnoreCase(folded, v),
        );
        return;
      }
      if (value.kind !== 'string') where.fail(`${op} match pattern must be a string`);
      onlyKey(where, expr);
      const text = value.value;
      b.tests.push(op === 'prefix' ? (v) => typeof v === 'string' && v.startsWith(text) : (v) => typeof v === 'string' && v.endsWith(text));
      return;
    }
    case 'equals-ignore-case': {
      if (value.kind !== 'string') where.fail('equals-ignore-case match pattern must be a string');
      onlyKey(where, expr);
      const folded = compileIgnoreCase(value.value);
      b.tests.push((v) => typeof v === 'string' && equalsIgnoreCase(folded, v));
      return;
    }
    case 'wildcard': {
      if (value.kind !== 'string') where.fail('wildcard match pattern must be a string');
      const problem = wildcardSyntaxError(value.value);
      if (problem !== undefined) where.fail(problem);
      onlyKey(where, expr);
      const w = compileWildcard(value.value);
      b.wildcards.push(value.value);
      b.tests.push((v) => typeof v === 'string' && matchesWildcard(w, v));
      return;
    }
    case 'numeric': {
      if (value.kind !== 'array') where.fail('Value of numeric must be an array.');
      const test = compileNumeric(where, value.items);
      onlyKey(where, expr, 'Too many elements in numeric expression');
      b.tests.push(test);
      return;
    }
    case 'exists': {
      if (value.kind !== 'true' && value.kind !== 'false') where.fail('exists match pattern must be either true or false.');
      onlyKey(where, expr);
      if (value.kind === 'true') b.existsTrue = true;
      else b.existsFalse = true;
      return;
    }
    case 'cidr': {
      if (value.kind !== 'string') where.fail('prefix match pattern must be a string');
      const parsed = parseCidr(value.value);
      if (!parsed.ok) where.fail(parsed.reason);
      onlyKey(where, expr);
      const { low, high } = parsed.range;
      b.tests.push((v) => {
        if (typeof v !== 'string') return false;
        const key = ipKey(v);
        return key !== undefined && key.length === low.length && key >= low && key <= high;
      });
      return;
    }
    case 'anything-but':
      compileAnythingBut(where, b, expr, value);
      return;
    default:
      where.fail(`Unrecognized match type ${op}`);
  }
}

/** `{"equals-ignore-case": "text"}` inside prefix or suffix. */
function ignoreCaseOperand(where: PatternSite, node: JsonNode & { kind: 'object' }, label: string, op: string): string {
  const first = node.entries[0];
  if (first === undefined) return where.fail(`${label} expression name not found`);
  const [name, value] = first;
  if (name !== 'equals-ignore-case') where.fail(`Unsupported ${op} pattern: ${name}`);
  if (value.kind !== 'string') where.fail('equals-ignore-case match pattern must be a string');
  onlyKey(where, node);
  return value.value;
}

function tokenText(node: JsonNode | undefined): string {
  if (node === undefined) return ']';
  switch (node.kind) {
    case 'array':
      return '[';
    case 'object':
      return '{';
    case 'string':
      return node.value;
    case 'number':
      return node.text;
    default:
      return node.kind;
  }
}

/** Checks an operand's type as the parser meets it; its value is converted only once the whole expression is read. */
function numericOperand(where: PatternSite, node: JsonNode | undefined, label: string): string {
  if (node?.kind !== 'number') return where.fail(`Value of ${label} must be numeric`);
  return node.text;
}

function scaled(where: PatternSite, text: string): number {
  const c = comparableFromPatternText(text);
  if (!c.ok) where.fail(c.reason);
  return c.scaled;
}

function rangeTest(low: number, lowOpen: boolean, high: number, highOpen: boolean): ScalarTest {
  return (v) => {
    if (typeof v !== 'number') return false;
    const c = comparableFromNumber(v);
    if (c === undefined) return false;
    return (lowOpen ? c > low : c >= low) && (highOpen ? c < high : c <= high);
  };
}

/** ±5e9, scaled: the ends of EventBridge's numeric domain, which one-sided comparisons use. */
const MIN = -5e15;
const MAX = 5e15;

function range(where: PatternSite, low: number, lowOpen: boolean, high: number, highOpen: boolean): ScalarTest {
  if (low >= high) where.fail('Bottom must be less than top');
  return rangeTest(low, lowOpen, high, highOpen);
}

function compileNumeric(where: PatternSite, items: readonly JsonNode[]): ScalarTest {
  const [opNode, first, second, third, ...rest] = items;
  if (opNode?.kind !== 'string') return where.fail(`Invalid member in numeric match: ${tokenText(opNode)}`);
  const op = opNode.value;
  switch (op) {
    case '=': {
      const text = numericOperand(where, first, 'equals');
      if (items.length > 2) where.fail('Too many elements in numeric expression');
      const n = scaled(where, text);
      return rangeTest(n, false, n, false);
    }
    case '<':
    case '<=': {
      const text = numericOperand(where, first, op);
      if (items.length > 2) where.fail('Too many elements in numeric expression');
      return range(where, MIN, false, scaled(where, text), op === '<');
    }
    case '>':
    case '>=': {
      const lowText = numericOperand(where, first, op);
      if (items.length === 2) return range(where, scaled(where, lowText), op === '>', MAX, false);
      if (second?.kind !== 'string') return where.fail(`Bad value in numeric range: ${tokenText(second)}`);
      const topOp = second.value;
      if (topOp !== '<' && topOp !== '<=') where.fail(`Bad numeric range operator: ${topOp}`);
      const highText = numericOperand(where, third, topOp);
      if (rest.length > 0) where.fail('Too many terms in numeric range expression');
      const low = scaled(where, lowText);
      return range(where, low, op === '>', scaled(where, highText), topOp === '<');
    }
    default:
      return where.fail(`Unrecognized numeric range operator: ${op}`);
  }
}

function compileAnythingBut(where: PatternSite, b: FieldBuilder, expr: JsonNode & { kind: 'object' }, value: JsonNode): void {
  let kind: 'values' | 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard' = 'values';
  let operand = value;
  let inner: (JsonNode & { kind: 'object' }) | undefined;
  if (value.kind === 'object') {
    inner = value;
    const first = value.entries[0];
    if (first === undefined) return where.fail('Anything-But expression name not found');
    const [name, v] = first;
    if (name !== 'equals-ignore-case' && name !== 'prefix' && name !== 'suffix' && name !== 'wildcard') {
      return where.fail(`Unsupported anything-but pattern: ${name}`);
    }
    kind = name;
    operand = v;
  }
  if (operand.kind !== 'array' && operand.kind !== 'string' && operand.kind !== 'number') {
    where.fail('Value of anything-but must be an array or single string/number value.');
  }
  const items = operand.kind === 'array' ? operand.items : [operand];
  let test: ScalarTest;
  if (kind === 'values') {
    test = anythingButValues(where, items, operand.kind === 'array');
  } else {
    const texts: string[] = [];
    for (const item of items) {
      if (item.kind !== 'string') {
        if (kind === 'equals-ignore-case') {
          where.fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
        }
        where.fail(kind === 'wildcard' ? 'wildcard match pattern must be a string' : 'prefix/suffix match pattern must be a string');
      }
      if ((kind === 'prefix' || kind === 'suffix') && item.value === '') where.fail('Null prefix/suffix not allowed');
      texts.push(item.value);
    }
    if (kind === 'wildcard') {
      for (const text of texts) {
        const problem = wildcardSyntaxError(text);
        if (problem !== undefined) where.fail(problem);
      }
    }
    test = anythingButStrings(kind, texts);
    if (kind === 'wildcard') b.wildcards.push(...texts);
  }
  if (inner !== undefined) onlyKey(where, inner, 'Too many elements in numeric expression');
  onlyKey(where, expr, 'Too many elements in numeric expression');
  b.tests.push(test);
}

function anythingButValues(where: PatternSite, items: readonly JsonNode[], isList: boolean): ScalarTest {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  let hasString = false;
  let hasNumber = false;
  for (const item of items) {
    if (item.kind === 'string') {
      strings.add(item.value);
      hasString = true;
    } else if (item.kind === 'number') {
      const c = comparableFromPatternText(item.text);
      if (!c.ok) where.fail(c.reason);
      numbers.add(c.scaled);
      hasNumber = true;
    } else {
      where.fail('Inside anything but list, start|null|boolean is not supported.');
    }
  }
  if (isList && hasNumber === hasString) {
    where.fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return (v) => {
    if (typeof v === 'string') return !strings.has(v);
    if (typeof v === 'number') {
      const c = comparableFromNumber(v);
      return c === undefined || !numbers.has(c);
    }
    return true;
  };
}

function anythingButStrings(kind: 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard', texts: readonly string[]): ScalarTest {
  let excluded: (s: string) => boolean;
  switch (kind) {
    case 'prefix':
      excluded = (s) => texts.some((t) => s.startsWith(t));
      break;
    case 'suffix':
      excluded = (s) => texts.some((t) => s.endsWith(t));
      break;
    case 'equals-ignore-case': {
      const folded = texts.map(compileIgnoreCase);
      excluded = (s) => folded.some((f) => equalsIgnoreCase(f, s));
      break;
    }
    case 'wildcard': {
      const compiled = texts.map(compileWildcard);
      excluded = (s) => compiled.some((w) => matchesWildcard(w, s));
      break;
    }
  }
  return (v: Scalar) => typeof v !== 'string' || !excluded(v);
}

function checkWildcardComplexity(rules: readonly Rule[]): void {
  const byPath = new Map<string, Set<string>>();
  for (const rule of rules) {
    for (const [path, spec] of rule) {
      if (spec.wildcards.length === 0) continue;
      const set = byPath.get(path) ?? new Set<string>();
      for (const w of spec.wildcards) set.add(w);
      byPath.set(path, set);
    }
  }
  for (const [path, texts] of byPath) {
    if (wildcardComplexity([...texts]) > WILDCARD_COMPLEXITY_LIMIT) {
      new PatternSite(path).fail(
        'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
      );
    }
  }
}

interface MutableNode {
  key: string;
  path: string;
  field: FieldMatcher | undefined;
  children: Map<string, MutableNode>;
}

function freeze(node: MutableNode): PatternNode {
  return {
    key: node.key,
    inheritedName: node.key in Object.prototype,
    path: node.path,
    field: node.field,
    children: [...node.children.values()].map(freeze),
  };
}

function toBranch(rule: Rule): Branch {
  const root = new Map<string, MutableNode>();
  const fields: Array<readonly [string, FieldMatcher]> = [];
  for (const [path, spec] of rule) {
    fields.push([path, spec.matcher]);
    // A dotted key and nesting are the same path in EventBridge, so the tree splits on dots.
    const segments = path.split('.');
    let level = root;
    let node: MutableNode | undefined;
    let sofar = '';
    for (const seg of segments) {
      sofar = sofar === '' && node === undefined ? seg : `${sofar}.${seg}`;
      node = level.get(seg);
      if (node === undefined) {
        node = { key: seg, path: sofar, field: undefined, children: new Map() };
        level.set(seg, node);
      }
      level = node.children;
    }
    (node as MutableNode).field = spec.matcher;
  }
  const nodes = [...root.values()].map(freeze);
  return { root: nodes, fields, matches: compileBranchMatcher(nodes) };
}
