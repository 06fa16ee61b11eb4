/** A problem found in a flow document: shown on the node in the editor, refused by the runtime when an error. */
export interface Problem {
  severity: 'error' | 'warning';
  /** Machine-readable reason, stable across releases (e.g. `missing-start`, `unknown-kind`). */
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** The config field, or a JSON path into the document for structural problems. */
  field?: string;
}

/** True when any problem is an error (a flow with errors saves but never runs). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
