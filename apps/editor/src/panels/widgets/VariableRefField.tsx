/**
 * A variable of a type, picked from the variables in scope at this node (e.g. Credentials from a Get
 * Credentials activity upstream), or any expression yielding that type.
 */
import { useState } from 'react';
import { isAssignableName } from '@flowbridge/flow-model';
import type { WidgetProps } from '../widget-props';
import { asText } from '../widget-props';
import { ExpressionField } from './ExpressionField';

export function VariableRefField(props: WidgetProps) {
  const { id, field, value, context, onChange, onCommit } = props;
  const text = asText(value).trim();
  const candidates = context.variables.filter((v) => !field.type || isAssignableName(v.type, field.type));
  // JSON variables fit any type but are rarely meant; list exact matches first.
  candidates.sort((a, b) => Number(a.type !== field.type) - Number(b.type !== field.type) || a.name.localeCompare(b.name));
  const picked = /^\$([A-Za-z_]\w*)$/.exec(text)?.[1];
  const listed = text === '' || (picked !== undefined && candidates.some((c) => c.name === picked));
  const [expressionMode, setExpressionMode] = useState(!listed);

  if (expressionMode) {
    return (
      <div className="variable-ref-field">
        <ExpressionField {...props} />
        <button type="button" className="link" onClick={() => setExpressionMode(false)}>
          Pick a variable
        </button>
      </div>
    );
  }
  return (
    <div className="variable-ref-field">
      <select
        id={id}
        aria-label={field.label}
        value={text}
        onChange={(e) => {
          if (e.target.value === '\u0000expression') return setExpressionMode(true);
          onChange(e.target.value === '' ? undefined : e.target.value);
          onCommit();
        }}
      >
        <option value="">{field.required ? '(choose a variable)' : '(none)'}</option>
        {!listed && <option value={text}>{text}</option>}
        {candidates.map((v) => (
          <option key={v.name} value={`$${v.name}`}>
            ${v.name} ({v.type})
          </option>
        ))}
        <option value={'\u0000expression'}>Expression…</option>
      </select>
      {candidates.length === 0 && (
        <small className="hint">
          No {field.type ?? ''} variable is in scope here{field.type === 'Credentials' ? '; add Get Static or Get Temporary Credentials before this activity' : ''}.
        </small>
      )}
    </div>
  );
}
