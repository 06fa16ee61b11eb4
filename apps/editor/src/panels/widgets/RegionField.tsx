/**
 * The region widget: a searchable list of regions (code and name) stored as the string literal
 * `'eu-west-1'`, or, switched to an expression, any JSONata that yields a region.
 */
import { useState } from 'react';
import { useCombobox } from 'downshift';
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

/** The regions whose code or name contains every word of `query`. */
export function matchingRegions<T extends { value: string; label: string }>(regions: ReadonlyArray<T>, query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return regions.filter((r) => words.every((w) => `${r.value} ${r.label}`.toLowerCase().includes(w)));
}

export function RegionField(props: WidgetProps) {
  const { text, literal } = literalOf(props.value);
  const [expressionMode, setExpressionMode] = useState(text !== '' && literal === null);
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
  return <RegionCombobox {...props} literal={literal} onExpressionMode={() => setExpressionMode(true)} />;
}

function literalOf(value: unknown): { text: string; literal: string | null } {
  const text = asText(value);
  return { text, literal: literalRegion(text) };
}

type Region = { value: string; label: string };

const shown = (region: Region | null): string => (region ? `${region.value} — ${region.label}` : '');

/** The list of regions on downshift's combobox: arrow keys, Enter, Escape, Home/End and the ARIA roles come from it. */
function RegionCombobox(props: WidgetProps & { literal: string | null; onExpressionMode(): void }) {
  const { id, field, onChange, onCommit, literal, onExpressionMode } = props;
  const regions = regionsOf(props);
  const selected = literal === null ? null : (regions.find((r) => r.value === literal) ?? { value: literal, label: '' });
  const [query, setQuery] = useState('');
  const items = matchingRegions(regions, query);
  const combobox = useCombobox<Region>({
    id,
    inputId: id,
    menuId: `${id}-list`,
    items,
    selectedItem: selected,
    itemToString: (r) => (r ? (r.label ? shown(r) : r.value) : ''),
    itemToKey: (r) => r?.value,
    onInputValueChange: ({ inputValue, type }) => {
      // Only typing filters; downshift also sets the input when an item is picked or the menu closes.
      if (type === useCombobox.stateChangeTypes.InputChange) setQuery(inputValue ?? '');
    },
    onIsOpenChange: ({ isOpen }) => {
      if (!isOpen) setQuery('');
    },
    onSelectedItemChange: ({ selectedItem }) => {
      if (!selectedItem) return;
      onChange(`'${selectedItem.value}'`);
      onCommit();
    },
  });
  const { isOpen, highlightedIndex, getInputProps, getMenuProps, getItemProps, openMenu } = combobox;
  return (
    <div className="region-field">
      <input
        {...getInputProps({
          'aria-label': field.label,
          placeholder: 'Search regions by code or name',
          onFocus: () => {
            if (!isOpen) openMenu();
          },
          onClick: () => {
            if (!isOpen) openMenu();
          },
        })}
      />
      <ul className="region-list" {...getMenuProps()} hidden={!isOpen}>
        {isOpen &&
          items.map((r, index) => (
            <li key={r.value} className={highlightedIndex === index ? 'highlighted' : undefined} {...getItemProps({ item: r, index })}>
              <code>{r.value}</code> {r.label}
            </li>
          ))}
        {isOpen && items.length === 0 && <li className="hint">No region matches.</li>}
      </ul>
      <button type="button" className="link" onClick={onExpressionMode}>
        Use an expression
      </button>
    </div>
  );
}
