/**
 * Many rules, one event. Each `$or` branch of each rule is filed under one of its exact-string
 * fields (the one whose bucket is smallest when the rule is added, so `source` and `detail-type`
 * spread rules out); an event then only visits the buckets of the values it actually has. Branches
 * without an exact-string field are checked for every event. Matching cost grows with the number of
 * candidate rules, not with the number of rules.
 */
import type { Branch } from './compile-pattern.js';
import { CompiledEventPattern, type CompiledPattern, compilePattern } from './event-pattern.js';
import { branchMatches, prepareEvent, valuesAt } from './event-tree.js';

interface RuleRecord<Id> {
  readonly id: Id;
  readonly order: number;
  readonly pattern: CompiledEventPattern;
  /** The match call that last accepted this rule, so a rule is reported once even when several branches match. */
  stamp: number;
  readonly placements: Array<Placement<Id>>;
}

/** Where one branch of a rule was filed, so removal is proportional to the rule, not the set. */
interface Placement<Id> {
  readonly list: Entry<Id>[];
  readonly entry: Entry<Id>;
  readonly index?: PathIndex<Id>;
  readonly value?: string;
}

interface Entry<Id> {
  readonly rule: RuleRecord<Id>;
  readonly branch: Branch;
}

interface PathIndex<Id> {
  readonly segments: readonly string[];
  /** The key when the path is one top-level field (source, detail-type…), read without walking. */
  readonly topLevelKey: string | undefined;
  readonly buckets: Map<string, Entry<Id>[]>;
  /** How many entries are filed under this path (an empty path index is skipped). */
  size: number;
}

const hasOwn = Object.prototype.hasOwnProperty;

function byOrder(a: { order: number }, b: { order: number }): number {
  return a.order - b.order;
}

/** A set of compiled rules matched together against each event. */
export class RuleSet<Id = string> {
  private readonly rules = new Map<Id, RuleRecord<Id>>();
  private readonly paths = new Map<string, PathIndex<Id>>();
  /** The same indexes as an array: iterated for every event. */
  private pathList: PathIndex<Id>[] = [];
  private readonly unindexed: Entry<Id>[] = [];
  private nextOrder = 0;
  private stamp = 0;

  /** Adds a rule, or replaces the rule with the same id; throws InvalidEventPatternError for a bad pattern. */
  add(id: Id, pattern: unknown): void {
    const compiled = (pattern instanceof CompiledEventPattern ? pattern : compilePattern(pattern)) as CompiledEventPattern;
    this.remove(id);
    const rule: RuleRecord<Id> = { id, order: this.nextOrder++, pattern: compiled, stamp: 0, placements: [] };
    for (const branch of compiled.branches) this.place({ rule, branch });
    this.rules.set(id, rule);
  }

  /** Removes a rule; removing an unknown id does nothing. */
  remove(id: Id): void {
    const rule = this.rules.get(id);
    if (rule === undefined) return;
    for (const { list, entry, index, value } of rule.placements) {
      const at = list.indexOf(entry);
      if (at >= 0) list.splice(at, 1);
      if (index !== undefined && value !== undefined) {
        index.size--;
        if (list.length === 0) index.buckets.delete(value);
      }
    }
    this.rules.delete(id);
  }

  /** Number of rules. */
  get size(): number {
    return this.rules.size;
  }

  /** The compiled pattern of a rule, if present. */
  get(id: Id): CompiledPattern | undefined {
    return this.rules.get(id)?.pattern;
  }

  /** Ids of the rules the event matches, in the order the rules were added. Never throws. */
  match(event: unknown): Id[] {
    const prepared = prepareEvent(event);
    const stamp = ++this.stamp;
    const matched: RuleRecord<Id>[] = [];
    const values: unknown[] = [];
    const paths = this.pathList;
    for (let p = 0; p < paths.length; p++) {
      const index = paths[p] as PathIndex<Id>;
      if (index.size === 0) continue;
      if (index.topLevelKey !== undefined) {
        const v = hasOwn.call(prepared, index.topLevelKey) ? prepared[index.topLevelKey] : undefined;
        if (typeof v === 'string') {
          const list = index.buckets.get(v);
          if (list !== undefined) this.consider(list, prepared, stamp, matched);
          continue;
        }
        if (!Array.isArray(v)) continue;
      }
      values.length = 0;
      valuesAt(prepared, index.segments, values);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (typeof v !== 'string') continue;
        const list = index.buckets.get(v);
        if (list !== undefined) this.consider(list, prepared, stamp, matched);
      }
    }
    this.consider(this.unindexed, prepared, stamp, matched);
    if (matched.length > 1) matched.sort(byOrder);
    const ids: Id[] = new Array<Id>(matched.length);
    for (let i = 0; i < matched.length; i++) ids[i] = (matched[i] as RuleRecord<Id>).id;
    return ids;
  }

  private consider(list: readonly Entry<Id>[], event: Record<string, unknown>, stamp: number, matched: RuleRecord<Id>[]): void {
    for (let i = 0; i < list.length; i++) {
      const entry = list[i] as Entry<Id>;
      const rule = entry.rule;
      if (rule.stamp !== stamp && branchMatches(entry.branch, event)) {
        rule.stamp = stamp;
        matched.push(rule);
      }
    }
  }

  private place(entry: Entry<Id>): void {
    let best: { path: string; values: readonly string[]; cost: number } | undefined;
    for (const [path, field] of entry.branch.fields) {
      if (!field.exactOnly) continue;
      const values = [...field.strings];
      const index = this.paths.get(path);
      let cost = values.length;
      if (index !== undefined) for (const v of values) cost += index.buckets.get(v)?.length ?? 0;
      if (best === undefined || cost < best.cost) best = { path, values, cost };
    }
    if (best === undefined) {
      this.unindexed.push(entry);
      entry.rule.placements.push({ list: this.unindexed, entry });
      return;
    }
    let index = this.paths.get(best.path);
    if (index === undefined) {
      const segments = best.path.split('.');
      index = { segments, topLevelKey: segments.length === 1 ? segments[0] : undefined, buckets: new Map(), size: 0 };
      this.paths.set(best.path, index);
      this.pathList = [...this.paths.values()];
    }
    for (const v of best.values) {
      let list = index.buckets.get(v);
      if (list === undefined) {
        list = [];
        index.buckets.set(v, list);
      }
      list.push(entry);
      index.size++;
      entry.rule.placements.push({ list, entry, index, value: v });
    }
  }
}
