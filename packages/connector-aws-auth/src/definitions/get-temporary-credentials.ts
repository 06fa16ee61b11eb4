import { defineActivityDefinition } from '@flowbridge/flow-model';
import { clientSettingsFields, credentialsField, outputVariableField, regionField } from './common-fields.js';
import { CREDENTIALS_TYPE } from './credentials-type.js';

/** `aws.GetTemporaryCredentials`: STS AssumeRole, cached per role and refreshed before expiry. */
export const getTemporaryCredentials = defineActivityDefinition({
  kind: 'aws.GetTemporaryCredentials',
  label: 'Get Temporary Credentials',
  category: 'AWS Authentication',
  keywords: ['assume role', 'sts', 'role', 'session', 'auth', 'login'],
  icon: '⏳',
  description: 'Assumes an IAM role through STS and returns short-lived credentials, reused until shortly before they expire.',
  fields: [
    regionField,
    { ...credentialsField, help: 'The credentials that assume the role. Leave empty to use the AWS SDK default chain.' },
    { name: 'roleArn', label: 'Role ARN', widget: 'expression', type: 'String', required: true, help: "e.g. 'arn:aws:iam::123456789012:role/Publisher'" },
    { name: 'roleSessionName', label: 'Session name', widget: 'expression', type: 'String', required: true, default: "'flowbridge'" },
    { name: 'durationSeconds', label: 'Duration (seconds)', widget: 'expression', type: 'Integer', default: '3600', help: '900 to 43200; the role may allow less.' },
    { name: 'externalId', label: 'External id', widget: 'expression', type: 'String', help: 'Only when the role\'s trust policy requires one.' },
    ...clientSettingsFields,
    outputVariableField('TemporaryCredentials'),
  ],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: CREDENTIALS_TYPE },
});
