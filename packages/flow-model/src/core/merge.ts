import { defineActivityDefinition } from '../define-activity-definition.js';

/** Joins several paths into one. */
export const merge = defineActivityDefinition({
  kind: 'core.Merge',
  label: 'Merge',
  category: 'Control',
  keywords: ['join', 'combine paths', 'converge'],
  icon: '◇',
  description: 'Joins paths: every incoming flow continues through its one outgoing flow.',
  role: 'merge',
  fields: [],
  ports: [{ id: 'out' }],
});
