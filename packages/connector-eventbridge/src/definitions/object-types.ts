/** The object types the EventBridge connector declares; names and members follow the Mendix domain model. */
import type { ObjectTypeDefinition } from '@flowbridge/flow-model';

/** One event to publish, as in PutEventsRequestEntry. */
export const requestEntryType: ObjectTypeDefinition = {
  name: 'RequestEntry',
  description: 'One event for PutEvents.',
  fields: [
    { name: 'Source', type: 'String', description: 'Who sent the event, e.g. com.example.orders.' },
    { name: 'DetailType', type: 'String', description: 'The event type, e.g. OrderPlaced; callback routing uses it.' },
    { name: 'Detail', type: 'JSON', description: 'The event body: a JSON object.' },
    { name: 'EventBusName', type: 'String', description: 'Bus name or ARN; default bus when empty.' },
    { name: 'Resources', type: 'List<String>', description: 'ARNs the event concerns.' },
    { name: 'Time', type: 'DateTime', description: 'Event time; the receipt time when empty.' },
    { name: 'TraceHeader', type: 'String', description: 'An AWS X-Ray trace header.' },
  ],
};

/** A whole PutEvents request; flows build one when the entries are computed (e.g. in a loop). */
export const putEventsRequestType: ObjectTypeDefinition = {
  name: 'PutEventsRequest',
  fields: [{ name: 'Entries', type: 'List<RequestEntry>' }],
};

/** The outcome of one entry, in request order. */
export const responseEntryType: ObjectTypeDefinition = {
  name: 'ResponseEntry',
  description: 'EventId when the entry was accepted; ErrorCode and ErrorMessage when it was not.',
  fields: [
    { name: 'EventId', type: 'String' },
    { name: 'ErrorCode', type: 'String' },
    { name: 'ErrorMessage', type: 'String' },
  ],
};

/** The combined result of every PutEvents call a request needed. */
export const putEventsResponseType: ObjectTypeDefinition = {
  name: 'PutEventsResponse',
  fields: [
    { name: 'FailedEntryCount', type: 'Integer' },
    { name: 'Entries', type: 'List<ResponseEntry>', description: 'One per request entry, same order.' },
  ],
};

/** What a callback flow receives for each event EventBridge delivers to the app. */
export const httpRequestType: ObjectTypeDefinition = {
  name: 'HttpRequest',
  description: 'The HTTP request an API destination made to the app; `event` is the parsed EventBridge event.',
  fields: [
    { name: 'method', type: 'String' },
    { name: 'uri', type: 'String' },
    { name: 'headers', type: 'JSON', description: 'Header names in lower case; the API key header is removed.' },
    { name: 'content', type: 'String', description: 'The raw body.' },
    { name: 'event', type: 'JSON', description: 'The EventBridge event: id, detail-type, source, time, region, resources, detail.' },
  ],
};

/** The answer to Create/Update Connection. */
export const connectionResponseType: ObjectTypeDefinition = {
  name: 'ConnectionResponse',
  fields: [
    { name: 'ConnectionArn', type: 'String' },
    { name: 'ConnectionState', type: 'String' },
    { name: 'CreationTime', type: 'DateTime' },
    { name: 'LastModifiedTime', type: 'DateTime' },
    { name: 'LastAuthorizedTime', type: 'DateTime' },
  ],
};

/** The answer to Describe Connection; secrets are never part of it (AWS does not return them). */
export const connectionDescriptionType: ObjectTypeDefinition = {
  name: 'ConnectionDescription',
  fields: [
    { name: 'ConnectionArn', type: 'String' },
    { name: 'Name', type: 'String' },
    { name: 'Description', type: 'String' },
    { name: 'ConnectionState', type: 'String' },
    { name: 'StateReason', type: 'String' },
    { name: 'AuthorizationType', type: 'String' },
    { name: 'ApiKeyName', type: 'String', description: 'API_KEY: the header carrying the key.' },
    { name: 'Username', type: 'String', description: 'BASIC: the user name.' },
    { name: 'SecretArn', type: 'String' },
    { name: 'CreationTime', type: 'DateTime' },
    { name: 'LastModifiedTime', type: 'DateTime' },
    { name: 'LastAuthorizedTime', type: 'DateTime' },
  ],
};

/** The answer to Create/Update API Destination. */
export const apiDestinationResponseType: ObjectTypeDefinition = {
  name: 'ApiDestinationResponse',
  fields: [
    { name: 'ApiDestinationArn', type: 'String' },
    { name: 'ApiDestinationState', type: 'String' },
    { name: 'CreationTime', type: 'DateTime' },
    { name: 'LastModifiedTime', type: 'DateTime' },
  ],
};

/** The answer to Describe API Destination. */
export const apiDestinationDescriptionType: ObjectTypeDefinition = {
  name: 'ApiDestinationDescription',
  fields: [
    { name: 'ApiDestinationArn', type: 'String' },
    { name: 'Name', type: 'String' },
    { name: 'Description', type: 'String' },
    { name: 'ApiDestinationState', type: 'String' },
    { name: 'ConnectionArn', type: 'String' },
    { name: 'InvocationEndpoint', type: 'String' },
    { name: 'HttpMethod', type: 'String' },
    { name: 'InvocationRateLimitPerSecond', type: 'Integer' },
    { name: 'CreationTime', type: 'DateTime' },
    { name: 'LastModifiedTime', type: 'DateTime' },
  ],
};

/** What Register App leaves in AWS, and whether this run had to change it. */
export const appRegistrationType: ObjectTypeDefinition = {
  name: 'AppRegistration',
  fields: [
    { name: 'ConnectionArn', type: 'String' },
    { name: 'ApiDestinationArn', type: 'String' },
    { name: 'InvocationEndpoint', type: 'String', description: 'The app URL EventBridge calls.' },
    { name: 'ConnectionChanged', type: 'Boolean', description: 'True when this run created or updated the connection.' },
    { name: 'ApiDestinationChanged', type: 'Boolean', description: 'True when this run created or updated the API destination.' },
  ],
};

/** What Route Events To App leaves in AWS. */
export const eventRouteType: ObjectTypeDefinition = {
  name: 'EventRoute',
  fields: [
    { name: 'RuleArn', type: 'String' },
    { name: 'TargetId', type: 'String' },
    { name: 'ApiDestinationArn', type: 'String' },
    { name: 'EventPattern', type: 'String' },
    { name: 'Changed', type: 'Boolean', description: 'True when this run created or updated the rule or its target.' },
  ],
};

/** Every object type of the connector. */
export const eventBridgeObjectTypes: ReadonlyArray<ObjectTypeDefinition> = [
  requestEntryType,
  putEventsRequestType,
  responseEntryType,
  putEventsResponseType,
  httpRequestType,
  connectionResponseType,
  connectionDescriptionType,
  apiDestinationResponseType,
  apiDestinationDescriptionType,
  appRegistrationType,
  eventRouteType,
];
