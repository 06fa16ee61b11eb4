/**
 * Size limits of a flow document, checked before anything walks it: a document past them is refused
 * on save (HTTP 413) and reported, not loaded, at start. The graph analyses are linear, so the limits
 * are about what an editor canvas and a run record can sensibly hold, not about what would crash.
 */
import type { Problem } from './problems.js';

export const DOCUMENT_LIMITS = {
  /** Nodes (activities) of one flow. */
  nodes: 10_000,
  /** Edges (flows between activities) of one flow. */
  edges: 20_000,
  parameters: 500,
  annotations: 2_000,
  /** Nesting of objects and arrays inside one node's config. */
  configDepth: 32,
  /** Characters of one string inside a node's config (an expression, a template, a label). */
  configStringLength: 100_000,
} as const;

/** The problem code of every document-limit problem; the server answers 413 for it. */
export const DOCUMENT_TOO_LARGE = 'document-too-large';

const tooLarge = (field: string, message: string): Problem => ({ severity: 'error', code: DOCUMENT_TOO_LARGE, field, message });

/** Problems of a document (already known to be an object) past its count limits; checked before each item is looked at. */
export function checkDocumentCounts(input: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  for (const key of ['nodes', 'edges', 'parameters', 'annotations'] as const) {
    const value = input[key];
    const limit = DOCUMENT_LIMITS[key];
    if (Array.isArray(value) && value.length > limit) {
      problems.push(tooLarge(key, `The flow has ${value.length} ${key}, more than the ${limit} a flow may have; split it into smaller flows joined by Call Flow.`));
    }
  }
  return problems;
}

/** A problem when one node's config nests deeper or holds longer strings than the limits; iterative, so depth cannot overflow the stack. */
export function checkConfigSize(config: unknown, path: string): Problem | undefined {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: config, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > DOCUMENT_LIMITS.configStringLength) {
        return tooLarge(path, `A value in ${path} has ${value.length} characters, more than the ${DOCUMENT_LIMITS.configStringLength} allowed; move big data into a variable or a constant.`);
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= DOCUMENT_LIMITS.configDepth) {
      return tooLarge(path, `${path} nests objects or lists more than ${DOCUMENT_LIMITS.configDepth} levels deep; flatten it.`);
    }
    for (const item of Array.isArray(value) ? value : Object.values(value)) stack.push({ value: item, depth: depth + 1 });
  }
  return undefined;
}
