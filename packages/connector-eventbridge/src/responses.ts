/** Mapping SDK outputs to the connector's object types: DateTime as ISO-8601 text, absent members left out. */

/** `date` as ISO-8601, undefined when absent. */
export function isoTime(date: Date | undefined): string | undefined {
  return date ? date.toISOString() : undefined;
}

/** A copy of `value` without undefined members, so flows see only what AWS answered. */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) (out as Record<string, unknown>)[key] = v;
  return out;
}
