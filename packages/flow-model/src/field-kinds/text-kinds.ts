/** Widget kinds whose value is literal text: `text`, `select`, `variable-name`, `type`, `flow`, `enumeration`. */
import { checkTypeName } from '../types.js';
import type { FieldCheck, FieldKind } from './field-kind.js';

function literalText(extra?: (value: string, check: FieldCheck) => void): FieldKind['validate'] {
  return (value, check) => {
    if (typeof value !== 'string') return check.wrongType('text');
    extra?.(value, check);
  };
}

const noExpressions: FieldKind['expressions'] = () => undefined;

/** Literal text. */
export const textKind: FieldKind = { expressions: noExpressions, validate: literalText() };

/** The name of the variable a node defines. */
export const variableNameKind: FieldKind = { expressions: noExpressions, validate: literalText() };

/** One of `field.options`. */
export const selectKind: FieldKind = {
  expressions: noExpressions,
  validate: literalText((value, check) => {
    const { field } = check;
    if (field.options && !field.options.some((o) => o.value === value)) {
      check.error('invalid-option', `${check.nodeLabel}: ${field.label} must be one of ${field.options.map((o) => o.value).join(', ')}.`);
    }
  }),
};

/** A type name; Create Variable checks its own type together with its initial value. */
export const typeKind: FieldKind = {
  expressions: noExpressions,
  validate: literalText((value, check) => {
    if (check.definition.kind === 'core.CreateVariable') return;
    const typeProblem = checkTypeName(value, check.catalogue);
    if (typeProblem) check.error('unknown-type', typeProblem);
  }),
};

/** The name of another flow of the workspace (Call Flow and callback checks look it up). */
export const flowKind: FieldKind = {
  expressions: noExpressions,
  references: (value) => (typeof value === 'string' && value !== '' ? { flows: [value] } : {}),
  validate: literalText(),
};

/** The name of an enumeration in the catalogue. */
export const enumerationKind: FieldKind = {
  expressions: noExpressions,
  references: (value) => (typeof value === 'string' && value !== '' ? { enumerations: [value] } : {}),
  validate(value, check) {
    if (typeof value !== 'string') check.wrongType('an enumeration name');
  },
};
