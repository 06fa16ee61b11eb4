import type { FieldDefinition } from '@flowbridge/flow-model';

/** The authorization types Flowbridge supports for connections. */
export const authorizationTypeOptions = [
  { value: 'API_KEY', label: 'API key' },
  { value: 'BASIC', label: 'Basic (user name and password)' },
] as const;

/** The fields that describe a connection's authorization; secrets come from constants only. */
export function connectionAuthFields(required: boolean): FieldDefinition[] {
  return [
    {
      name: 'authorizationType',
      label: 'Authorization type',
      widget: 'select',
      options: [...(required ? [] : [{ value: '', label: 'Unchanged' }]), ...authorizationTypeOptions],
      default: required ? 'API_KEY' : '',
      required,
    },
    { name: 'apiKeyName', label: 'API key header', widget: 'expression', type: 'String', default: required ? "'x-api-key'" : undefined, help: 'API_KEY: the header that carries the key.' },
    { name: 'apiKeyValue', label: 'API key constant', widget: 'constant', type: 'String', default: required ? 'EventBridge.APIKey' : undefined, help: 'API_KEY: the constant holding the key.' },
    { name: 'username', label: 'User name', widget: 'expression', type: 'String', help: 'BASIC: the user name.' },
    { name: 'password', label: 'Password constant', widget: 'constant', type: 'String', help: 'BASIC: the constant holding the password.' },
  ];
}
