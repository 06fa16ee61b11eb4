import { defineField, type FieldDefinition } from '@flowbridge/flow-model';
import { CREDENTIALS_TYPE } from './credentials-type.js';
import { REGION_TYPE } from './regions.js';

/** The Region field every AWS activity has; an expression yielding an `aws.Region` value. */
export const regionField = defineField({
  name: 'region',
  label: 'Region',
  widget: 'region',
  type: REGION_TYPE,
  required: true,
  default: "'us-east-1'",
  help: 'The AWS region to call, e.g. eu-west-1. An expression, so a flow may compute it.',
});

/** The Credentials field every AWS activity has; empty means the SDK's default credential chain. */
export const credentialsField = defineField({
  name: 'credentials',
  label: 'Credentials',
  widget: 'variable-ref',
  type: CREDENTIALS_TYPE,
  help: 'A Credentials variable (from Get Static/Temporary Credentials). Leave empty to use the AWS SDK default chain (environment, profile, instance role).',
});

/**
 * Optional client settings, as Mendix's BasicClientConfig/SDKClientConfig: empty fields fall back to the
 * workspace defaults (`aws.defaults` service), then to the SDK's own defaults.
 */
export const clientSettingsFields = [
  {
    name: 'timeoutSeconds',
    label: 'Timeout (seconds)',
    widget: 'number',
    help: 'How long one request may take before it fails with Timeout. Empty: workspace default, else no limit.',
  },
  {
    name: 'retryPolicy',
    label: 'Retry policy',
    widget: 'select',
    default: 'default',
    options: [
      { value: 'default', label: 'Workspace default' },
      { value: 'count', label: 'Retry up to a number of times' },
      { value: 'none', label: 'Never retry' },
    ],
    help: 'Throttling, 5xx and network errors are retried with back-off by the SDK.',
  },
  { name: 'maxRetries', label: 'Retries', widget: 'number', default: 2, help: 'With "Retry up to a number of times": retries after the first attempt.' },
  {
    name: 'endpoint',
    label: 'Endpoint override',
    widget: 'text',
    help: 'A URL such as http://127.0.0.1:4566. Empty: the host\'s local AWS when it runs one, else AWS_ENDPOINT_URL_<SERVICE> / AWS_ENDPOINT_URL, else AWS.',
  },
] as const satisfies ReadonlyArray<FieldDefinition>;

/** The name of the output variable field, as every activity with a result names it. */
export function outputVariableField(defaultName: string) {
  return defineField({ name: 'outputVariable', label: 'Output variable', widget: 'variable-name', required: true, default: defaultName });
}
