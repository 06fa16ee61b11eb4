import type { ActivityDefinition } from '../activity-definition.js';

/** Ends the current iteration of the innermost loop and starts the next. */
export const continueLoop: ActivityDefinition = {
  kind: 'core.Continue',
  label: 'Continue',
  category: 'Control',
  icon: '↻',
  description: 'Skips the rest of this iteration; the loop goes on with the next item.',
  role: 'continue',
  fields: [],
  ports: [],
};
