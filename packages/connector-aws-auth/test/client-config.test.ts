import { describe, expect, it } from 'vitest';
import { buildClientConfig } from '../src/client-config.js';

describe('client configuration', () => {
  it('leaves endpoint, retries and timeout to the SDK when nothing is set', () => {
    expect(buildClientConfig({ region: 'eu-west-1' })).toEqual({ region: 'eu-west-1' });
  });

  it('prefers the node endpoint override to the host endpoint', () => {
    expect(buildClientConfig({ region: 'us-east-1', settings: { endpoint: 'http://node:1' }, hostEndpoint: 'http://host:2' }).endpoint).toBe('http://node:1');
    expect(buildClientConfig({ region: 'us-east-1', hostEndpoint: 'http://host:2' }).endpoint).toBe('http://host:2');
  });

  it('maps retry policies to SDK attempts: none is one attempt, count is retries plus one, default follows the workspace', () => {
    expect(buildClientConfig({ region: 'us-east-1', settings: { retryPolicy: 'none' } }).maxAttempts).toBe(1);
    expect(buildClientConfig({ region: 'us-east-1', settings: { retryPolicy: 'count', maxRetries: 4 } }).maxAttempts).toBe(5);
    expect(buildClientConfig({ region: 'us-east-1', defaults: { maxRetries: 'none' } }).maxAttempts).toBe(1);
    expect(buildClientConfig({ region: 'us-east-1', settings: { retryPolicy: 'default' }, defaults: { maxRetries: 2 } }).maxAttempts).toBe(3);
  });

  it('turns a timeout in seconds into request and connection timeouts, the node winning over the workspace', () => {
    expect(buildClientConfig({ region: 'us-east-1', settings: { timeoutSeconds: 1.5 }, defaults: { timeoutSeconds: 30 } }).requestHandler).toEqual({ requestTimeout: 1500, connectionTimeout: 1500, throwOnRequestTimeout: true });
    expect(buildClientConfig({ region: 'us-east-1', defaults: { timeoutSeconds: 30 } }).requestHandler?.requestTimeout).toBe(30_000);
  });

  it('passes temporary credentials with their expiry as a Date', () => {
    const config = buildClientConfig({ region: 'us-east-1', credentials: { accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't', expiration: '2030-01-01T00:00:00.000Z' } });
    expect(config.credentials).toEqual({ accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't', expiration: new Date('2030-01-01T00:00:00.000Z') });
  });
});
