import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Invocation } from './api-destination-request.js';

/** What came back from one HTTP call. */
export type SendOutcome =
  | { readonly kind: 'response'; readonly statusCode: number; readonly retryAfter?: string }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'network-error'; readonly message: string };

/**
 * Sends one invocation and waits at most `timeoutMs` for the whole response (EventBridge allows 5 s).
 * Never rejects: timeouts and network errors come back as outcomes.
 */
export function sendInvocation(invocation: Invocation, timeoutMs: number, signal: AbortSignal): Promise<SendOutcome> {
  return new Promise((resolve) => {
    const url = new URL(invocation.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { ...invocation.headers };
    if (invocation.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(invocation.body));
    let settled = false;
    const finish = (outcome: SendOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const req = send(url, { method: invocation.method, headers }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => {
        const retryAfter = res.headers['retry-after'];
        finish({ kind: 'response', statusCode: res.statusCode ?? 0, ...(retryAfter !== undefined ? { retryAfter } : {}) });
      });
      res.on('error', (e) => finish({ kind: 'network-error', message: e.message }));
    });
    const timer = setTimeout(() => {
      finish({ kind: 'timeout', message: `No response within ${timeoutMs} ms.` });
      req.destroy();
    }, timeoutMs);
    const onAbort = (): void => {
      finish({ kind: 'network-error', message: 'Delivery cancelled: the local AWS service is shutting down.' });
      req.destroy();
    };
    signal.addEventListener('abort', onAbort);
    req.on('error', (e) => finish({ kind: 'network-error', message: e.message }));
    req.end(invocation.body);
  });
}
