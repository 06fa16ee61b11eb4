import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalAws } from '../src/index.js';
import { startForTest } from './helpers.js';

/** SHA-256 / HMAC-SHA256 for the client-side signer (what @smithy/hash-node does in the SDK). */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | Uint8Array) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest();
});
afterAll(async () => aws.close());

/** Signs a raw EventBridge call the way a non-SDK client might: extra headers, a query string. */
async function signedCall(options: { signUserAgent: boolean; declaredHash?: string; secret?: string; query?: Record<string, string> }) {
  const url = new URL(aws.url);
  const body = JSON.stringify({});
  const headers: Record<string, string> = {
    host: url.host,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'AWSEvents.ListEventBuses',
    'user-agent': 'hand-rolled-client/1.0',
    ...(options.declaredHash ? { 'x-amz-content-sha256': options.declaredHash } : {}),
  };
  const signer = new SignatureV4({
    service: 'events',
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: options.secret ?? 'test' },
    sha256: Sha256 as never, // the signer's SourceData type is wider than what it passes
  });
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: options.query ?? {}, headers, body },
    options.signUserAgent ? { signableHeaders: new Set(['user-agent']) } : {},
  );
  const query = new URLSearchParams(options.query ?? {}).toString();
  const response = await fetch(`${aws.url}/${query ? `?${query}` : ''}`, { method: 'POST', headers: signed.headers, body });
  return { status: response.status, body: (await response.json()) as { __type?: string } };
}

describe('SigV4 verification with the SDK signer', () => {
  it('accepts a request that also signed a header the SDK leaves unsigned by default, and a query string', async () => {
    const result = await signedCall({ signUserAgent: true, query: { 'b key': 'x/y', a: '1' } });
    expect(result.status).toBe(200);
  });

  it('refuses the same request signed with a wrong secret', async () => {
    const result = await signedCall({ signUserAgent: true, secret: 'wrong' });
    expect(result).toEqual({ status: 400, body: expect.objectContaining({ __type: 'InvalidSignatureException' }) });
  });

  it('refuses a declared payload hash that is not the body’s own', async () => {
    const otherHash = createHash('sha256').update('another body').digest('hex');
    const result = await signedCall({ signUserAgent: false, declaredHash: otherHash });
    expect(result.body.__type).toBe('InvalidSignatureException');
  });
});
