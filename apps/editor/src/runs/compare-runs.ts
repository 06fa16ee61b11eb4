/**
 * Step-by-step comparison of two runs of a flow: steps are aligned by the node they ran (a longest common
 * subsequence, so a branch taken by only one run shows as steps only that run has), then compared field by field.
 */
import type { RunRecord, TraceStep } from '../api/client';

export type StepChange = 'same' | 'changed' | 'only-left' | 'only-right';

export interface ComparedStep {
  nodeId: string;
  kind: string | undefined;
  left?: TraceStep;
  right?: TraceStep;
  change: StepChange;
  /** What differs, in words: "port", "inputs.amount", "output", "error". */
  differences: string[];
}

export interface RunComparison {
  steps: ComparedStep[];
  /** Whether the runs ended the same way (status and result). */
  sameOutcome: boolean;
  changedCount: number;
}

/** Above this many steps per run the O(n·m) alignment would be slow; steps are paired by position instead. */
const ALIGN_LIMIT = 2_000;

/** Deep equality of JSON values where key order does not matter (`{a, b}` equals `{b, a}`): only real differences count. */
export function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => same(v, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function differences(left: TraceStep, right: TraceStep): string[] {
  const out: string[] = [];
  if (left.port !== right.port) out.push('port');
  const names = new Set([...Object.keys(left.inputs ?? {}), ...Object.keys(right.inputs ?? {})]);
  for (const name of names) if (!same(left.inputs?.[name], right.inputs?.[name])) out.push(`inputs.${name}`);
  if (!same(left.output, right.output)) out.push('output');
  if (!same(left.error, right.error)) out.push('error');
  return out;
}

/** Pairs indexes of equal node ids, in order (classic LCS table walk). */
function align(a: readonly TraceStep[], b: readonly TraceStep[]): Array<[number | undefined, number | undefined]> {
  if (a.length > ALIGN_LIMIT || b.length > ALIGN_LIMIT) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [i < a.length ? i : undefined, i < b.length ? i : undefined]);
  }
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i]!.nodeId === b[j]!.nodeId ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const pairs: Array<[number | undefined, number | undefined]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]!.nodeId === b[j]!.nodeId) pairs.push([i++, j++]);
    else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) pairs.push([i++, undefined]);
    else pairs.push([undefined, j++]);
  }
  while (i < a.length) pairs.push([i++, undefined]);
  while (j < b.length) pairs.push([undefined, j++]);
  return pairs;
}

/** Compares two runs step by step; `left` is usually the older run. */
export function compareRuns(left: RunRecord, right: RunRecord): RunComparison {
  const steps: ComparedStep[] = align(left.trace, right.trace).map(([i, j]) => {
    const l = i === undefined ? undefined : left.trace[i];
    const r = j === undefined ? undefined : right.trace[j];
    const step = (l ?? r)!;
    if (l && r) {
      const diff = differences(l, r);
      return { nodeId: step.nodeId, kind: step.kind, left: l, right: r, change: diff.length ? 'changed' : 'same', differences: diff };
    }
    return { nodeId: step.nodeId, kind: step.kind, ...(l ? { left: l } : {}), ...(r ? { right: r } : {}), change: l ? 'only-left' : 'only-right', differences: [] };
  });
  return {
    steps,
    sameOutcome: left.status === right.status && same(left.result, right.result),
    changedCount: steps.filter((s) => s.change !== 'same').length,
  };
}
