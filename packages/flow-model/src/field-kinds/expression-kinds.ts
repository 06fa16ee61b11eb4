/** Widget kinds whose value is a JSONata expression (`expression`, `region`, `variable-ref`) or a template. */
import { parseTemplate } from '../template.js';
import type { FieldExpression, FieldKind } from './field-kind.js';

function singleExpression(value: unknown): FieldExpression[] | undefined {
  return typeof value === 'string' && value !== '' ? [{ source: value, offset: 0 }] : undefined;
}

/** A JSONata expression; `field.type` is the type it must yield (not checked for a loop's list, which the loop checks). */
export const expressionKind: FieldKind = {
  expressions: singleExpression,
  validate(value, check) {
    if (typeof value !== 'string') return check.wrongType('an expression (text)');
    check.checkExpression({ source: value, offset: 0 });
    if (check.field.type && check.definition.role !== 'loop') check.checkExpressionType(value, check.field.type);
  },
};

/** Literal text with `{{ expression }}` placeholders. */
export const templateKind: FieldKind = {
  expressions(value) {
    if (typeof value !== 'string') return undefined;
    return parseTemplate(value).flatMap((part) => ('expression' in part ? [{ source: part.expression, offset: part.offset }] : []));
  },
  validate(value, check) {
    if (typeof value !== 'string') return check.wrongType('text');
    for (const expression of templateKind.expressions(value, check.field) ?? []) check.checkExpression(expression);
  },
};
