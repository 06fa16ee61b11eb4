/** Widget kinds holding a literal JSON value: `checkbox` and `number`. */
import type { FieldKind } from './field-kind.js';

/** A literal boolean. */
export const checkboxKind: FieldKind = {
  expressions: () => undefined,
  validate(value, check) {
    if (typeof value !== 'boolean') check.wrongType('true or false');
  },
};

/** A literal finite number. */
export const numberKind: FieldKind = {
  expressions: () => undefined,
  validate(value, check) {
    if (typeof value !== 'number' || !Number.isFinite(value)) check.wrongType('a number');
  },
};
