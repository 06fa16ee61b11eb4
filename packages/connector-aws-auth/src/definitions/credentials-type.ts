import type { ObjectTypeDefinition } from '@flowbridge/flow-model';

/** The object type name of AWS credentials values. */
export const CREDENTIALS_TYPE = 'Credentials';

/**
 * AWS credentials as a flow value. The secret parts are declared `secret` so the runtime redacts them
 * in traces, logs and API responses (as Mendix's AWS Authentication module hides them).
 */
export const credentialsType: ObjectTypeDefinition = {
  name: CREDENTIALS_TYPE,
  description: 'AWS credentials: an access key pair and, for temporary credentials, a session token and expiry.',
  fields: [
    { name: 'accessKeyId', type: 'String', description: 'The access key id (AKIA... or ASIA...).' },
    { name: 'secretAccessKey', type: 'String', secret: true, description: 'The secret access key.' },
    { name: 'sessionToken', type: 'String', secret: true, description: 'Present for temporary credentials.' },
    { name: 'expiration', type: 'DateTime', description: 'When temporary credentials stop working (ISO-8601); absent for long-term keys.' },
  ],
};
