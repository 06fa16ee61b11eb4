import { defineActivityDefinition } from '../define-activity-definition.js';

/** Runs another flow of the workspace and optionally keeps its return value. */
export const callFlow = defineActivityDefinition({
  kind: 'core.CallFlow',
  label: 'Call Flow',
  category: 'Control',
  keywords: ['subflow', 'sub flow', 'microflow', 'call', 'invoke', 'function', 'reuse'],
  icon: '↪',
  description: 'Runs another flow with parameters; its return value becomes a variable. Its errors follow this activity\'s error path.',
  role: 'call-flow',
  fields: [
    { name: 'flow', label: 'Flow', widget: 'flow', required: true },
    { name: 'parameters', label: 'Parameters', widget: 'parameter-map', default: {}, help: 'One JSONata expression per parameter of the called flow.' },
    { name: 'outputVariable', label: 'Return value variable', widget: 'variable-name', help: 'Leave empty to ignore the return value.' },
  ],
  ports: [{ id: 'out' }],
  // The type is the called flow's return type, which only the catalogue's flows know.
  output: { variableField: 'outputVariable', type: () => undefined },
});
