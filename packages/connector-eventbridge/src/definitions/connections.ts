import { defineActivityDefinition } from '@flowbridge/flow-model';
import { clientSettingsFields, credentialsField, outputVariableField, regionField } from '@flowbridge/connector-aws-auth/definitions';
import { connectionAuthFields } from './connection-fields.js';

const nameField = { name: 'name', label: 'Connection name', widget: 'expression', type: 'String', required: true, help: 'Letters, digits and . - _ (1 to 64).' } as const;

/** `eventbridge.CreateConnection`. */
export const createConnection = defineActivityDefinition({
  kind: 'eventbridge.CreateConnection',
  label: 'Create Connection',
  category: 'EventBridge',
  keywords: ['api key', 'auth', 'connection', 'setup'],
  icon: '🔌',
  description: 'Creates an EventBridge connection: how API destinations authenticate to an HTTP endpoint (API key or basic auth).',
  fields: [
    regionField,
    credentialsField,
    nameField,
    { name: 'description', label: 'Description', widget: 'expression', type: 'String' },
    ...connectionAuthFields(true),
    ...clientSettingsFields,
    outputVariableField('ConnectionResponse'),
  ],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: 'ConnectionResponse' },
});

/** `eventbridge.UpdateConnection`: only the fields that are set change. */
export const updateConnection = defineActivityDefinition({
  kind: 'eventbridge.UpdateConnection',
  label: 'Update Connection',
  category: 'EventBridge',
  keywords: ['api key', 'auth', 'rotate key'],
  icon: '🔌',
  description: 'Updates an EventBridge connection; fields left empty keep their current value.',
  fields: [
    regionField,
    credentialsField,
    nameField,
    { name: 'description', label: 'Description', widget: 'expression', type: 'String' },
    ...connectionAuthFields(false),
    ...clientSettingsFields,
    outputVariableField('ConnectionResponse'),
  ],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: 'ConnectionResponse' },
});

/** `eventbridge.DescribeConnection`: a missing connection raises ResourceNotFoundException. */
export const describeConnection = defineActivityDefinition({
  kind: 'eventbridge.DescribeConnection',
  label: 'Describe Connection',
  category: 'EventBridge',
  keywords: ['read connection', 'get connection', 'status'],
  icon: '🔎',
  description: 'Reads an EventBridge connection (never its secrets). A missing one takes the error path with kind ResourceNotFoundException.',
  fields: [regionField, credentialsField, nameField, ...clientSettingsFields, outputVariableField('ConnectionDescription')],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: 'ConnectionDescription' },
});
