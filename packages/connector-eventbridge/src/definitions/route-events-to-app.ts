import { defineActivityDefinition } from '@flowbridge/flow-model';
import { clientSettingsFields, credentialsField, outputVariableField, regionField } from '@flowbridge/connector-aws-auth/definitions';

/** `eventbridge.RouteEventsToApp`: a rule on a bus sending chosen event types to the registered API destination. */
export const routeEventsToApp = defineActivityDefinition({
  kind: 'eventbridge.RouteEventsToApp',
  label: 'Route Events To App',
  category: 'EventBridge',
  keywords: ['rule', 'subscribe', 'http', 'webhook', 'callback', 'receive events', 'event endpoint', 'route'],
  icon: '🧭',
  description:
    'Ensures a rule on an event bus sends events of the given types to the app\'s API destination (PutRule + PutTargets). Running it again changes nothing unless the settings changed.',
  fields: [
    regionField,
    credentialsField,
    { name: 'eventBusName', label: 'Event bus', widget: 'expression', type: 'String', default: "'default'" },
    { name: 'ruleName', label: 'Rule name', widget: 'expression', type: 'String', required: true, default: "'flowbridge-app-events'" },
    { name: 'eventTypes', label: 'Event types', widget: 'expression', type: 'List<String>', required: true, default: "['OrderPlaced']", eventTypes: 'use', help: 'The detail-types to route, e.g. ["OrderPlaced", "OrderShipped"].' },
    { name: 'sources', label: 'Sources', widget: 'expression', type: 'List<String>', help: 'Optionally only events from these sources.' },
    { name: 'apiDestination', label: 'API destination', widget: 'expression', type: 'String', required: true, default: "'flowbridge-app'", help: 'Name or ARN, e.g. $AppRegistration.ApiDestinationArn.' },
    { name: 'roleArn', label: 'Role ARN', widget: 'expression', type: 'String', required: true, help: 'The IAM role EventBridge uses to invoke the API destination (events:InvokeApiDestination).' },
    { name: 'targetId', label: 'Target id', widget: 'text', default: 'flowbridge-app' },
    ...clientSettingsFields,
    outputVariableField('EventRoute'),
  ],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: 'EventRoute' },
});
