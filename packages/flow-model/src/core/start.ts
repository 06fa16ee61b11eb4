import { defineActivityDefinition } from '../define-activity-definition.js';

/** Where every flow begins; the flow's parameters are in scope from here. */
export const start = defineActivityDefinition({
  kind: 'core.Start',
  label: 'Start',
  category: 'Control',
  icon: '▶',
  description: 'Where the flow begins. Flow parameters are available as variables from here on.',
  role: 'start',
  fields: [],
  ports: [{ id: 'out' }],
});
