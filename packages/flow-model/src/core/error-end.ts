import { defineActivityDefinition } from '../define-activity-definition.js';

/** Ends the run with an error, which the caller's error path (or the run result) receives. */
export const errorEnd = defineActivityDefinition({
  kind: 'core.ErrorEnd',
  label: 'Error End',
  category: 'Control',
  keywords: ['throw', 'raise', 'fail', 'error', 'abort'],
  icon: '⨯',
  description: 'Ends the flow with an error. On an error path with no kind or message given, it re-raises $latestError.',
  role: 'error-end',
  fields: [
    { name: 'errorKind', label: 'Error kind', widget: 'text', help: 'A name callers can branch on, e.g. OrderRejected.' },
    { name: 'message', label: 'Message', widget: 'template', help: 'Text with {{ expression }} placeholders.' },
  ],
  ports: [],
  validate(node) {
    const kind = node.config.errorKind;
    if (typeof kind === 'string' && kind !== '' && !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(kind)) {
      return [{ severity: 'error', code: 'invalid-error-kind', field: 'errorKind', message: `Error kind "${kind}" must be a name: letters, digits, "_" or ".", starting with a letter.` }];
    }
    return [];
  },
});
