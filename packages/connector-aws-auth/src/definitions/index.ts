/** Browser-safe definitions of the AWS Authentication connector (no AWS SDK, no node: imports). */
import { defineConnectorManifest } from '@flowbridge/flow-model';
import { credentialsType } from './credentials-type.js';
import { getStaticCredentials } from './get-static-credentials.js';
import { getTemporaryCredentials } from './get-temporary-credentials.js';
import { regionEnumeration } from './regions.js';
import { validateCredentials } from './validate-credentials.js';

export * from './regions.js';
export * from './credentials-type.js';
export * from './common-fields.js';
export { getStaticCredentials, getTemporaryCredentials, validateCredentials };

/** What the AWS Authentication connector adds to a catalogue. */
export const awsAuthDefinitions = defineConnectorManifest({
  id: 'aws',
  activities: [getStaticCredentials, getTemporaryCredentials, validateCredentials],
  objectTypes: [credentialsType],
  enumerations: [regionEnumeration],
});
