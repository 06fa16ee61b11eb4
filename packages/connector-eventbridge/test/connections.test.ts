import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FlowDocument } from '@flowbridge/flow-model';
import { runDocument } from '@flowbridge/runtime/testing';
import { startFixture, TEST_CREDENTIALS, type Fixture } from './local-aws-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  f.constants['Partner.Password'] = 'pa55word';
  f.constants['Empty.Constant'] = '';
});
afterAll(async () => f.close());
beforeEach(() => f.proxy.reset());

describe('connections', () => {
  it('creates an API key connection, and describes it without ever returning the key', async () => {
    const created = await f.run('eventbridge.CreateConnection', { name: "'orders-key'", description: "'Orders app'", authorizationType: 'API_KEY', apiKeyName: "'x-api-key'", apiKeyValue: 'EventBridge.APIKey' });
    expect(created.path).toBe('out');
    expect(created.value.ConnectionArn).toMatch(/^arn:aws:events:us-east-1:\d{12}:connection\/orders-key\//);
    expect(created.value.ConnectionState).toBe('AUTHORIZED');
    expect(created.value.CreationTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    const sent = JSON.parse(f.proxy.of('CreateConnection')[0]!.body);
    expect(sent.AuthParameters.ApiKeyAuthParameters).toEqual({ ApiKeyName: 'x-api-key', ApiKeyValue: 'key-one-0123456789' });

    const described = await f.run('eventbridge.DescribeConnection', { name: "'orders-key'" });
    expect(described.value).toMatchObject({ Name: 'orders-key', Description: 'Orders app', AuthorizationType: 'API_KEY', ApiKeyName: 'x-api-key', ConnectionArn: created.value.ConnectionArn });
    expect(JSON.stringify(described.result)).not.toContain('key-one-0123456789');
  });

  it('creates a basic-auth connection with the password from a constant', async () => {
    const created = await f.run('eventbridge.CreateConnection', { name: "'partner-basic'", authorizationType: 'BASIC', username: "'partner'", password: 'Partner.Password' });
    expect(created.value.ConnectionState).toBe('AUTHORIZED');
    const described = await f.run('eventbridge.DescribeConnection', { name: "'partner-basic'" });
    expect(described.value).toMatchObject({ AuthorizationType: 'BASIC', Username: 'partner' });
    expect(JSON.stringify(described.result)).not.toContain('pa55word');
  });

  it('updates only what is set', async () => {
    await f.run('eventbridge.CreateConnection', { name: "'to-update'", description: "'before'", authorizationType: 'API_KEY', apiKeyValue: 'EventBridge.APIKey' });
    const updated = await f.run('eventbridge.UpdateConnection', { name: "'to-update'", description: "'after'" });
    expect(updated.path).toBe('out');
    expect(JSON.parse(f.proxy.of('UpdateConnection')[0]!.body)).toEqual({ Name: 'to-update', Description: 'after' });
    const described = await f.run('eventbridge.DescribeConnection', { name: "'to-update'" });
    expect(described.value).toMatchObject({ Description: 'after', ApiKeyName: 'x-api-key' });
  });

  it('catches a missing connection on the error edge as ResourceNotFoundException', async () => {
    const out = await f.run('eventbridge.DescribeConnection', { name: "'does-not-exist'" });
    expect(out.path).toBe('error');
    expect(out.error).toMatchObject({ kind: 'ResourceNotFoundException', message: expect.stringContaining("does-not-exist") });
    const update = await f.run('eventbridge.UpdateConnection', { name: "'does-not-exist'", description: "'x'" });
    expect(update.error?.kind).toBe('ResourceNotFoundException');
  });

  it('reports a duplicate name as ResourceAlreadyExistsException', async () => {
    await f.run('eventbridge.CreateConnection', { name: "'twice'", authorizationType: 'API_KEY', apiKeyValue: 'EventBridge.APIKey' });
    const again = await f.run('eventbridge.CreateConnection', { name: "'twice'", authorizationType: 'API_KEY', apiKeyValue: 'EventBridge.APIKey' });
    expect(again.error?.kind).toBe('ResourceAlreadyExistsException');
  });

  it('names an unknown constant instead of calling AWS', async () => {
    const out = await f.run('eventbridge.CreateConnection', { name: "'k'", authorizationType: 'API_KEY', apiKeyValue: 'Missing.Constant' });
    expect(out.error).toMatchObject({ kind: 'ConstantNotFound', message: expect.stringContaining('Missing.Constant') });
    expect(f.proxy.calls).toEqual([]);
  });

  describe('refuses invalid input before any call', () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['a name with spaces', { name: "'my connection'", authorizationType: 'API_KEY', apiKeyValue: 'EventBridge.APIKey' }, /Connection name "my connection" is not valid/],
      ['a name over 64 characters', { name: `'${'a'.repeat(65)}'`, authorizationType: 'API_KEY', apiKeyValue: 'EventBridge.APIKey' }, /is not valid/],
      ['an API key constant with an empty value', { name: "'k'", authorizationType: 'API_KEY', apiKeyValue: 'Empty.Constant' }, /needs an API key/],
      ['an invalid API key header', { name: "'k'", authorizationType: 'API_KEY', apiKeyName: "'bad header:'", apiKeyValue: 'EventBridge.APIKey' }, /not a valid HTTP header name/],
      ['basic auth without a user name', { name: "'k'", authorizationType: 'BASIC', password: 'Partner.Password' }, /needs a user name/],
      ['basic auth without a password', { name: "'k'", authorizationType: 'BASIC', username: "'u'" }, /needs a password/],
    ];
    for (const [what, config, message] of cases) {
      it(`refuses ${what}`, async () => {
        const out = await f.run('eventbridge.CreateConnection', config);
        expect(out.error?.kind).toBe('InvalidInput');
        expect(out.error?.message).toMatch(message);
        expect(f.proxy.calls).toEqual([]);
      });
    }
  });
});

describe('API destinations', () => {
  let connectionArn: string;
  beforeAll(async () => {
    connectionArn = (await f.run('eventbridge.CreateConnection', { name: "'dest-conn'", authorizationType: 'API_KEY', apiKeyValue: 'EventBridge.APIKey' })).value.ConnectionArn;
  });
  const arnParam = () => ({ parameters: { ConnArn: connectionArn }, parameterTypes: [{ name: 'ConnArn', type: 'String' }] });

  it('creates, describes and updates an API destination', async () => {
    const created = await f.run('eventbridge.CreateApiDestination', { name: "'orders-dest'", connectionArn: '$ConnArn', invocationEndpoint: "'https://app.example.com/events'", httpMethod: 'POST' }, arnParam());
    expect(created.value.ApiDestinationArn).toMatch(/:api-destination\/orders-dest\//);
    expect(created.value.ApiDestinationState).toBe('ACTIVE');
    const described = await f.run('eventbridge.DescribeApiDestination', { name: "'orders-dest'" });
    expect(described.value).toMatchObject({ Name: 'orders-dest', ConnectionArn: connectionArn, InvocationEndpoint: 'https://app.example.com/events', HttpMethod: 'POST', InvocationRateLimitPerSecond: 300 });
    const updated = await f.run('eventbridge.UpdateApiDestination', { name: "'orders-dest'", invocationEndpoint: "'https://app.example.com/v2'", httpMethod: 'PUT', invocationRateLimitPerSecond: '5' });
    expect(updated.path).toBe('out');
    const after = await f.run('eventbridge.DescribeApiDestination', { name: "'orders-dest'" });
    expect(after.value).toMatchObject({ InvocationEndpoint: 'https://app.example.com/v2', HttpMethod: 'PUT', InvocationRateLimitPerSecond: 5, ConnectionArn: connectionArn });
  });

  it('appends /* with the Wildcard option', async () => {
    await f.run('eventbridge.CreateApiDestination', { name: "'wild'", connectionArn: '$ConnArn', invocationEndpoint: "'https://app.example.com/items/'", httpMethod: 'POST', wildcard: true }, arnParam());
    expect((await f.run('eventbridge.DescribeApiDestination', { name: "'wild'" })).value.InvocationEndpoint).toBe('https://app.example.com/items/*');
  });

  it('catches a missing API destination on the error edge as ResourceNotFoundException', async () => {
    expect((await f.run('eventbridge.DescribeApiDestination', { name: "'nowhere'" })).error?.kind).toBe('ResourceNotFoundException');
    expect((await f.run('eventbridge.UpdateApiDestination', { name: "'nowhere'", httpMethod: 'GET' })).error?.kind).toBe('ResourceNotFoundException');
  });

  describe('refuses invalid input before any call', () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['an endpoint that is not a URL', { invocationEndpoint: "'not a url'" }, /is not a URL/],
      ['an endpoint that is not http(s)', { invocationEndpoint: "'ftp://files.example.com'" }, /must be an https:\/\/ URL/],
      ['a connection ARN that is not one', { connectionArn: "'arn:aws:sqs:us-east-1:123456789012:queue'" }, /is not a connection ARN/],
      ['a rate limit below 1', { invocationRateLimitPerSecond: '0' }, /Rate limit per second must be a whole number from 1/],
    ];
    for (const [what, config, message] of cases) {
      it(`refuses ${what}`, async () => {
        f.proxy.reset();
        const out = await f.run('eventbridge.CreateApiDestination', { name: "'bad'", connectionArn: '$ConnArn', invocationEndpoint: "'https://a.example.com'", httpMethod: 'POST', ...config }, arnParam());
        expect(out.error?.kind).toBe('InvalidInput');
        expect(out.error?.message).toMatch(message);
        expect(f.proxy.calls).toEqual([]);
      });
    }
  });
});

describe('a flow that branches on $latestError.kind', () => {
  // Describe the connection; when it does not exist, create it (the usual "get or create" microflow).
  const node = (id: string, kind: string, config: Record<string, unknown>) => ({ id, kind, position: { x: 0, y: 0 }, config });
  const aws = { region: "'us-east-1'", credentials: '$Creds' };
  const getOrCreate: FlowDocument = {
    formatVersion: 1,
    name: 'ACT_GetOrCreateConnection',
    parameters: [{ name: 'Creds', type: 'Credentials' }],
    returnType: 'JSON',
    nodes: [
      node('start', 'core.Start', {}),
      node('describe', 'eventbridge.DescribeConnection', { ...aws, name: "'get-or-create'", outputVariable: 'Existing' }),
      node('missing', 'core.Decision', { condition: "$latestError.kind = 'ResourceNotFoundException'" }),
      node('create', 'eventbridge.CreateConnection', { ...aws, name: "'get-or-create'", authorizationType: 'API_KEY', apiKeyValue: 'EventBridge.APIKey', outputVariable: 'Created' }),
      node('found', 'core.End', { returnValue: '{"created": false, "arn": $Existing.ConnectionArn}' }),
      node('made', 'core.End', { returnValue: '{"created": true, "arn": $Created.ConnectionArn}' }),
      node('other', 'core.End', { returnValue: '{"failed": $latestError.kind}' }),
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'describe' },
      { id: 'e2', source: 'describe', sourcePort: 'out', target: 'found' },
      { id: 'e3', source: 'describe', sourcePort: 'error', target: 'missing' },
      { id: 'e4', source: 'missing', sourcePort: 'true', target: 'create' },
      { id: 'e5', source: 'missing', sourcePort: 'false', target: 'other' },
      { id: 'e6', source: 'create', sourcePort: 'out', target: 'made' },
    ],
    annotations: [],
  };

  it('creates the missing connection on the first run and finds it on the second', async () => {
    const options = { parameters: { Creds: TEST_CREDENTIALS }, services: f.services, constants: f.constants };
    const first = await runDocument(f.modules, getOrCreate, options);
    expect(first.status).toBe('succeeded');
    expect(first.result).toMatchObject({ created: true, arn: expect.stringContaining(':connection/get-or-create/') });
    expect(first.trace.map((s) => `${s.nodeId}:${s.port ?? ''}`)).toEqual(['start:out', 'describe:error', 'missing:true', 'create:out', 'made:']);
    const second = await runDocument(f.modules, getOrCreate, options);
    expect(second.result).toEqual({ created: false, arn: (first.result as { arn: string }).arn });
  });

  it('takes the other branch for errors that are not a missing resource', async () => {
    const out = await runDocument(f.modules, getOrCreate, { parameters: { Creds: { accessKeyId: 'test', secretAccessKey: 'wrong' } }, services: f.services, constants: f.constants });
    expect(out.result).toMatchObject({ failed: expect.not.stringMatching(/ResourceNotFound/) });
  });
});
