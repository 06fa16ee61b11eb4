import { describe, expect, it } from 'vitest';
import { createCatalogue, coreModule, withConstants } from '@flowbridge/flow-model';
import { awsAuthDefinitions, REGION_TYPE } from '@flowbridge/connector-aws-auth/definitions';
import { complete, completeInTemplate, type CompletionScope } from './completion';
import { baseCatalogue } from '../connectors';

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

describe('completion from sample values', () => {
  const withSample: CompletionScope = {
    catalogue: baseCatalogue,
    variables: [{ name: 'HttpRequest', type: 'HttpRequest' }],
    samples: { HttpRequest: { method: 'POST', event: { id: 'e-1', 'detail-type': 'OrderPlaced', detail: { orderId: 'o-1', customer: { name: 'Ada' }, lines: [] } } } },
  };

  it('completes $HttpRequest.event.detail. with the fields of the sample event, all the way down', () => {
    expect(labels('$HttpRequest.event.', withSample)).toEqual(['id', 'detail-type', 'detail']);
    expect(labels('$HttpRequest.event.detail.', withSample)).toEqual(['orderId', 'customer', 'lines']);
    expect(labels('$HttpRequest.event.detail.customer.', withSample)).toEqual(['name']);
    const options = complete('$HttpRequest.event.', 19, withSample)!.options;
    expect(options.find((o) => o.label === 'detail-type')?.apply).toBe('`detail-type`');
    expect(options.find((o) => o.label === 'detail')?.detail).toBe('object');
  });

  it('declared fields still come from the type, and without a sample a JSON field offers nothing', () => {
    expect(labels('$HttpRequest.', withSample)).toEqual(['method', 'uri', 'headers', 'content', 'event']);
    expect(labels('$HttpRequest.event.detail.', { ...withSample, samples: {} })).toEqual([]);
    expect(labels('$HttpRequest.event.detail.lines.', withSample)).toEqual([]);
  });
});

describe('completion from sample values in a template', () => {
  it('completes inside the open {{ }} of a message', () => {
    const s: CompletionScope = { catalogue: baseCatalogue, variables: [{ name: 'Request', type: 'HttpRequest' }], samples: { Request: { event: { detail: { orderId: 'o-1' } } } } };
    const text = 'order {{ $Request.event.detail.orderId }} {{ $Request.event.detail.';
    expect(completeInTemplate(text + '}}', text.length, s)?.options.map((o) => o.label)).toEqual(['orderId']);
  });
});
