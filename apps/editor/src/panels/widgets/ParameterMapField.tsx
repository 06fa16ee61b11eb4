/** The parameters of a called flow: one expression per parameter of the flow named by the node's `flow` field. */
import type { WidgetProps } from '../widget-props';
import { ExpressionField } from './ExpressionField';

export function ParameterMapField(props: WidgetProps) {
  const { id, field, value, context, onChange, onCommit } = props;
  const map: Record<string, unknown> = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const flowName = typeof context.config.flow === 'string' ? context.config.flow : '';
  const flow = context.flows.find((f) => f.name === flowName);
  if (!flow) return <p className="hint" id={id}>Choose a flow first; its parameters appear here.</p>;
  const stale = Object.keys(map).filter((k) => !flow.parameters.some((p) => p.name === k));
  const set = (name: string, v: unknown) => {
    const next = { ...map };
    if (v === undefined || v === '') delete next[name];
    else next[name] = v;
    onChange(next);
  };
  return (
    <div className="parameter-map" id={id} role="group" aria-label={field.label}>
      {flow.parameters.length === 0 && <p className="hint">{flow.name} takes no parameters.</p>}
      {flow.parameters.map((p) => (
        <div className="field" key={p.name}>
          <label htmlFor={`${id}-${p.name}`}>
            ${p.name} <small>{p.type}</small>
          </label>
          <ExpressionField
            {...props}
            id={`${id}-${p.name}`}
            field={{ name: p.name, label: p.name, widget: 'expression', type: p.type }}
            value={map[p.name]}
            onChange={(v) => set(p.name, v)}
            onCommit={onCommit}
          />
        </div>
      ))}
      {stale.map((k) => (
        <div className="field-problem" key={k}>
          {flow.name} has no parameter {k}.{' '}
          <button type="button" className="link" onClick={() => set(k, undefined)}>
            Remove
          </button>
        </div>
      ))}
    </div>
  );
}
