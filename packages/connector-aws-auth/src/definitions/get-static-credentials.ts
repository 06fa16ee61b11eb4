import { defineActivityDefinition } from '@flowbridge/flow-model';
import { outputVariableField } from './common-fields.js';
import { CREDENTIALS_TYPE } from './credentials-type.js';

/** `aws.GetStaticCredentials`: a Credentials value from constants (long-term keys kept out of the flow). */
export const getStaticCredentials = defineActivityDefinition({
  kind: 'aws.GetStaticCredentials',
  label: 'Get Static Credentials',
  category: 'AWS Authentication',
  keywords: ['access key', 'secret key', 'login', 'auth', 'keys'],
  icon: '🔑',
  description: 'Builds AWS credentials from constants (access key id, secret access key, optional session token).',
  fields: [
    { name: 'accessKeyId', label: 'Access key id constant', widget: 'constant', type: 'String', required: true, default: 'AWS.AccessKeyId' },
    { name: 'secretAccessKey', label: 'Secret access key constant', widget: 'constant', type: 'String', required: true, default: 'AWS.SecretAccessKey' },
    { name: 'sessionToken', label: 'Session token constant', widget: 'constant', type: 'String', help: 'Only for temporary keys; leave empty otherwise.' },
    outputVariableField('Credentials'),
  ],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: CREDENTIALS_TYPE },
});
