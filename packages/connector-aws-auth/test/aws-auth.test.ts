import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalAws, type LocalAws } from '@flowbridge/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearClientCache } from '../src/client-cache.js';
import { createAwsAuthModule } from '../src/index.js';
import { runActivity, type RunActivityOptions } from '@flowbridge/runtime/testing';

// One clock for local AWS (session expiry) and the module (cache freshness), so tests can pass an expiry instantly.
let now = Date.now();
const clock = () => now;
let local: LocalAws;
const modules = [createAwsAuthModule({ now: clock })];
// A key pair whose id differs from its secret, so masking the secret by value cannot hide the id.
const KEY = { accessKeyId: 'FBLOCALTESTACCESSKEY', secretAccessKey: 'flowbridge-local-test-secret-access-key' };
const constants = { 'AWS.AccessKeyId': KEY.accessKeyId, 'AWS.SecretAccessKey': KEY.secretAccessKey, 'AWS.Empty': '' };
const ROLE = "'arn:aws:iam::000000000000:role/Publisher'";

beforeAll(async () => {
  local = await startLocalAws({ host: '127.0.0.1', port: 0, clock, credentials: [KEY, { accessKeyId: 'test', secretAccessKey: 'test' }] });
});
afterAll(async () => {
  clearClientCache();
  await local.close();
});

function run(kind: string, config: Record<string, unknown>, options: RunActivityOptions = {}) {
  return runActivity(modules, kind, { region: "'us-east-1'", ...config }, {
    constants,
    publicConstants: ['AWS.AccessKeyId'],
    ...options,
    services: { 'aws.endpoint': local.url, ...options.services },
  });
}
const withCreds = (creds: unknown): RunActivityOptions => ({ parameters: { Creds: creds }, parameterTypes: [{ name: 'Creds', type: 'Credentials' }] });

describe('Get Static Credentials', () => {
  it('builds Credentials from constants and never shows the secret in the run', async () => {
    const out = await run('aws.GetStaticCredentials', { accessKeyId: 'AWS.AccessKeyId', secretAccessKey: 'AWS.SecretAccessKey' });
    expect(out.path).toBe('out');
    expect(out.value.accessKeyId).toBe(KEY.accessKeyId);
    expect(out.value.secretAccessKey).toBe('***');
    expect(out.value.sessionToken).toBeUndefined();
    expect(JSON.stringify(out.result)).not.toContain(KEY.secretAccessKey);
  });

  it('refuses a constant without a value, naming the constant', async () => {
    const out = await run('aws.GetStaticCredentials', { accessKeyId: 'AWS.AccessKeyId', secretAccessKey: 'AWS.Empty' });
    expect(out.error).toMatchObject({ kind: 'InvalidInput', message: expect.stringContaining('"AWS.Empty" has no value') });
  });

  it('reports an unknown constant', async () => {
    const out = await run('aws.GetStaticCredentials', { accessKeyId: 'AWS.AccessKeyId', secretAccessKey: 'AWS.Nope' });
    expect(out.error?.kind).toBe('ConstantNotFound');
  });
});

describe('Validate Credentials', () => {
  it('answers true for credentials AWS accepts', async () => {
    const out = await run('aws.ValidateCredentials', { credentials: '$Creds' }, withCreds({ accessKeyId: 'test', secretAccessKey: 'test' }));
    expect(out.value).toBe(true);
  });

  it('answers false for a wrong secret or an unknown key', async () => {
    expect((await run('aws.ValidateCredentials', { credentials: '$Creds' }, withCreds({ accessKeyId: 'test', secretAccessKey: 'wrong' }))).value).toBe(false);
    expect((await run('aws.ValidateCredentials', { credentials: '$Creds' }, withCreds({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }))).value).toBe(false);
  });

  it('fails (rather than answering false) when AWS cannot be reached', async () => {
    const out = await run('aws.ValidateCredentials', { credentials: '$Creds', endpoint: 'http://127.0.0.1:9', retryPolicy: 'none' }, withCreds({ accessKeyId: 'test', secretAccessKey: 'test' }));
    expect(out.error).toMatchObject({ kind: 'EndpointUnreachable', message: expect.stringContaining('127.0.0.1:9') });
  });

  it('gives up after the activity timeout when the endpoint does not answer', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const started = Date.now();
      const out = await run('aws.ValidateCredentials', { credentials: '$Creds', endpoint: url, timeoutSeconds: 0.3, retryPolicy: 'none' }, withCreds(KEY));
      expect(out.error).toMatchObject({ kind: 'RequestTimeout', message: expect.stringContaining('did not answer in time') });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('refuses a value that is not Credentials', async () => {
    const out = await run('aws.ValidateCredentials', { credentials: '$Creds' }, { parameters: { Creds: { accessKeyId: 'x' } }, parameterTypes: [{ name: 'Creds', type: 'JSON' }] });
    expect(out.error).toMatchObject({ kind: 'InvalidInput', message: expect.stringContaining('no secretAccessKey') });
  });
});

describe('Get Temporary Credentials', () => {
  const assume = (extra: Record<string, unknown> = {}) => run('aws.GetTemporaryCredentials', { credentials: '$Creds', roleArn: ROLE, roleSessionName: "'flows'", ...extra }, withCreds({ accessKeyId: 'test', secretAccessKey: 'test' }));

  it('assumes the role and answers session credentials that AWS accepts', async () => {
    const out = await assume();
    expect(out.path).toBe('out');
    expect(out.value.accessKeyId).toMatch(/^ASIA/);
    expect(out.value.secretAccessKey).toBe('***');
    expect(out.value.sessionToken).toBe('***');
    expect(Date.parse(out.value.expiration) - now).toBeGreaterThan(3500_000);
    // The run hides the secrets; a flow still passes the real value on, so chain the two activities in one flow.
    const chained = await runChained();
    expect(chained).toBe(true);
  });

  it('reuses cached credentials, and assumes the role again once they expire', async () => {
    const first = await assume({ roleSessionName: "'cache-test'" });

    const second = await assume({ roleSessionName: "'cache-test'" });
    expect(second.value.accessKeyId).toBe(first.value.accessKeyId);
    now += 3600_000 + 1000;
    const third = await assume({ roleSessionName: "'cache-test'" });

    expect(third.value.accessKeyId).not.toBe(first.value.accessKeyId);
    expect(Date.parse(third.value.expiration)).toBeGreaterThan(now);
  });

  it('starts from the SDK default credential chain when no credentials are given', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    try {
      const out = await run('aws.GetTemporaryCredentials', { roleArn: ROLE, roleSessionName: "'from-chain'" });
      expect(out.value.accessKeyId).toMatch(/^ASIA/);
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });

  it('reports refused source credentials on the error path', async () => {
    const out = await run('aws.GetTemporaryCredentials', { credentials: '$Creds', roleArn: ROLE, roleSessionName: "'refused'" }, withCreds({ accessKeyId: 'test', secretAccessKey: 'wrong' }));
    expect(out.path).toBe('error');
    expect(out.error?.message).toMatch(/STS AssumeRole: AWS refused the credentials/);
  });

  it('refuses a role ARN, session name or duration AWS would reject, before calling it', async () => {
    expect((await assume({ roleArn: "'Publisher'" })).error).toMatchObject({ kind: 'InvalidInput', message: expect.stringContaining('not an IAM role ARN') });
    expect((await assume({ roleSessionName: "'has space'" })).error).toMatchObject({ kind: 'InvalidInput', message: expect.stringContaining('Session name') });
    expect((await assume({ durationSeconds: '60' })).error).toMatchObject({ kind: 'InvalidInput', message: expect.stringContaining('900 to 43200') });
  });

  it('makes later activities fail with ExpiredCredentials once the credentials have expired', async () => {
    const out = await run('aws.ValidateCredentials', { credentials: '$Creds' }, withCreds({ accessKeyId: 'ASIAOLD', secretAccessKey: 's', sessionToken: 't', expiration: new Date(now - 1000).toISOString() }));
    expect(out.value).toBe(false);
    expect(out.result.logs.map((l) => l.message)).toContain('The credentials have expired.');
  });
});

/** Get Temporary Credentials → Validate Credentials in one flow, answering the validation result. */
async function runChained(): Promise<unknown> {
  const { compile, coreRuntimeModule, createEngine, run: runFlow } = await import('@flowbridge/runtime');
  const engine = createEngine([coreRuntimeModule, ...modules]);
  const compiled = compile(
    {
      formatVersion: 1,
      name: 'ACT_Chain',
      parameters: [{ name: 'Creds', type: 'Credentials' }],
      returnType: 'Boolean',
      nodes: [
        { id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
        { id: 'assume', kind: 'aws.GetTemporaryCredentials', position: { x: 1, y: 0 }, config: { region: "'us-east-1'", credentials: '$Creds', roleArn: ROLE, roleSessionName: "'chain'", outputVariable: 'Temp' } },
        { id: 'check', kind: 'aws.ValidateCredentials', position: { x: 2, y: 0 }, config: { region: "'us-east-1'", credentials: '$Temp', outputVariable: 'Valid' } },
        { id: 'end', kind: 'core.End', position: { x: 3, y: 0 }, config: { returnValue: '$Valid' } },
      ],
      edges: [
        { id: 'a', source: 'start', sourcePort: 'out', target: 'assume' },
        { id: 'b', source: 'assume', sourcePort: 'out', target: 'check' },
        { id: 'c', source: 'check', sourcePort: 'out', target: 'end' },
      ],
      annotations: [],
    },
    engine,
  );
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  const result = await runFlow(compiled.flow, { Creds: { accessKeyId: 'test', secretAccessKey: 'test' } }, { services: { 'aws.endpoint': local.url } });
  if (result.status !== 'succeeded') throw new Error(JSON.stringify(result.error));
  return result.result;
}
