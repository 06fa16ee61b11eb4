import type { ActivityDefinition } from '../activity-definition.js';

/** Leaves the innermost loop; the run continues at the loop's `done` port. */
export const breakLoop: ActivityDefinition = {
  kind: 'core.Break',
  label: 'Break',
  category: 'Control',
  icon: '⤓',
  description: 'Stops the loop it is in; the flow continues after the loop.',
  role: 'break',
  fields: [],
  ports: [],
};
