import { describe, expect, it } from 'vitest';
import { createCatalogue, coreModule, withConstants } from '@flowbridge/flow-model';
import { awsAuthDefinitions, REGION_TYPE } from '@flowbridge/connector-aws-auth/definitions';
import { complete, completeInTemplate, type CompletionScope } from './completion';

const catalogue = withConstants(
  createCatalogue([coreModule, awsAuthDefinitions]),
  new Map([
    ['Shop.BusName', { name: 'Shop.BusName', secret: false }],
    ['AWS.SecretAccessKey', { name: 'AWS.SecretAccessKey', secret: true }],
  ]),
);
const scope: CompletionScope = {
  catalogue,
  variables: [
    { name: 'Credentials', type: 'Credentials' },
    { name: 'Count', type: 'Integer' },
  ],
};
const labels = (text: string, s: CompletionScope = scope, explicit = false) => complete(text, text.length, s, explicit)?.options.map((o) => o.label) ?? [];

describe('expression completion', () => {
  it('offers the variables in scope with their types after a dollar sign', () => {
    const result = complete('$Cr', 3, scope);
    expect(result?.from).toBe(0);
    expect(result?.options.find((o) => o.label === '$Credentials')).toMatchObject({ detail: 'Credentials', kind: 'variable' });
  });

  it('offers the fields of an object type after a dot', () => {
    expect(labels('$Credentials.')).toEqual(['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration']);
    expect(complete('$Credentials.acc', 16, scope)?.from).toBe(13);
  });

  it('offers nothing after a dot on a primitive', () => {
    expect(complete('$Count.', 7, scope)).toBeNull();
  });

  it('offers only non-secret constants inside $constant()', () => {
    expect(labels("$constant('")).toEqual(['Shop.BusName']);
  });

  it('offers enumeration values where an enumeration is expected', () => {
    const regionScope = { ...scope, expectedType: REGION_TYPE };
    expect(labels("'eu-", regionScope)).toContain('eu-west-1');
    expect(labels('', regionScope, true)).toContain("'eu-west-1'");
    expect(labels("'eu-")).toEqual([]);
  });

  it('does not pop up in the middle of nothing unless asked', () => {
    expect(complete('1 + ', 4, scope)).toBeNull();
    expect(labels('1 + ', scope, true)).toContain('$Count');
  });

  it('in a template, completes only inside an open placeholder', () => {
    const text = 'Sent {{ $Cr';
    expect(completeInTemplate(text, text.length, scope)?.from).toBe(8);
    expect(completeInTemplate(text, text.length, scope)?.options[0]?.label).toBe('$Credentials');
    expect(completeInTemplate('Sent {{ $Count }} $C', 20, scope)).toBeNull();
    expect(completeInTemplate('No placeholder $C', 17, scope)).toBeNull();
  });
});
