import { defineActivityDefinition } from '../define-activity-definition.js';

/** Declares a new typed variable, optionally with an initial value. */
export const createVariable = defineActivityDefinition({
  kind: 'core.CreateVariable',
  label: 'Create Variable',
  category: 'Variables',
  keywords: ['declare', 'new variable', 'let', 'var', 'assign', 'set'],
  icon: '＋',
  description: 'Creates a new variable of a type, with an initial value (empty when no value is given).',
  fields: [
    { name: 'variableName', label: 'Variable name', widget: 'variable-name', required: true, default: 'Variable', help: 'Used as $Name in expressions.' },
    { name: 'type', label: 'Type', widget: 'type', required: true, default: 'String' },
    { name: 'value', label: 'Initial value', widget: 'expression', help: 'JSONata expression, e.g. 0, "text", $Order.total * 2. Leave empty for an empty value.' },
  ],
  ports: [{ id: 'out' }],
  output: { variableField: 'variableName', type: (config) => (typeof config.type === 'string' && config.type !== '' ? config.type : undefined) },
});
