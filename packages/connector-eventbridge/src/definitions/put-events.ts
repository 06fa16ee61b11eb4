import { defineActivityDefinition } from '@flowbridge/flow-model';
import type { FieldDefinition, FlowNode, NodeIssue } from '@flowbridge/flow-model';
import { clientSettingsFields, credentialsField, outputVariableField, regionField } from '@flowbridge/connector-aws-auth/definitions';

/** The columns of one entry row; each cell is an expression. */
export const entryColumns: ReadonlyArray<FieldDefinition> = [
  { name: 'source', label: 'Source', widget: 'expression', type: 'String', required: true, default: "'com.example.app'" },
  { name: 'detailType', label: 'Detail type', widget: 'expression', type: 'String', required: true, default: "'OrderPlaced'", eventTypes: 'use' },
  { name: 'detail', label: 'Detail', widget: 'expression', type: 'JSON', required: true, default: '{"id": 1}', help: 'An expression yielding a JSON object, e.g. {"orderId": $Order.id}.' },
  { name: 'eventBusName', label: 'Event bus', widget: 'expression', type: 'String', help: 'Name or ARN; the default bus when empty.' },
  { name: 'resources', label: 'Resources', widget: 'expression', type: 'List<String>' },
  { name: 'time', label: 'Time', widget: 'expression', type: 'DateTime', help: 'The receipt time when empty.' },
  { name: 'traceHeader', label: 'Trace header', widget: 'expression', type: 'String' },
];

/** `eventbridge.PutEvents`: publishes events, batching, retrying and reporting per entry. */
export const putEvents = defineActivityDefinition({
  kind: 'eventbridge.PutEvents',
  label: 'Put Events',
  category: 'EventBridge',
  keywords: ['send event', 'publish', 'emit', 'post event', 'raise event', 'notify', 'message', 'bus'],
  icon: '📤',
  description:
    'Sends events to EventBridge. More than 10 entries or 256 KB are split into several calls; throttled entries are retried; the response keeps entry order.',
  fields: [
    regionField,
    credentialsField,
    {
      name: 'entries',
      label: 'Entries',
      widget: 'table',
      columns: entryColumns,
      default: [{ source: "'com.example.app'", detailType: "'OrderPlaced'", detail: '{"id": 1}' }],
      help: 'One row per event. Leave empty to send a PutEventsRequest instead.',
    },
    {
      name: 'request',
      label: 'Request',
      widget: 'variable-ref',
      type: 'PutEventsRequest',
      help: 'A PutEventsRequest built by the flow (e.g. in a loop); used instead of the Entries table.',
    },
    {
      name: 'failOnPartialFailure',
      label: 'Fail when an entry fails',
      widget: 'checkbox',
      default: false,
      help: 'Take the error path (kind PartialFailure, codes in $latestError.details) when any entry is rejected.',
    },
    ...clientSettingsFields,
    outputVariableField('PutEventsResponse'),
  ],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: 'PutEventsResponse' },
  validate: validatePutEvents,
});

// Cells are checked by flow-model's table validation (syntax, required columns); this adds the choice between rows and a request.
function validatePutEvents(node: FlowNode): NodeIssue[] {
  const issues: NodeIssue[] = [];
  const rows = node.config.entries;
  const hasRows = Array.isArray(rows) && rows.length > 0;
  const hasRequest = typeof node.config.request === 'string' && node.config.request !== '';
  if (!hasRows && !hasRequest) {
    issues.push({ severity: 'error', code: 'no-entries', field: 'entries', message: 'Put Events needs at least one entry row, or a Request.' });
  }
  if (hasRows && hasRequest) {
    issues.push({ severity: 'error', code: 'entries-and-request', field: 'request', message: 'Put Events takes either Entries rows or a Request, not both; clear one.' });
  }
  return issues;
}
