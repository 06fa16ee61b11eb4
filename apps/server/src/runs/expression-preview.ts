/**
 * Expression previews: the editor's expression field shows the value of what is being typed, evaluated
 * here, never in the browser. The expression becomes a two-node flow (Start → End returning it, or a Log
 * Message for a `{{ }}` template) whose parameters are the sample variables, and runs through the flow
 * runner like any run: same worker pool, time and step limits, constants and masking. Nothing is stored.
 */
import type { FlowDocument } from '@flowbridge/flow-model';

/** The name previews run under (never a workspace flow: flow names do not start with an underscore... nor contain spaces). */
export const PREVIEW_FLOW = 'Expression preview';
/** A preview answer's value is cut to this many bytes of JSON (the editor shows a few lines). */
export const PREVIEW_MAX_BYTES = 64 * 1024;

export interface PreviewRequest {
  expression: string;
  variables: Record<string, unknown>;
  /** Literal text with `{{ }}` placeholders rather than one expression. */
  template?: boolean;
}

export type PreviewOutcome =
  | { ok: true; value: unknown; durationMs: number; truncated?: boolean }
  | { ok: false; error: { kind: string; message: string }; durationMs: number };

/** The flow that evaluates `request`: its variables become JSON parameters, the expression its result. */
export function previewDocument(request: PreviewRequest): FlowDocument {
  const start = { id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} };
  const end = { id: 'end', kind: 'core.End', position: { x: 400, y: 0 }, config: request.template ? {} : { returnValue: request.expression } };
  const nodes = request.template
    ? [start, { id: 'value', kind: 'core.LogMessage', position: { x: 200, y: 0 }, config: { level: 'info', message: request.expression } }, end]
    : [start, end];
  const edges = request.template
    ? [
        { id: 'e1', source: 'start', sourcePort: 'out', target: 'value' },
        { id: 'e2', source: 'value', sourcePort: 'out', target: 'end' },
      ]
    : [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'end' }];
  return {
    formatVersion: 1,
    name: PREVIEW_FLOW,
    parameters: Object.keys(request.variables).map((name) => ({ name, type: 'JSON' })),
    ...(request.template ? {} : { returnType: 'JSON' }),
    nodes,
    edges,
    annotations: [],
  } as FlowDocument;
}

/** Cuts a value whose JSON is bigger than PREVIEW_MAX_BYTES to the start of that JSON text. */
export function boundedValue(value: unknown): { value: unknown; truncated?: boolean } {
  const text = JSON.stringify(value);
  if (text === undefined || Buffer.byteLength(text) <= PREVIEW_MAX_BYTES) return { value };
  return { value: `${Buffer.from(text).subarray(0, PREVIEW_MAX_BYTES).toString('utf8')}…`, truncated: true };
}
