import { defineActivityDefinition } from '../define-activity-definition.js';

/** Ends the run, optionally returning a value. */
export const end = defineActivityDefinition({
  kind: 'core.End',
  label: 'End',
  category: 'Control',
  keywords: ['return', 'finish', 'stop', 'done'],
  icon: '■',
  description: 'Ends the flow. When the flow has a return type, the expression gives the value returned.',
  role: 'end',
  fields: [{ name: 'returnValue', label: 'Return value', widget: 'expression', help: 'JSONata expression; leave empty when the flow returns nothing.' }],
  ports: [],
});
