/**
 * A flow of the workspace. A callback-flow field (declaring `flowParameterType`, the one parameter type it needs, e.g.
 * HttpRequest) only offers flows taking exactly one parameter of that type, and can create one.
 */
import type { FieldDefinition } from '@flowbridge/flow-model';
import type { FlowSummary } from '../../api/client';
import { useActions } from '../../app/use-actions';
import type { WidgetProps } from '../widget-props';
import { asText } from '../widget-props';

const NEW_FLOW = '\u0000new';

/** The parameter type a callback-flow field requires, or undefined for a plain flow field. */
export function callbackParameterType(field: FieldDefinition): string | undefined {
  return field.flowParameterType;
}

/** Flows a field may name: for callback fields, those with exactly one parameter of the required type. */
export function eligibleFlows(field: FieldDefinition, flows: readonly FlowSummary[]): FlowSummary[] {
  const type = callbackParameterType(field);
  if (!type) return [...flows];
  return flows.filter((f) => f.parameters.length === 1 && f.parameters[0]!.type === type);
}

export function FlowField({ id, field, value, context, onChange, onCommit }: WidgetProps) {
  const { createCallbackFlow, navigate } = useActions();
  const text = asText(value);
  const type = callbackParameterType(field);
  const options = eligibleFlows(field, context.flows);
  const known = options.some((f) => f.name === text);
  return (
    <div className="flow-field">
      <select
        id={id}
        aria-label={field.label}
        value={text}
        onChange={async (e) => {
          if (e.target.value === NEW_FLOW) {
            if (!type) return;
            const name = await createCallbackFlow(type);
            if (name) {
              onChange(name);
              onCommit();
            }
            return;
          }
          onChange(e.target.value === '' ? undefined : e.target.value);
          onCommit();
        }}
      >
        <option value="">(choose a flow)</option>
        {text !== '' && !known && <option value={text}>{text} (not eligible or missing)</option>}
        {options.map((f) => (
          <option key={f.name} value={f.name}>
            {f.name}
          </option>
        ))}
        {type && <option value={NEW_FLOW}>+ New callback flow with a {type} parameter…</option>}
      </select>
      {type && <small className="hint">Only flows with exactly one {type} parameter are offered.</small>}
      {text !== '' && (
        <button type="button" className="link" onClick={() => void navigate({ kind: 'flow', name: text })}>
          Open {text}
        </button>
      )}
    </div>
  );
}
