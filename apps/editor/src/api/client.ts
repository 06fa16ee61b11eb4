/** The editor's only way to reach the server: a narrow JSON API. */
import type { FlowDocument, Problem } from '@flowbridge/flow-model';

export interface LogLine {
  time: string;
  level: string;
  nodeId: string;
  message: string;
}

export interface RunRecord {
  id: string;
  flow: string;
  status: 'running' | 'succeeded' | 'failed';
  result?: unknown;
  error?: { kind: string; message: string; activity?: string };
  logs: LogLine[];
  trace: Array<{ nodeId: string; port?: string; durationMs: number }>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const data = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = (data ?? {}) as { error?: string; message?: string; details?: unknown };
    throw new ApiError(res.status, e.error ?? 'HttpError', e.message ?? `HTTP ${res.status}`, e.details);
  }
  return data as T;
}

export const api = {
  listFlows: () => request<{ flows: string[] }>('GET', '/api/flows'),
  getFlow: (name: string) => request<{ document: FlowDocument; problems: Problem[] }>('GET', `/api/flows/${encodeURIComponent(name)}`),
  saveFlow: (name: string, document: FlowDocument) => request<{ problems: Problem[] }>('PUT', `/api/flows/${encodeURIComponent(name)}`, document),
  runFlow: (name: string, parameters: Record<string, unknown>) => request<RunRecord>('POST', `/api/flows/${encodeURIComponent(name)}/runs`, { parameters }),
};
