import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** What a signature is computed over: the request exactly as it arrived. */
export interface SignableRequest {
  readonly method: string;
  /** Raw request target as sent on the wire: path plus optional `?query`. */
  readonly rawUrl: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** The secret (and session token) the signature is checked with. */
export interface SigningCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** Parses a SigV4 Authorization header; returns undefined when it is not one or is incomplete. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  if (!header.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) return undefined;
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') return undefined;
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The checksum the SDK signer hashes with: SHA-256, or HMAC-SHA256 when given a key. */
type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

class NodeSha256 {
  private hash: Hash | Hmac;
  private readonly secret: string | Uint8Array | undefined;
  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : toBytes(secret);
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: SourceData): void {
    this.hash.update(toBytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    if (key === 'X-Amz-Signature') continue;
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function signingDate(amzDate: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) throw new Error(`not an X-Amz-Date: ${amzDate}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

/**
 * The SigV4 signature of a request as the AWS SDK's own signer computes it, over exactly the headers
 * the client listed as signed and for the scope it claimed.
 */
export async function computeSignature(
  request: SignableRequest,
  auth: ParsedAuthorization,
  amzDate: string,
  credential: SigningCredential,
): Promise<string> {
  const q = request.rawUrl.indexOf('?');
  const rawPath = q < 0 ? request.rawUrl : request.rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : request.rawUrl.slice(q + 1);
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) headers[name] = headerValue(request.headers[name]);
  const declaredHash = headers['x-amz-content-sha256'];
  // The body's own hash, not the declared one, so a body altered after signing fails verification.
  if (declaredHash !== undefined && declaredHash !== 'UNSIGNED-PAYLOAD') headers['x-amz-content-sha256'] = sha256Hex(request.body);
  const signer = new SignatureV4({
    service: auth.service,
    region: auth.region,
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      ...(credential.sessionToken !== undefined && auth.signedHeaders.includes('x-amz-security-token')
        ? { sessionToken: credential.sessionToken }
        : {}),
    },
    sha256: NodeSha256,
    // The declared payload hash is already among the headers when the client signed one.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method.toUpperCase(),
      protocol: 'http:',
      hostname: headers.host ?? '',
      path: rawPath,
      query: parseQuery(rawQuery),
      headers,
      body: request.body,
    },
    {
      signingDate: signingDate(amzDate),
      signingRegion: auth.region,
      signingService: auth.service,
      // Sign exactly what the client signed, even headers the signer would leave out by default.
      signableHeaders: new Set(auth.signedHeaders),
    },
  );
  const authorization = headerValue(signed.headers.authorization ?? signed.headers.Authorization);
  return /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? '';
}
