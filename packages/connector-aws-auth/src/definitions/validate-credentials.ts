import { defineActivityDefinition } from '@flowbridge/flow-model';
import { clientSettingsFields, credentialsField, outputVariableField, regionField } from './common-fields.js';

/** `aws.ValidateCredentials`: true when STS GetCallerIdentity accepts the credentials. */
export const validateCredentials = defineActivityDefinition({
  kind: 'aws.ValidateCredentials',
  label: 'Validate Credentials',
  category: 'AWS Authentication',
  keywords: ['check credentials', 'login', 'whoami', 'sts', 'test access'],
  icon: '✔',
  description: 'Asks STS who the credentials belong to: true when AWS accepts them, false when it refuses them.',
  fields: [regionField, { ...credentialsField, required: true }, ...clientSettingsFields, outputVariableField('CredentialsValid')],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: 'Boolean' },
});
