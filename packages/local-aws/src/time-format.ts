/** ISO-8601 in whole seconds (`2026-01-15T12:00:00Z`), the form AWS uses in event envelopes and STS. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
