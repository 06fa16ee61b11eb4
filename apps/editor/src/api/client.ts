/** The editor's only way to reach the server: a narrow JSON API, with optional bearer-token auth. */
import type { FlowDocument } from '@flowbridge/flow-model';
// Type-only: the records and route answers are the API schema's inferred types (no zod in the bundle).
import type { ConstantInfo, FlowSummary, InboxEntry, InboxEvent, Problem, RequestBodyOf, ResponseOf, RunRecord, RunSummary } from '@flowbridge/api-schema';

export type { ConstantInfo, FlowSummary, InboxEntry, InboxEvent, LogLine, RunRecord, RunSummary, TraceStep } from '@flowbridge/api-schema';

/** A flow as read from the server, with the version tag to send back on save. */
export interface LoadedFlow {
  document: FlowDocument;
  problems: Problem[];
  etag: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'flowbridge.adminToken';

/** Asks the person for the admin token; resolves null when they cancel. Installed by the UI. */
let tokenPrompt: (() => Promise<string | null>) | null = null;
let pendingPrompt: Promise<string | null> | null = null;

/** Lets the UI answer the "which admin token?" question the first time the server asks for one. */
export function setTokenPrompt(prompt: (() => Promise<string | null>) | null): void {
  tokenPrompt = prompt;
}

/** The admin token this tab uses, if any (EventSource cannot send headers, so the stream passes it in the URL). */
export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

async function askToken(): Promise<string | null> {
  if (!tokenPrompt) return null;
  // Several requests may fail at once; they share one dialog.
  pendingPrompt ??= tokenPrompt().finally(() => {
    pendingPrompt = null;
  });
  const token = await pendingPrompt;
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  return token;
}

interface Sent<T> {
  data: T;
  etag: string | null;
  status: number;
}

async function send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, retried = false): Promise<Sent<T>> {
  const token = storedToken();
  const res = await fetch(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (res.status === 401 && !retried) {
    sessionStorage.removeItem(TOKEN_KEY);
    if (await askToken()) return send<T>(method, path, body, headers, true);
  }
  const data = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = (data ?? {}) as { error?: string; message?: string; details?: unknown };
    throw new ApiError(res.status, e.error ?? 'HttpError', e.message ?? `The server answered HTTP ${res.status} to ${method} ${path}.`, e.details);
  }
  return { data: data as T, etag: res.headers.get('etag'), status: res.status };
}

/** A JSON request to the API with the token handling of every call; throws ApiError for non-2xx answers. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await send<T>(method, path, body)).data;
}

const flowPath = (name: string) => `/api/flows/${encodeURIComponent(name)}`;

/** True when the server does not know the route at all (an older server), as opposed to a missing flow. */
function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.code !== 'FlowNotFound';
}

/** Reads either list shape: summaries, or the older plain list of names. */
export function toSummaries(flows: ReadonlyArray<string | FlowSummary>): FlowSummary[] {
  return flows.map((f) => (typeof f === 'string' ? { name: f, parameters: [], problemCount: 0 } : { ...f, parameters: f.parameters ?? [] }));
}

export const api = {
  async listFlows(): Promise<FlowSummary[]> {
    // An older server listed plain names; both shapes are read.
    const { flows } = await request<{ flows: Array<string | FlowSummary> }>('GET', '/api/flows');
    return toSummaries(flows);
  },
  async getFlow(name: string): Promise<LoadedFlow> {
    const { data, etag } = await send<ResponseOf<'getFlow'>>('GET', flowPath(name));
    // A file that is not a flow comes back as its raw JSON; the editor shows its problems.
    return { document: data.document as FlowDocument, problems: data.problems, etag };
  },
  /** Saves; with `etag`, the server refuses (412) when someone else saved in between. */
  async saveFlow(name: string, document: FlowDocument, etag?: string | null): Promise<{ problems: Problem[]; etag: string | null }> {
    const { data, etag: next } = await send<ResponseOf<'saveFlow'>>('PUT', flowPath(name), document, etag ? { 'if-match': etag } : {});
    return { problems: data.problems ?? [], etag: next };
  },
  deleteFlow: (name: string) => request<void>('DELETE', flowPath(name)),
  async renameFlow(name: string, newName: string): Promise<void> {
    try {
      await request<ResponseOf<'renameFlow'>>('POST', `${flowPath(name)}/rename`, { newName } satisfies RequestBodyOf<'renameFlow'>);
    } catch (error) {
      if (!isMissingRoute(error)) throw error;
      const { document } = await api.getFlow(name);
      await api.saveFlow(newName, { ...document, name: newName });
      await api.deleteFlow(name);
    }
  },
  async duplicateFlow(name: string, newName: string): Promise<void> {
    try {
      await request<ResponseOf<'duplicateFlow', 201>>('POST', `${flowPath(name)}/duplicate`, { newName } satisfies RequestBodyOf<'duplicateFlow'>);
    } catch (error) {
      if (!isMissingRoute(error)) throw error;
      const { document } = await api.getFlow(name);
      await api.saveFlow(newName, { ...document, name: newName });
    }
  },
  /** A whole run record (logs and trace), e.g. after a live `run.finished`. */
  getRun: (id: string) => request<RunRecord>('GET', `/api/runs/${encodeURIComponent(id)}`),
  runFlow: (name: string, parameters: Record<string, unknown>) => request<RunRecord>('POST', `${flowPath(name)}/runs`, { parameters } satisfies RequestBodyOf<'runFlow'>),
  async listConstants(): Promise<ConstantInfo[]> {
    return (await request<ResponseOf<'listConstants'>>('GET', '/api/constants')).constants;
  },
  setConstant: (name: string, value: unknown, secret?: boolean) =>
    request<ResponseOf<'setConstant'>>('PUT', `/api/constants/${encodeURIComponent(name)}`, (secret === undefined ? { value } : { value, secret }) satisfies RequestBodyOf<'setConstant'>),
  /** Inbox entries, newest first, optionally only those in `status` and of `detailType`. */
  async listInbox(status?: string, detailType?: string, limit?: number): Promise<InboxEvent[]> {
    const params = new URLSearchParams();
    if (status) params.set('status', status);
    if (detailType) params.set('detailType', detailType);
    if (limit) params.set('limit', String(limit));
    const query = params.toString();
    return (await request<ResponseOf<'listInbox'>>('GET', `/api/inbox${query ? `?${query}` : ''}`)).events;
  },
  /** Stops a waiting entry from being dispatched (it becomes dead until replayed). */
  // An empty JSON body: the server accepts state changes only as JSON (a CSRF guard).
  parkInbox: (id: string) => request<ResponseOf<'parkInboxEvent'>>('POST', `/api/inbox/${encodeURIComponent(id)}/park`, {}),
  deleteInbox: (id: string) => request<void>('DELETE', `/api/inbox/${encodeURIComponent(id)}`),
  /** Evaluates an expression on the server against sample variables (the expression preview). */
  evaluateExpression: (body: RequestBodyOf<'evaluateExpression'>) => request<ResponseOf<'evaluateExpression'>>('POST', '/api/expressions/evaluate', body),
  /** Recent runs, newest first (callback runs started by events included). */
  async listRuns(query: { flow?: string; limit?: number } = {}): Promise<RunSummary[]> {
    const params = new URLSearchParams();
    if (query.flow) params.set('flow', query.flow);
    if (query.limit) params.set('limit', String(query.limit));
    return (await request<ResponseOf<'listRuns'>>('GET', `/api/runs?${params.toString()}`)).runs;
  },
  /** One inbox entry with its full event. */
  getInboxEvent: (id: string) => request<InboxEntry>('GET', `/api/inbox/${encodeURIComponent(id)}`),
  replayInbox: (ids: string[]) => request<ResponseOf<'replayInbox'>>('POST', '/api/inbox/replay', { ids } satisfies RequestBodyOf<'replayInbox'>),
};
