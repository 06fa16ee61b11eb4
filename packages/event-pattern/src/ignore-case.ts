/**
 * Case-insensitive comparison as event-ruler's EqualsIgnoreCaseParser does it: every UTF-16 unit
 * (every code point here, so astral letters fold too) of the pattern may appear in the event as its
 * root-locale lower-case or upper-case form, which may be longer than one unit (ß → SS).
 */

/** A compiled case-insensitive literal. */
export interface IgnoreCaseText {
  /** For each pattern code point, the spellings it accepts. */
  readonly choices: ReadonlyArray<readonly string[]>;
  /** Fast path: every choice is a single UTF-16 unit, so lengths must agree. */
  readonly simple: boolean;
}

/** Compiles a literal for case-insensitive comparison. */
export function compileIgnoreCase(text: string): IgnoreCaseText {
  const choices: string[][] = [];
  let simple = true;
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const set = lower === upper ? [lower] : [lower, upper];
    if (set.some((s) => s.length !== 1)) simple = false;
    choices.push(set);
  }
  return { choices, simple };
}

/** End positions in `value` reachable by matching the whole literal starting at `start`. */
function ends(pattern: IgnoreCaseText, value: string, start: number): Set<number> {
  let positions = new Set<number>([start]);
  for (const choice of pattern.choices) {
    const next = new Set<number>();
    for (const p of positions) {
      for (const spelling of choice) {
        if (value.startsWith(spelling, p)) next.add(p + spelling.length);
      }
    }
    if (next.size === 0) return next;
    positions = next;
  }
  return positions;
}

/** Whether `value` equals the literal ignoring case. */
export function equalsIgnoreCase(pattern: IgnoreCaseText, value: string): boolean {
  if (pattern.simple) {
    if (value.length !== pattern.choices.length) return false;
    for (let i = 0; i < value.length; i++) {
      const choice = pattern.choices[i] as readonly string[];
      const c = value[i] as string;
      if (choice[0] !== c && choice[1] !== c) return false;
    }
    return true;
  }
  return ends(pattern, value, 0).has(value.length);
}

/** Whether `value` starts with the literal ignoring case. */
export function startsWithIgnoreCase(pattern: IgnoreCaseText, value: string): boolean {
  if (pattern.simple) {
    if (value.length < pattern.choices.length) return false;
    for (let i = 0; i < pattern.choices.length; i++) {
      const choice = pattern.choices[i] as readonly string[];
      const c = value[i] as string;
      if (choice[0] !== c && choice[1] !== c) return false;
    }
    return true;
  }
  return ends(pattern, value, 0).size > 0;
}

/** Whether `value` ends with the literal ignoring case. */
export function endsWithIgnoreCase(pattern: IgnoreCaseText, value: string): boolean {
  if (pattern.simple) {
    const offset = value.length - pattern.choices.length;
    if (offset < 0) return false;
    for (let i = 0; i < pattern.choices.length; i++) {
      const choice = pattern.choices[i] as readonly string[];
      const c = value[offset + i] as string;
      if (choice[0] !== c && choice[1] !== c) return false;
    }
    return true;
  }
  // Walk the literal backwards from the end of the value, so the cost does not grow with the value's length.
  let positions = new Set<number>([value.length]);
  for (let i = pattern.choices.length - 1; i >= 0; i--) {
    const next = new Set<number>();
    for (const p of positions) {
      for (const spelling of pattern.choices[i] as readonly string[]) {
        if (p >= spelling.length && value.endsWith(spelling, p)) next.add(p - spelling.length);
      }
    }
    if (next.size === 0) return false;
    positions = next;
  }
  return true;
}
