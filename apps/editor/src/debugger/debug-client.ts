/** The debugger's routes of the server API (types from the API schema). */
import type { Breakpoint, DebugCommandName, RequestBodyOf, ResponseOf } from '@flowbridge/api-schema';
import { request } from '../api/client';

const sessionPath = (id: string) => `/api/debug/sessions/${encodeURIComponent(id)}`;
const armPath = (flow: string) => `/api/debug/arms/${encodeURIComponent(flow)}`;

export const debugApi = {
  start: (flow: string, parameters: Record<string, unknown>, breakpoints: Breakpoint[]) =>
    request<ResponseOf<'startDebugSession', 201>>('POST', '/api/debug/sessions', { flow, parameters, breakpoints } satisfies RequestBodyOf<'startDebugSession'>),
  list: async () => (await request<ResponseOf<'listDebugSessions'>>('GET', '/api/debug/sessions')).sessions,
  command: (id: string, command: DebugCommandName) => request<ResponseOf<'commandDebugSession'>>('POST', `${sessionPath(id)}/commands`, { command } satisfies RequestBodyOf<'commandDebugSession'>),
  setBreakpoints: (id: string, breakpoints: Breakpoint[]) => request<ResponseOf<'setDebugBreakpoints'>>('PUT', `${sessionPath(id)}/breakpoints`, { breakpoints } satisfies RequestBodyOf<'setDebugBreakpoints'>),
  arms: async () => (await request<ResponseOf<'listDebugArms'>>('GET', '/api/debug/arms')).arms,
  arm: (flow: string, breakpoints: Breakpoint[]) => request<ResponseOf<'armDebug'>>('PUT', armPath(flow), { breakpoints } satisfies RequestBodyOf<'armDebug'>),
  disarm: (flow: string) => request<void>('DELETE', armPath(flow)),
};
