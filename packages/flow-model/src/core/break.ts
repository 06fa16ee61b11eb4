import { defineActivityDefinition } from '../define-activity-definition.js';

/** Leaves the innermost loop; the run continues at the loop's `done` port. */
export const breakLoop = defineActivityDefinition({
  kind: 'core.Break',
  label: 'Break',
  category: 'Control',
  keywords: ['exit loop', 'stop loop', 'leave'],
  icon: '⤓',
  description: 'Stops the loop it is in; the flow continues after the loop.',
  role: 'break',
  fields: [],
  ports: [],
});
