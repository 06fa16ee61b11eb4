/**
 * A pass-through HTTP proxy in front of local AWS that records every AWS call (operation and request body),
 * so tests can see how many calls an activity made and what each carried. Headers are forwarded unchanged,
 * so SigV4 signatures (made for the proxy's host) still verify. A test may rewrite answers to stage what
 * local AWS never does on its own (e.g. a throttled entry), still through the real SDK over HTTP.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  operation: string;
  body: string;
}

export interface CountingProxy {
  url: string;
  calls: RecordedCall[];
  /** The calls of one operation, e.g. `PutEvents`. */
  of(operation: string): RecordedCall[];
  reset(): void;
  /** Rewrites successful answers of `operation` (JSON text in, JSON text out) until reset. */
  rewrite(operation: string, change: (answer: string, request: string) => string): void;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (free port) forwarding to `target`. */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const calls: RecordedCall[] = [];
  const rewrites = new Map<string, (answer: string, request: string) => string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = operationOf(req.headers, body.toString('utf8'));
      calls.push({ operation, body: body.toString('utf8') });
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const change = rewrites.get(operation);
          if (!change || answer.statusCode !== 200) {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            return;
          }
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            const rewritten = Buffer.from(change(Buffer.concat(parts).toString('utf8'), body.toString('utf8')), 'utf8');
            res.writeHead(200, { ...answer.headers, 'content-length': String(rewritten.length) });
            res.end(rewritten);
          });
        },
      );
      forward.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    of: (operation) => calls.filter((c) => c.operation === operation),
    reset: () => {
      calls.splice(0);
      rewrites.clear();
    },
    rewrite: (operation, change) => void rewrites.set(operation, change),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function operationOf(headers: IncomingHttpHeaders, body: string): string {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  return new URLSearchParams(body).get('Action') ?? 'unknown';
}
