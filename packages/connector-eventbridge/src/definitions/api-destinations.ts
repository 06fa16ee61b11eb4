import { defineActivityDefinition } from '@flowbridge/flow-model';
import type { FieldDefinition } from '@flowbridge/flow-model';
import { clientSettingsFields, credentialsField, outputVariableField, regionField } from '@flowbridge/connector-aws-auth/definitions';
import { HTTP_METHODS } from './names.js';

const nameField: FieldDefinition = { name: 'name', label: 'API destination name', widget: 'expression', type: 'String', required: true, help: 'Letters, digits and . - _ (1 to 64).' };

function destinationFields(create: boolean): FieldDefinition[] {
  return [
    regionField,
    credentialsField,
    nameField,
    { name: 'description', label: 'Description', widget: 'expression', type: 'String' },
    { name: 'connectionArn', label: 'Connection ARN', widget: 'expression', type: 'String', required: create, help: 'e.g. $ConnectionResponse.ConnectionArn' },
    { name: 'invocationEndpoint', label: 'Endpoint URL', widget: 'expression', type: 'String', required: create, help: 'The HTTPS URL EventBridge calls.' },
    { name: 'wildcard', label: 'Wildcard path', widget: 'checkbox', default: false, help: 'Append /* so targets can fill in path parameters (as the Mendix Wildcard option).' },
    {
      name: 'httpMethod',
      label: 'HTTP method',
      widget: 'select',
      required: create,
      default: create ? 'POST' : '',
      options: [...(create ? [] : [{ value: '', label: 'Unchanged' }]), ...HTTP_METHODS.map((m) => ({ value: m, label: m }))],
    },
    { name: 'invocationRateLimitPerSecond', label: 'Rate limit per second', widget: 'expression', type: 'Integer', help: 'Invocations per second; 300 when empty.' },
    ...clientSettingsFields,
  ];
}

/** `eventbridge.CreateApiDestination`. */
export const createApiDestination = defineActivityDefinition({
  kind: 'eventbridge.CreateApiDestination',
  label: 'Create API Destination',
  category: 'EventBridge',
  keywords: ['http', 'webhook', 'url', 'endpoint', 'target'],
  icon: '🎯',
  description: 'Creates an API destination: an HTTP endpoint EventBridge rules can target, authenticated by a connection.',
  fields: [...destinationFields(true), outputVariableField('ApiDestinationResponse')],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: 'ApiDestinationResponse' },
});

/** `eventbridge.UpdateApiDestination`: only the fields that are set change. */
export const updateApiDestination = defineActivityDefinition({
  kind: 'eventbridge.UpdateApiDestination',
  label: 'Update API Destination',
  category: 'EventBridge',
  keywords: ['http', 'webhook', 'url', 'endpoint'],
  icon: '🎯',
  description: 'Updates an API destination; fields left empty keep their current value.',
  fields: [...destinationFields(false), outputVariableField('ApiDestinationResponse')],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: 'ApiDestinationResponse' },
});

/** `eventbridge.DescribeApiDestination`: a missing destination raises ResourceNotFoundException. */
export const describeApiDestination = defineActivityDefinition({
  kind: 'eventbridge.DescribeApiDestination',
  label: 'Describe API Destination',
  category: 'EventBridge',
  keywords: ['http', 'webhook', 'url', 'endpoint', 'status'],
  icon: '🔎',
  description: 'Reads an API destination. A missing one takes the error path with kind ResourceNotFoundException.',
  fields: [regionField, credentialsField, nameField, ...clientSettingsFields, outputVariableField('ApiDestinationDescription')],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: 'ApiDestinationDescription' },
});
