import { EVENTS_MODEL } from './events-constraints.js';
import { ShapeValidator } from './shape-validator.js';

/**
 * EventBridge's request validation: botocore's model plus what AWS was recorded doing differently
 * (test/fixtures/recorded-answers.json names the recordings).
 */
export const EVENTS_VALIDATOR = new ShapeValidator(EVENTS_MODEL, {
  // AWS lists the API destination methods in this order, not the model's (POST, GET, HEAD, ...).
  enumOrder: { ApiDestinationHttpMethod: ['HEAD', 'POST', 'PATCH', 'DELETE', 'PUT', 'GET', 'OPTIONS'] },
  // AWS accepts an OAuth connection's HttpMethod in lower case ("put").
  caseInsensitiveEnums: new Set(['ConnectionOAuthHttpMethod']),
  // AWS's PutEventsRequestEntry class prints two fields the public model does not have.
  extraFields: { PutEventsRequestEntry: ['kmsKeyIdentifier', 'internalMetadata'] },
});
