/** `test.Shout`: a made-up activity, declared once through `defineActivity`, for the connector acceptance test. */
import { defineActivityDefinition } from '@flowbridge/flow-model';
import { defineActivity } from '@flowbridge/runtime';

/** Browser-safe definition: what the palette, the property panel and the validator see. */
export const shoutDefinition = defineActivityDefinition({
  kind: 'test.Shout',
  label: 'Shout',
  category: 'Testing',
  icon: '📣',
  description: 'Upper-cases a text and stores it in a variable.',
  fields: [
    { name: 'text', label: 'Text', widget: 'template', required: true, default: 'hello' },
    { name: 'times', label: 'Times', widget: 'number', default: 1 },
    { name: 'outputVariable', label: 'Output variable', widget: 'variable-name', required: true, default: 'Shouted' },
  ],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: 'String' },
});

/** Node-side implementation: `ctx.value` accepts only the fields above and answers their types. */
export const shout = defineActivity(shoutDefinition, async (ctx) => {
  const text: string = await ctx.value('text');
  const times = (await ctx.value('times')) ?? 1;
  return { output: Array.from({ length: times }, () => text.toUpperCase()).join(' ') };
});
