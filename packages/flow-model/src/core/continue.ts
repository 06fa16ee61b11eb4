import { defineActivityDefinition } from '../define-activity-definition.js';

/** Ends the current iteration of the innermost loop and starts the next. */
export const continueLoop = defineActivityDefinition({
  kind: 'core.Continue',
  label: 'Continue',
  category: 'Control',
  keywords: ['skip', 'next iteration'],
  icon: '↻',
  description: 'Skips the rest of this iteration; the loop goes on with the next item.',
  role: 'continue',
  fields: [],
  ports: [],
});
