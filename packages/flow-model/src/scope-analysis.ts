/**
 * The must-analysis behind "is variable X defined on every path to node N", in time close to linear in
 * nodes + edges. Variables are created on flows (an activity's output on its normal flows,
 * `$latestError` on error flows, a loop's item on its body flow), so every flow becomes a node of its
 * own; the dominator tree of that graph is computed once, and each node stores only the names in scope
 * there but not at its immediate dominator: a scope only grows down the dominator tree. A chain of
 * 20,000 variables so stores 20,000 names instead of a set per node (200 million entries).
 * Nothing here recurses, so a deep graph cannot overflow the stack.
 */
import { LATEST_ERROR, LOOP_BODY } from './core/index.js';
import type { FlowEdge } from './document.js';

/** The variables in scope at one node. */
export interface VariableScope {
  has(name: string): boolean;
  /** Every name in scope, unsorted. */
  names(): string[];
}

/** The scope of a node no flow reaches. */
export const NO_VARIABLES: VariableScope = { has: () => false, names: () => [] };

/** Scopes of the nodes reachable from the Start. */
export interface ScopeQuery {
  /** The scope at `nodeId`, or undefined when the node is not reachable from the Start. */
  get(nodeId: string): VariableScope | undefined;
  has(nodeId: string): boolean;
}

/** The dominator tree of the flow graph with every flow split into a node of its own. */
interface SplitGraph {
  /** Graph node id → position (reverse postorder); flows have positions but no id. */
  position: Map<string, number>;
  preds: number[][];
  /** Names each position creates (flows only). */
  gen: string[][];
  isFlow: boolean[];
  idom: Int32Array;
  pre: Int32Array;
  post: Int32Array;
}

/**
 * Computes which names are defined on every path into each node reachable from `startId`
 * (`outgoing` holds only flows whose ends both exist).
 */
export function analyzeScopes(
  parameters: readonly string[],
  startId: string | undefined,
  outgoing: ReadonlyMap<string, readonly FlowEdge[]>,
  outputs: ReadonlyMap<string, string>,
  iterators: ReadonlyMap<string, string>,
): ScopeQuery {
  if (startId === undefined) return { get: () => undefined, has: () => false };
  const graph = buildSplitGraph(startId, outgoing, outputs, iterators);
  const { preds, gen, isFlow, idom, pre, post } = graph;
  const n = preds.length;
  const dominates = (a: number, b: number): boolean => pre[a]! <= pre[b]! && post[b]! <= post[a]!;

  // A flow back into a node that dominates its source only closes a cycle: a path through it visits
  // the node before, so it can never remove a name. Other flows into earlier positions (irreducible
  // graphs) need further rounds, as the classic fixpoint would.
  const relevantPreds = preds.map((list, x) => list.filter((p) => !dominates(x, p)));
  const hasRetreating = relevantPreds.some((list, x) => list.some((p) => p > x));

  let previous: Round | undefined;
  for (let round = 0; ; round++) {
    const current = new Round(n, pre);
    current.add(0, unique(parameters));
    for (let x = 1; x < n; x++) {
      if (isFlow[x]) {
        const source = preds[x]![0]!;
        current.add(x, unique(gen[x]!).filter((name) => !current.inScope(name, source, dominates)));
        continue;
      }
      const known = relevantPreds[x]!.filter((p) => p < x || previous !== undefined);
      const first = known.find((p) => p < x);
      if (first === undefined) continue;
      // In scope here = in scope at the immediate dominator, plus what every incoming flow carries on
      // top of it; the candidates are what the first flow carries between the two.
      const candidates = new Set<string>();
      for (let y = first; y !== idom[x]; y = idom[y]!) for (const name of current.newAt[y]!) candidates.add(name);
      const kept = [...candidates].filter((name) => known.every((p) => p === first || (p < x ? current : previous!).inScope(name, p, dominates)));
      current.add(x, kept);
    }
    const settled = previous !== undefined && current.sameAs(previous);
    previous = current;
    if (!hasRetreating || settled) break;
    // Scopes only shrink from round to round, so this ends; the cap guards against a bug looping forever.
    if (round > n + 2) throw new Error('Scope analysis did not settle; this is a bug in Flowbridge.');
  }
  const final = previous;
  const scopeAt = (x: number): VariableScope => ({
    has: (name) => final.inScope(name, x, dominates),
    names: () => {
      const names: string[] = [];
      for (let y = x; ; y = idom[y]!) {
        names.push(...final.newAt[y]!);
        if (y === 0) break;
      }
      return names;
    },
  });
  return {
    get: (nodeId) => {
      const x = graph.position.get(nodeId);
      return x === undefined ? undefined : scopeAt(x);
    },
    has: (nodeId) => graph.position.has(nodeId),
  };
}

/** One pass over the graph: the names new at each position, and where each name becomes new. */
class Round {
  readonly newAt: string[][];
  /** For each name, the positions where it becomes new, sorted by preorder number. Those subtrees never nest. */
  private readonly where = new Map<string, number[]>();

  constructor(
    size: number,
    private readonly pre: Int32Array,
  ) {
    this.newAt = Array.from({ length: size }, () => []);
  }

  add(x: number, names: string[]): void {
    this.newAt[x] = names;
    for (const name of names) {
      const list = this.where.get(name) ?? [];
      list.splice(this.firstAfter(list, this.pre[x]!), 0, x);
      this.where.set(name, list);
    }
  }

  /** True when `name` is new at `x` or at one of its dominators. */
  inScope(name: string, x: number, dominates: (a: number, b: number) => boolean): boolean {
    const list = this.where.get(name);
    if (!list) return false;
    // The only candidate is the last subtree root starting at or before x in preorder.
    const i = this.firstAfter(list, this.pre[x]!) - 1;
    return i >= 0 && dominates(list[i]!, x);
  }

  sameAs(other: Round): boolean {
    return this.newAt.every((names, x) => {
      const theirs = other.newAt[x]!;
      if (theirs.length !== names.length) return false;
      const set = new Set(theirs);
      return names.every((name) => set.has(name));
    });
  }

  private firstAfter(list: readonly number[], preorder: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.pre[list[mid]!]! <= preorder) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function buildSplitGraph(
  startId: string,
  outgoing: ReadonlyMap<string, readonly FlowEdge[]>,
  outputs: ReadonlyMap<string, string>,
  iterators: ReadonlyMap<string, string>,
): SplitGraph {
  // Vertices: graph nodes by id, flows by their edge object; successors as vertex keys.
  type Vertex = { id?: string; edge?: FlowEdge; succ: Vertex[]; order: number };
  const nodes = new Map<string, Vertex>();
  const nodeVertex = (id: string): Vertex => {
    let v = nodes.get(id);
    if (!v) {
      v = { id, succ: [], order: -1 };
      nodes.set(id, v);
    }
    return v;
  };
  const successors = (v: Vertex): Vertex[] => {
    if (v.edge) return v.succ.length ? v.succ : (v.succ = [nodeVertex(v.edge.target)]);
    if (v.succ.length === 0) v.succ = (outgoing.get(v.id!) ?? []).map((edge) => ({ edge, succ: [], order: -1 }));
    return v.succ;
  };

  // Iterative depth-first search for the reverse postorder.
  const postorder: Vertex[] = [];
  const root = nodeVertex(startId);
  root.order = 0;
  const stack: Array<{ v: Vertex; next: number }> = [{ v: root, next: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const succ = successors(top.v);
    if (top.next < succ.length) {
      const w = succ[top.next++]!;
      if (w.order === -1) {
        w.order = 0;
        stack.push({ v: w, next: 0 });
      }
    } else {
      postorder.push(top.v);
      stack.pop();
    }
  }
  const vertices = postorder.reverse();
  vertices.forEach((v, i) => (v.order = i));
  const n = vertices.length;

  const preds: number[][] = Array.from({ length: n }, () => []);
  const gen: string[][] = [];
  const isFlow: boolean[] = [];
  const position = new Map<string, number>();
  for (const v of vertices) {
    for (const w of v.succ) preds[w.order]!.push(v.order);
    isFlow.push(v.edge !== undefined);
    if (v.id !== undefined) position.set(v.id, v.order);
    gen.push(v.edge ? createdBy(v.edge, outputs, iterators) : []);
  }

  const idom = dominatorTree(preds);
  const { pre, post } = intervals(idom);
  return { position, preds, gen, isFlow, idom, pre, post };
}

/** The names a flow creates: `$latestError` on an error flow, else the source's output, plus a loop's item on its body flow. */
function createdBy(edge: FlowEdge, outputs: ReadonlyMap<string, string>, iterators: ReadonlyMap<string, string>): string[] {
  if (edge.sourcePort === 'error') return [LATEST_ERROR];
  const names: string[] = [];
  const output = outputs.get(edge.source);
  if (output) names.push(output);
  const iterator = iterators.get(edge.source);
  if (iterator && edge.sourcePort === LOOP_BODY) names.push(iterator);
  return names;
}

/** Immediate dominators by position (Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm"); positions are in reverse postorder, 0 the root. */
function dominatorTree(preds: readonly number[][]): Int32Array {
  const n = preds.length;
  const idom = new Int32Array(n).fill(-1);
  if (n === 0) return idom;
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (a > b) a = idom[a]!;
      while (b > a) b = idom[b]!;
    }
    return a;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let x = 1; x < n; x++) {
      let next = -1;
      for (const p of preds[x]!) {
        if (idom[p] === -1) continue;
        next = next === -1 ? p : intersect(p, next);
      }
      if (next !== -1 && idom[x] !== next) {
        idom[x] = next;
        changed = true;
      }
    }
  }
  return idom;
}

/** Preorder and postorder numbers of the dominator tree, so "a dominates b" is an interval test. */
function intervals(idom: Int32Array): { pre: Int32Array; post: Int32Array } {
  const n = idom.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let x = 1; x < n; x++) children[idom[x]!]!.push(x);
  const pre = new Int32Array(n);
  const post = new Int32Array(n);
  let counter = 0;
  const stack: Array<{ x: number; next: number }> = n ? [{ x: 0, next: 0 }] : [];
  if (n) pre[0] = counter++;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const kids = children[top.x]!;
    if (top.next < kids.length) {
      const child = kids[top.next++]!;
      pre[child] = counter++;
      stack.push({ x: child, next: 0 });
    } else {
      post[top.x] = counter++;
      stack.pop();
    }
  }
  return { pre, post };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
