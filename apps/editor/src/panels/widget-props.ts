/** What every property widget receives: its field, value, a change callback and the node's context. */
import type { Catalogue, FieldDefinition } from '@flowbridge/flow-model';
import type { ConstantInfo, FlowSummary } from '../api/client';
import type { ScopeVariable } from '../expression/completion';

export interface FieldContext {
  nodeId: string;
  /** The node's whole config (widgets such as the parameter map depend on sibling fields). */
  config: Readonly<Record<string, unknown>>;
  variables: readonly ScopeVariable[];
  catalogue: Catalogue;
  flows: readonly FlowSummary[];
  constants: readonly ConstantInfo[];
  /** Sample values of variables (parameters of the last run, pasted samples) for completion. */
  samples?: Readonly<Record<string, unknown>>;
}

export interface WidgetProps {
  /** The DOM id of the widget's main control (its label points at it). */
  id: string;
  field: FieldDefinition;
  value: unknown;
  context: FieldContext;
  onChange(value: unknown): void;
  /** The gesture (typing in this field) is over. */
  onCommit(): void;
}

/** A value shown as text: strings as they are, anything else as JSON, nothing as ''. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : JSON.stringify(value);
}
