/**
 * What the editor says where a run's step inputs and outputs would be, when the server kept only a
 * compact trace (a succeeded event callback under `eventEndpoint.callbackTrace: "compact"`).
 */
import type { RunRecord } from '../api/client';

/** The note for a run whose trace was compacted, or undefined when its steps keep their data. */
export function compactTraceNote(run: Pick<RunRecord, 'traceCompact'>): string | undefined {
  if (!run.traceCompact) return undefined;
  return 'Inputs and outputs are not kept for successful callback runs; set eventEndpoint.callbackTrace to "full" in settings.json to keep them.';
}
