/** The editor's only way to reach the server: a narrow JSON API, with optional bearer-token auth. */
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
  trace: TraceStep[];
  startedAt?: string;
  endedAt?: string;
  /** What started it: the editor, the API, or an event from the inbox (`eventId`). */
  trigger?: string;
  eventId?: string;
  /** The parameters it was given (secrets masked); absent in list summaries. */
  parameters?: Record<string, unknown>;
}

/** One executed step of a run (values bounded and secrets redacted by the server). */
export interface TraceStep {
  nodeId: string;
  kind?: string;
  startedAt?: string;
  endedAt?: string;
  durationMs: number;
  port?: string;
  edgeId?: string;
  inputs?: Record<string, unknown>;
  output?: unknown;
  error?: { kind: string; message: string; activity?: string };
  call?: { flow: string; trace: TraceStep[] };
}

/** A run as `GET /api/runs` lists it (no logs, trace or result). */
export type RunSummary = Omit<RunRecord, 'logs' | 'trace' | 'result'> & { durationMs?: number };

/** A flow as the explorer lists it: its signature and how many problems it has. */
export interface FlowSummary {
  name: string;
  description?: string;
  parameters: Array<{ name: string; type: string }>;
  returnType?: string;
  problemCount: number;
}

/** A host constant; `value` is absent for secrets (the server never sends them). */
export interface ConstantInfo {
  name: string;
  secret: boolean;
  set: boolean;
  value?: unknown;
  type?: string;
  description?: string;
}

/** An event the event endpoint received, as the inbox lists it (without its envelope). */
export interface InboxEvent {
  id: string;
  detailType: string;
  source: string;
  status: 'pending' | 'routed' | 'unrouted' | 'done' | 'dead';
  receivedAt: string;
  attempts: number;
  flow?: string;
  runId?: string;
  error?: string;
}

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

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
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
    const { flows } = await request<{ flows: Array<string | FlowSummary> }>('GET', '/api/flows');
    return toSummaries(flows);
  },
  async getFlow(name: string): Promise<LoadedFlow> {
    const { data, etag } = await send<{ document: FlowDocument; problems: Problem[] }>('GET', flowPath(name));
    return { ...data, etag };
  },
  /** Saves; with `etag`, the server refuses (412) when someone else saved in between. */
  async saveFlow(name: string, document: FlowDocument, etag?: string | null): Promise<{ problems: Problem[]; etag: string | null }> {
    const { data, etag: next } = await send<{ problems: Problem[] }>('PUT', flowPath(name), document, etag ? { 'if-match': etag } : {});
    return { problems: data.problems ?? [], etag: next };
  },
  deleteFlow: (name: string) => request<void>('DELETE', flowPath(name)),
  async renameFlow(name: string, newName: string): Promise<void> {
    try {
      await request('POST', `${flowPath(name)}/rename`, { newName });
    } catch (error) {
      if (!isMissingRoute(error)) throw error;
      const { document } = await api.getFlow(name);
      await api.saveFlow(newName, { ...document, name: newName });
      await api.deleteFlow(name);
    }
  },
  async duplicateFlow(name: string, newName: string): Promise<void> {
    try {
      await request('POST', `${flowPath(name)}/duplicate`, { newName });
    } catch (error) {
      if (!isMissingRoute(error)) throw error;
      const { document } = await api.getFlow(name);
      await api.saveFlow(newName, { ...document, name: newName });
    }
  },
  /** A whole run record (logs and trace), e.g. after a live `run.finished`. */
  getRun: (id: string) => request<RunRecord>('GET', `/api/runs/${encodeURIComponent(id)}`),
  runFlow: (name: string, parameters: Record<string, unknown>) => request<RunRecord>('POST', `${flowPath(name)}/runs`, { parameters }),
  async listConstants(): Promise<ConstantInfo[]> {
    return (await request<{ constants: ConstantInfo[] }>('GET', '/api/constants')).constants;
  },
  setConstant: (name: string, value: unknown, secret?: boolean) =>
    request<unknown>('PUT', `/api/constants/${encodeURIComponent(name)}`, secret === undefined ? { value } : { value, secret }),
  async listInbox(status?: string): Promise<InboxEvent[]> {
    return (await request<{ events: InboxEvent[] }>('GET', `/api/inbox${status ? `?status=${encodeURIComponent(status)}` : ''}`)).events;
  },
  /** Recent runs, newest first (callback runs started by events included). */
  async listRuns(query: { flow?: string; limit?: number } = {}): Promise<RunSummary[]> {
    const params = new URLSearchParams();
    if (query.flow) params.set('flow', query.flow);
    if (query.limit) params.set('limit', String(query.limit));
    return (await request<{ runs: RunSummary[] }>('GET', `/api/runs?${params.toString()}`)).runs;
  },
  /** One inbox entry with its full event. */
  getInboxEvent: (id: string) => request<InboxEvent & { event: unknown }>('GET', `/api/inbox/${encodeURIComponent(id)}`),
  replayInbox: (ids: string[]) => request<{ replayed: string[]; skipped: Array<{ id: string; reason: string }> }>('POST', '/api/inbox/replay', { ids }),
};
