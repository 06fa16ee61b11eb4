import { defineActivityDefinition } from '../define-activity-definition.js';

/** The port leading into the loop body, taken once per item. */
export const LOOP_BODY = 'body';
/** The port taken after the last item, or on Break. */
export const LOOP_DONE = 'done';

/**
 * Iterates over a list. The body starts at the `body` port; each iteration ends when the body flows
 * back into the loop, or reaches Continue; Break leaves the loop through `done`. Variables created in
 * the body are not visible after the loop.
 */
export const loop = defineActivityDefinition({
  kind: 'core.Loop',
  label: 'Loop',
  category: 'Control',
  keywords: ['for each', 'foreach', 'iterate', 'repeat', 'while', 'list'],
  icon: '⟳',
  description: 'Runs the body path once per item of a list, with the item as a variable; then continues at "done".',
  role: 'loop',
  fields: [
    { name: 'list', label: 'List', widget: 'expression', type: 'List<JSON>', required: true, help: 'JSONata expression yielding a list, e.g. $Orders.' },
    { name: 'iterator', label: 'Item variable', widget: 'variable-name', required: true, default: 'Item', help: 'The current item, as $Item, inside the body.' },
  ],
  ports: [
    { id: LOOP_BODY, label: 'body' },
    { id: LOOP_DONE, label: 'done' },
  ],
});
