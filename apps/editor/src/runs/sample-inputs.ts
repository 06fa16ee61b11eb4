/**
 * The values last entered in the Run dialog, per flow, for this tab's session: the expression preview
 * evaluates against them when no run of the flow is selected.
 */
const KEY = 'flowbridge.sampleInputs';
const LIMIT = 50;

function read(): Record<string, Record<string, unknown>> {
  try {
    const raw = sessionStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, Record<string, unknown>>) : {};
  } catch {
    return {};
  }
}

/** Remembers the parameters entered for a run of `flow`. */
export function rememberSampleInput(flow: string, parameters: Record<string, unknown>): void {
  const all = read();
  delete all[flow];
  all[flow] = parameters;
  const kept = Object.entries(all).slice(-LIMIT);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Storage full or blocked: the preview then has no sample input, and says so.
  }
  globalThis.dispatchEvent?.(new Event(SAMPLES_CHANGED));
}

/** Fired on `window` when a flow's sample input changes, so open panels pick it up. */
export const SAMPLES_CHANGED = 'flowbridge:sample-inputs';

/** The parameters last entered in the Run dialog for `flow`, if any. */
export function sampleInput(flow: string): Record<string, unknown> | undefined {
  return read()[flow];
}
