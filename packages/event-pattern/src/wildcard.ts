/**
 * The `wildcard` operator: `*` matches any run of characters, `\*` and `\\` are literals. Validation
 * reports byte positions exactly as event-ruler does (UTF-8 offsets in the value wrapped in quotes).
 */

/** UTF-8 bytes of a string (no TextEncoder: this module must not depend on DOM or Node typings). */
export function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

const STAR = 42;
const BACKSLASH = 92;

/** AWS's reason the wildcard text is malformed, or undefined when it is well formed. */
export function wildcardSyntaxError(text: string): string | undefined {
  const bytes = utf8Bytes(text);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === STAR) {
      if (bytes[i + 1] === STAR) return `Consecutive wildcard characters at pos ${i + 1}`;
    } else if (b === BACKSLASH) {
      const next = bytes[i + 1];
      if (next === STAR || next === BACKSLASH) {
        i++;
        continue;
      }
      return `Invalid escape character at pos ${i + 1}`;
    }
  }
  return undefined;
}

/** A compiled wildcard: the literal pieces between stars. */
export interface Wildcard {
  readonly text: string;
  /** Literal segments; a star sits between each consecutive pair. */
  readonly segments: readonly string[];
}

/** Compiles well-formed wildcard text (call {@link wildcardSyntaxError} first). */
export function compileWildcard(text: string): Wildcard {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\') {
      current += text[i + 1] ?? '';
      i++;
    } else if (c === '*') {
      segments.push(current);
      current = '';
    } else current += c;
  }
  segments.push(current);
  return { text, segments };
}

/** Whether the whole value matches the wildcard. Greedy leftmost search is exact for star-only globs. */
export function matchesWildcard(w: Wildcard, value: string): boolean {
  const segs = w.segments;
  const first = segs[0] as string;
  if (segs.length === 1) return value === first;
  const last = segs[segs.length - 1] as string;
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let pos = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < segs.length - 1; i++) {
    const seg = segs[i] as string;
    if (seg === '') continue;
    const at = value.indexOf(seg, pos);
    if (at < 0 || at + seg.length > end) return false;
    pos = at + seg.length;
  }
  return true;
}

/** AWS rejects wildcard sets whose matcher could be in more than this many places at once. */
export const WILDCARD_COMPLEXITY_LIMIT = 10;
const MAX_EXPLORED_STATES = 5000;

/**
 * Worst-case number of simultaneously live matcher positions for the wildcards on one field, in the
 * spirit of event-ruler's MachineComplexityEvaluator: the byte automaton over `"text"` is explored
 * by subset construction; a position with a star loop weighs 2 (its own byte transition and its
 * any-byte transition), other positions 1. Returns a value above the limit as soon as one is seen.
 */
export function wildcardComplexity(texts: readonly string[]): number {
  // States: 0 is the start; each pattern contributes a chain. loop[s]: state s has an any-byte loop.
  const next: Array<Map<number, number[]>> = [new Map()];
  const loop: boolean[] = [false];
  const accept: boolean[] = [false];
  const alphabet = new Set<number>();
  for (const text of texts) {
    const bytes = utf8Bytes(text);
    const tokens: number[] = [34];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (b === BACKSLASH) {
        tokens.push(bytes[i + 1] as number);
        i++;
      } else tokens.push(b === STAR ? -1 : b);
    }
    tokens.push(34);
    let state = 0;
    for (const t of tokens) {
      if (t === -1) {
        loop[state] = true;
        continue;
      }
      const created = next.length;
      next.push(new Map());
      loop.push(false);
      accept.push(false);
      const edges = (next[state] as Map<number, number[]>).get(t) ?? [];
      edges.push(created);
      (next[state] as Map<number, number[]>).set(t, edges);
      alphabet.add(t);
      state = created;
    }
    accept[state] = true;
  }
  const symbols = [...alphabet, -2]; // -2 stands for every byte no pattern names
  const weigh = (set: readonly number[]): number =>
    set.reduce((sum, s) => sum + (accept[s] ? 0 : loop[s] ? 2 : 1), 0);
  const seen = new Set<string>();
  const queue: number[][] = [[0]];
  let worst = 0;
  while (queue.length > 0) {
    const set = queue.pop() as number[];
    for (const sym of symbols) {
      const out = new Set<number>();
      for (const s of set) {
        if (loop[s]) out.add(s);
        const edges = sym >= 0 ? next[s]?.get(sym) : undefined;
        if (edges) for (const e of edges) out.add(e);
      }
      if (out.size === 0) continue;
      const sorted = [...out].sort((a, b) => a - b);
      const weight = weigh(sorted);
      if (weight > worst) worst = weight;
      if (worst > WILDCARD_COMPLEXITY_LIMIT) return worst;
      const key = sorted.join(',');
      if (!seen.has(key)) {
        if (seen.size >= MAX_EXPLORED_STATES) return WILDCARD_COMPLEXITY_LIMIT + 1;
        seen.add(key);
        queue.push(sorted);
      }
    }
  }
  return worst;
}
