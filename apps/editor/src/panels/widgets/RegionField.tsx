/**
 * The region widget: a searchable list of regions (code and name) stored as the string literal
 * `'eu-west-1'`, or, switched to an expression, any JSONata that yields a region.
 */
import { useState } from 'react';
import { parseType } from '@flowbridge/flow-model';
import type { WidgetProps } from '../widget-props';
import { asText } from '../widget-props';
import { ExpressionField } from './ExpressionField';

/** The region code a value names literally (`'eu-west-1'`), or null when it is a computed expression. */
export function literalRegion(value: string): string | null {
  const match = /^\s*(['"])([a-z0-9-]*)\1\s*$/.exec(value);
  return match ? (match[2] ?? '') : null;
}

/** The regions the catalogue knows, from the field's enumeration type. */
function regionsOf({ field, context }: Pick<WidgetProps, 'field' | 'context'>): ReadonlyArray<{ value: string; label: string }> {
  const parsed = field.type ? parseType(field.type) : undefined;
  const name = parsed?.ok && parsed.type.kind === 'enum' ? parsed.type.name : 'aws.Region';
  return context.catalogue.enumerations.get(name)?.values ?? [];
}

export function RegionField(props: WidgetProps) {
  const { id, field, value, onChange, onCommit } = props;
  const text = asText(value);
  const literal = literalRegion(text);
  const [expressionMode, setExpressionMode] = useState(text !== '' && literal === null);
  const [query, setQuery] = useState<string | null>(null);
  const regions = regionsOf(props);
  const current = literal === null ? undefined : regions.find((r) => r.value === literal);

  if (expressionMode) {
    return (
      <div className="region-field">
        <ExpressionField {...props} />
        <button type="button" className="link" disabled={text !== '' && literal === null} title="Only a literal region can be shown as a list" onClick={() => setExpressionMode(false)}>
          Pick from list
        </button>
      </div>
    );
  }
  const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matches = regions.filter((r) => words.every((w) => `${r.value} ${r.label}`.toLowerCase().includes(w)));
  const pick = (code: string) => {
    onChange(`'${code}'`);
    onCommit();
    setQuery(null);
  };
  return (
    <div className="region-field">
      <input
        id={id}
        role="combobox"
        aria-label={field.label}
        aria-expanded={query !== null}
        aria-controls={`${id}-list`}
        autoComplete="off"
        placeholder="Search regions by code or name"
        value={query ?? (current ? `${current.value} — ${current.label}` : (literal ?? ''))}
        onFocus={() => setQuery('')}
        onChange={(e) => setQuery(e.target.value)}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0]) pick(matches[0].value);
          if (e.key === 'Escape') setQuery(null);
        }}
      />
      {query !== null && (
        <ul className="region-list" role="listbox" id={`${id}-list`}>
          {matches.map((r) => (
            <li key={r.value} role="option" aria-selected={r.value === literal} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(r.value)}>
              <code>{r.value}</code> {r.label}
            </li>
          ))}
          {matches.length === 0 && <li className="hint">No region matches.</li>}
        </ul>
      )}
      <button type="button" className="link" onClick={() => setExpressionMode(true)}>
        Use an expression
      </button>
    </div>
  );
}
