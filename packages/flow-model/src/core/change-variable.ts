import { defineActivityDefinition } from '../define-activity-definition.js';

/** Assigns a new value to an existing variable. */
export const changeVariable = defineActivityDefinition({
  kind: 'core.ChangeVariable',
  label: 'Change Variable',
  category: 'Variables',
  keywords: ['set', 'assign', 'update', 'modify', 'change value'],
  icon: '✎',
  description: 'Assigns a new value to a variable that is already in scope, e.g. $Count + 1.',
  fields: [
    { name: 'variable', label: 'Variable', widget: 'variable', required: true, help: 'The variable to change (its name without $).' },
    { name: 'value', label: 'New value', widget: 'expression', required: true, help: 'JSONata expression; its type must match the variable.' },
  ],
  ports: [{ id: 'out' }],
  // The type is the changed variable's own type, which only the scope knows.
  output: { variableField: 'variable', assigns: true, type: () => undefined },
});
