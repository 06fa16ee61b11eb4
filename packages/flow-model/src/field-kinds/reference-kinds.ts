/** Widget kinds that name something that exists elsewhere: `variable` (in scope) and `constant` (host constants). */
import { isAssignableName } from '../types.js';
import type { FieldKind } from './field-kind.js';

const CONSTANT_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** An existing variable in scope, by name with or without `$`. */
export const variableKind: FieldKind = {
  expressions: () => undefined,
  validate(value, check) {
    const { field, nodeLabel } = check;
    if (typeof value !== 'string') return check.wrongType('a variable name');
    const name = value.startsWith('$') ? value.slice(1) : value;
    const type = check.variableTypes.get(name);
    if (type === undefined) check.error('unknown-variable', `${nodeLabel}: there is no variable ${name}.`);
    else if (!check.scope.has(name)) check.error('variable-not-in-scope', `${nodeLabel}: variable ${name} is not defined on every path to this activity.`);
    else if (field.type && !isAssignableName(type, field.type)) check.error('type-mismatch', `${nodeLabel}: ${field.label} must be ${field.type}, but ${name} is ${type}.`);
  },
};

/** A host constant `Module.Name`, secret ones included (the only way a flow reaches a secret). */
export const constantKind: FieldKind = {
  expressions: () => undefined,
  references: (value) => (typeof value === 'string' && value !== '' ? { constants: [value] } : {}),
  validate(value, check) {
    const { field, nodeLabel, catalogue } = check;
    if (typeof value !== 'string' || !CONSTANT_NAME.test(value)) return check.wrongType('a constant name such as Module.Name');
    const constant = catalogue.constants?.get(value);
    if (catalogue.constants && !constant) {
      check.error('unknown-constant', `${nodeLabel}: there is no constant ${value}; define it in the constants settings.`);
    } else if (constant && field.type && !isAssignableName(constant.type ?? 'String', field.type)) {
      check.error('type-mismatch', `${nodeLabel}: ${field.label} must be ${field.type}, but constant ${value} is ${constant.type ?? 'String'}.`);
    }
  },
};
