/**
 * The parameters each run of this browser was started with, kept for the tab's session: re-running a
 * run started here needs no round trip. Other runs' inputs come from their server record (`parameters`).
 */
const KEY = 'flowbridge.runInputs';
const LIMIT = 100;

function read(): Array<[string, Record<string, unknown>]> {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Array<[string, Record<string, unknown>]>) : [];
  } catch {
    return [];
  }
}

/** Remembers the parameters a run was started with. */
export function rememberRunInputs(runId: string, parameters: Record<string, unknown>): void {
  const entries = read().filter(([id]) => id !== runId);
  entries.push([runId, parameters]);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(entries.slice(-LIMIT)));
  } catch {
    // Storage full or blocked: re-running simply starts from empty inputs.
  }
}

/** The parameters a run was started with, when this tab started it. */
export function runInputs(runId: string): Record<string, unknown> | undefined {
  return read().find(([id]) => id === runId)?.[1];
}
