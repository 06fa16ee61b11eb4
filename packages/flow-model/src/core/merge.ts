import type { ActivityDefinition } from '../activity-definition.js';

/** Joins several paths into one. */
export const merge: ActivityDefinition = {
  kind: 'core.Merge',
  label: 'Merge',
  category: 'Control',
  icon: '◇',
  description: 'Joins paths: every incoming flow continues through its one outgoing flow.',
  role: 'merge',
  fields: [],
  ports: [{ id: 'out' }],
};
