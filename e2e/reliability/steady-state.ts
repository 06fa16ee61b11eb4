/**
 * When a soak's warm-up is over. V8 sizes its old generation by the first full (mark-compact)
 * collections: until then objects promoted by the young-generation collector pile up in old space,
 * dead or alive, and the committed heap and resident memory climb with them. How soon that first
 * collection comes depends on how fast objects are promoted, not on a leak: a server that promotes
 * less reaches it later. So the warm-up ends a few seconds after the load's second full collection
 * (the first often comes right at start-up), and never before a fixed minimum.
 */

/** One sample of the soak: seconds since the load began, and full collections so far. */
export interface GcSample {
  second: number;
  majorCollections: number;
}

export interface WarmUpRule {
  /** The warm-up lasts at least this long. */
  minSeconds: number;
  /** Full collections since the load began that end it. */
  collections: number;
  /** Seconds after that collection for freed pages to go back to the system. */
  settleSeconds: number;
}

export const WARM_UP: WarmUpRule = { minSeconds: 30, collections: 2, settleSeconds: 5 };

/**
 * The second at which the steady state begins, or undefined while it has not: the later of the minimum
 * and `settleSeconds` after the sample where the full collections since the first sample reached `collections`.
 */
export function steadyFrom(samples: ReadonlyArray<GcSample>, rule: WarmUpRule = WARM_UP): number | undefined {
  const first = samples[0];
  if (first === undefined) return undefined;
  const reached = samples.find((s) => s.majorCollections - first.majorCollections >= rule.collections);
  if (reached === undefined) return undefined;
  return Math.max(rule.minSeconds, reached.second + rule.settleSeconds);
}
