import { defineActivityDefinition } from '@flowbridge/flow-model';
import { clientSettingsFields, credentialsField, outputVariableField, regionField } from '@flowbridge/connector-aws-auth/definitions';
import { EVENT_ENDPOINT_PATH } from './names.js';

/** `eventbridge.RegisterApp`: Mendix's RegisterMyMendixApp, idempotent. */
export const registerApp = defineActivityDefinition({
  kind: 'eventbridge.RegisterApp',
  label: 'Register App',
  category: 'EventBridge',
  keywords: ['setup', 'webhook', 'http', 'callback', 'receive events', 'endpoint', 'subscribe'],
  icon: '🛰',
  description: `Creates or updates the connection and API destination that let EventBridge call this app at {APP_URL}${EVENT_ENDPOINT_PATH}. Running it again changes nothing unless the key or URL changed.`,
  fields: [
    regionField,
    credentialsField,
    { name: 'name', label: 'Name', widget: 'expression', type: 'String', required: true, default: "'flowbridge-app'", help: 'Used for both the connection and the API destination.' },
    { name: 'description', label: 'Description', widget: 'expression', type: 'String' },
    { name: 'apiKey', label: 'API key constant', widget: 'constant', type: 'String', required: true, default: 'EventBridge.APIKey', help: 'The key EventBridge sends; the event endpoint checks it.' },
    { name: 'apiKeyHeader', label: 'API key header', widget: 'text', default: 'x-api-key' },
    ...clientSettingsFields,
    outputVariableField('AppRegistration'),
  ],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: 'AppRegistration' },
});
