/** The plain widgets: text, select, checkbox, number, variable name, variable, enumeration, constant. */
import type { WidgetProps } from '../widget-props';
import { asText } from '../widget-props';

export function TextField({ id, value, onChange, onCommit }: WidgetProps) {
  return <input id={id} value={asText(value)} onChange={(e) => onChange(e.target.value)} onBlur={onCommit} />;
}

export function SelectField({ id, field, value, onChange, onCommit }: WidgetProps) {
  const text = asText(value);
  const options = field.options ?? [];
  return (
    <select
      id={id}
      value={text}
      onChange={(e) => {
        onChange(e.target.value === '' ? undefined : e.target.value);
        onCommit();
      }}
    >
      {(!field.required || !options.some((o) => o.value === text)) && <option value="">(none)</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function CheckboxField({ id, value, onChange, onCommit }: WidgetProps) {
  return (
    <input
      id={id}
      type="checkbox"
      checked={value === true}
      onChange={(e) => {
        onChange(e.target.checked);
        onCommit();
      }}
    />
  );
}

export function NumberField({ id, value, onChange, onCommit }: WidgetProps) {
  return (
    <input
      id={id}
      type="number"
      value={typeof value === 'number' ? value : ''}
      onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      onBlur={onCommit}
    />
  );
}

/** The name of an existing variable (Change Variable's target): one of the variables in scope. */
export function VariableField({ id, value, context, onChange, onCommit }: WidgetProps) {
  const text = asText(value);
  return (
    <select
      id={id}
      value={text}
      onChange={(e) => {
        onChange(e.target.value === '' ? undefined : e.target.value);
        onCommit();
      }}
    >
      <option value="">(choose a variable)</option>
      {text !== '' && !context.variables.some((v) => v.name === text) && <option value={text}>{text} (not in scope)</option>}
      {context.variables.map((v) => (
        <option key={v.name} value={v.name}>
          ${v.name} ({v.type})
        </option>
      ))}
    </select>
  );
}

export function EnumerationField({ id, value, context, onChange, onCommit }: WidgetProps) {
  const text = asText(value);
  return (
    <select
      id={id}
      value={text}
      onChange={(e) => {
        onChange(e.target.value === '' ? undefined : e.target.value);
        onCommit();
      }}
    >
      <option value="">(none)</option>
      {[...context.catalogue.enumerations.keys()].map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}

/** A constant name; secret constants are allowed here (the host resolves them at run time) and marked. */
export function ConstantField({ id, value, context, onChange, onCommit }: WidgetProps) {
  const text = asText(value);
  const known = context.constants.find((c) => c.name === text);
  return (
    <>
      <input id={id} list={`${id}-constants`} value={text} placeholder="Module.Name" onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} onBlur={onCommit} />
      <datalist id={`${id}-constants`}>
        {context.constants.map((c) => (
          <option key={c.name} value={c.name}>
            {c.secret ? 'secret' : ''}
          </option>
        ))}
      </datalist>
      {text !== '' && context.constants.length > 0 && !known && <small className="hint">No constant named {text} is defined yet (see Constants).</small>}
      {known && !known.set && <small className="hint">{text} has no value yet (see Constants).</small>}
    </>
  );
}
