/** Widget kinds holding structured values: `table` (rows of column fields) and `parameter-map` (expressions by name). */
import type { FieldDefinition, FieldWidget } from '../activity-definition.js';
import type { FieldExpression, FieldKind } from './field-kind.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list of rows, each a record of `field.columns`; a column's kind says what its cells hold. */
export function createTableKind(kindOf: (widget: FieldWidget) => FieldKind): FieldKind {
  const cellExpressions = (column: FieldDefinition, cell: unknown): FieldExpression[] | undefined =>
    kindOf(column.widget)
      .expressions(cell, column)
      ?.map((e) => ({ ...e, column }));
  return {
    expressions(value, field) {
      if (!Array.isArray(value)) return undefined;
      return value.flatMap((row) => (isRecord(row) ? (field.columns ?? []).flatMap((column) => cellExpressions(column, row[column.name]) ?? []) : []));
    },
    references(value, field) {
      const flows: string[] = [];
      const constants: string[] = [];
      const enumerations: string[] = [];
      for (const row of Array.isArray(value) ? value : []) {
        if (!isRecord(row)) continue;
        for (const column of field.columns ?? []) {
          const found = kindOf(column.widget).references?.(row[column.name], column) ?? {};
          flows.push(...(found.flows ?? []));
          constants.push(...(found.constants ?? []));
          enumerations.push(...(found.enumerations ?? []));
        }
      }
      return { flows, constants, enumerations };
    },
    validate(value, check) {
      const { field, nodeLabel } = check;
      if (!Array.isArray(value)) return check.wrongType('a list of rows');
      if (field.minRows !== undefined && value.length < field.minRows) check.error('too-few-rows', `${nodeLabel}: ${field.label} needs at least ${field.minRows} row(s).`);
      for (const row of value) {
        if (!isRecord(row)) return check.wrongType('a list of rows (objects)');
        for (const column of field.columns ?? []) {
          const cell = row[column.name];
          const expressions = cellExpressions(column, cell);
          if (expressions) for (const expression of expressions) check.checkExpression(expression);
          else if (column.required && (cell === undefined || cell === null || cell === '')) check.error('required', `${nodeLabel}: ${field.label}: ${column.label} is required in every row.`);
        }
      }
    },
  };
}

/** Expressions keyed by the called flow's parameter names (Call Flow checks names and types against the flow). */
export const parameterMapKind: FieldKind = {
  expressions(value) {
    if (!isRecord(value)) return undefined;
    return Object.values(value).flatMap((source) => (typeof source === 'string' && source.trim() !== '' ? [{ source, offset: 0 }] : []));
  },
  validate(value, check) {
    const { field, nodeLabel } = check;
    if (!isRecord(value)) return check.wrongType('an object of expressions');
    for (const [key, expression] of Object.entries(value)) {
      if (typeof expression !== 'string') check.error('invalid-config', `${nodeLabel}: parameter ${key} must be an expression (text).`);
      else if (expression.trim() !== '') check.checkExpression({ source: expression, offset: 0 });
    }
  },
};
