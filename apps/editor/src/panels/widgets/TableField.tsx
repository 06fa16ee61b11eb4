/** A table of rows (e.g. PutEvents entries): each row a record of the column fields; add, remove, reorder. */
import type { FieldDefinition } from '@flowbridge/flow-model';
import type { WidgetProps } from '../widget-props';
import type { ComponentType } from 'react';

type Row = Record<string, unknown>;

/** A new row with the columns' defaults. */
export function newRow(columns: ReadonlyArray<FieldDefinition>): Row {
  const row: Row = {};
  for (const c of columns) if (c.default !== undefined) row[c.name] = structuredClone(c.default);
  return row;
}

/** Moves row `from` to `to`, answering a new list. */
export function moveRow<T>(rows: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= rows.length || from === to) return [...rows];
  const next = [...rows];
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row!);
  return next;
}

/** A table's cells are edited by the field editor, passed in by it (importing it here would be an import cycle). */
export function TableField({ id, field, value, context, onChange, onCommit, cellEditor: FieldEditor }: WidgetProps & { cellEditor: ComponentType<WidgetProps> }) {
  const rows: Row[] = Array.isArray(value) ? (value as Row[]) : [];
  const columns = field.columns ?? [];
  const set = (next: Row[]) => {
    onChange(next);
    onCommit();
  };
  return (
    <div className="table-field" id={id} role="group" aria-label={field.label}>
      {rows.map((row, index) => (
        <fieldset key={index} className="table-row" aria-label={`${field.label} row ${index + 1}`}>
          <legend>
            #{index + 1}
            <span className="row-actions">
              <button type="button" title="Move up" aria-label={`Move row ${index + 1} up`} disabled={index === 0} onClick={() => set(moveRow(rows, index, index - 1))}>
                ↑
              </button>
              <button type="button" title="Move down" aria-label={`Move row ${index + 1} down`} disabled={index === rows.length - 1} onClick={() => set(moveRow(rows, index, index + 1))}>
                ↓
              </button>
              <button
                type="button"
                title="Remove"
                aria-label={`Remove row ${index + 1}`}
                disabled={rows.length <= (field.minRows ?? 0)}
                onClick={() => set(rows.filter((_, i) => i !== index))}
              >
                ✕
              </button>
            </span>
          </legend>
          {columns.map((column) => (
            <FieldEditor
              key={column.name}
              id={`${id}-${index}-${column.name}`}
              field={column}
              value={row[column.name]}
              context={context}
              onChange={(v) => {
                const next = rows.map((r, i) => {
                  if (i !== index) return r;
                  const copy = { ...r };
                  if (v === undefined || v === '') delete copy[column.name];
                  else copy[column.name] = v;
                  return copy;
                });
                onChange(next);
              }}
              onCommit={onCommit}
            />
          ))}
        </fieldset>
      ))}
      <button type="button" onClick={() => set([...rows, newRow(columns)])}>
        + Add row
      </button>
    </div>
  );
}
