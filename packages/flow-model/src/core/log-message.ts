import { defineActivityDefinition } from '../define-activity-definition.js';

/** Writes a line to the run's log. */
export const logMessage = defineActivityDefinition({
  kind: 'core.LogMessage',
  label: 'Log Message',
  category: 'Logging',
  keywords: ['log', 'print', 'debug', 'trace', 'console', 'write'],
  icon: '✎',
  description: 'Writes a message to the run log. Use {{ expression }} to insert values, e.g. {{ $Order.id }}.',
  fields: [
    {
      name: 'level',
      label: 'Level',
      widget: 'select',
      default: 'info',
      options: [
        { value: 'debug', label: 'Debug' },
        { value: 'info', label: 'Info' },
        { value: 'warning', label: 'Warning' },
        { value: 'error', label: 'Error' },
      ],
    },
    { name: 'message', label: 'Message', widget: 'template', required: true, default: 'Hello from Flowbridge' },
  ],
  ports: [{ id: 'out' }],
});
