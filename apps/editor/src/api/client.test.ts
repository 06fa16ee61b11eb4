import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, setTokenPrompt, toSummaries } from './client';

type Call = { url: string; init: RequestInit };

/** Stubs fetch with answers given in order, recording what was sent. */
function stubFetch(answers: Array<{ status: number; body?: unknown; etag?: string }>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift() ?? { status: 500, body: { error: 'NoAnswer', message: 'the test gave no answer' } };
    return new Response(answer.status === 204 ? null : JSON.stringify(answer.body ?? {}), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...(answer.etag ? { etag: answer.etag } : {}) },
    });
  });
  return calls;
}
const header = (call: Call | undefined, name: string) => new Headers(call?.init.headers).get(name);

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  vi.unstubAllGlobals();
  setTokenPrompt(null);
});

describe('API client', () => {
  it('on a 401 asks for the admin token once, keeps it for the tab and retries with it', async () => {
    const calls = stubFetch([{ status: 401, body: { error: 'Unauthorized', message: 'token required' } }, { status: 200, body: { flows: [] } }, { status: 200, body: { flows: [] } }]);
    const prompt = vi.fn(async () => 'secret-token');
    setTokenPrompt(prompt);
    await api.listFlows();
    await api.listFlows();
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(header(calls[0], 'authorization')).toBeNull();
    expect(header(calls[1], 'authorization')).toBe('Bearer secret-token');
    expect(header(calls[2], 'authorization')).toBe('Bearer secret-token');
    expect(sessionStorage.getItem('flowbridge.adminToken')).toBe('secret-token');
  });

  it('a cancelled token prompt surfaces the 401 as an error the UI can show', async () => {
    stubFetch([{ status: 401, body: { error: 'Unauthorized', message: 'Send the admin token.' } }]);
    setTokenPrompt(async () => null);
    await expect(api.listFlows()).rejects.toMatchObject({ status: 401, code: 'Unauthorized', message: 'Send the admin token.' });
  });

  it('saves with If-Match and reports a stale save as 412', async () => {
    const calls = stubFetch([{ status: 412, body: { error: 'FlowChanged', message: 'changed' } }]);
    const error = await api.saveFlow('ACT_A', { formatVersion: 1, name: 'ACT_A', parameters: [], nodes: [], edges: [], annotations: [] }, '"v1"').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(412);
    expect(header(calls[0], 'if-match')).toBe('"v1"');
  });

  it('reads the version tag of a loaded flow', async () => {
    stubFetch([{ status: 200, body: { document: { name: 'ACT_A' }, problems: [] }, etag: '"v7"' }]);
    expect((await api.getFlow('ACT_A')).etag).toBe('"v7"');
  });

  it('renaming falls back to copy-and-delete on a server without the rename route', async () => {
    const calls = stubFetch([
      { status: 404, body: { error: 'NotFound', message: 'No such API route.' } },
      { status: 200, body: { document: { formatVersion: 1, name: 'ACT_A', parameters: [], nodes: [], edges: [], annotations: [] }, problems: [] } },
      { status: 200, body: { name: 'ACT_B', problems: [] } },
      { status: 204 },
    ]);
    await api.renameFlow('ACT_A', 'ACT_B');
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['POST /api/flows/ACT_A/rename', 'GET /api/flows/ACT_A', 'PUT /api/flows/ACT_B', 'DELETE /api/flows/ACT_A']);
    expect(JSON.parse(String(calls[2]!.init.body)).name).toBe('ACT_B');
  });

  it('a missing flow is not mistaken for a missing route', async () => {
    const calls = stubFetch([{ status: 404, body: { error: 'FlowNotFound', message: 'There is no flow named "ACT_A".' } }]);
    await expect(api.renameFlow('ACT_A', 'ACT_B')).rejects.toMatchObject({ code: 'FlowNotFound' });
    expect(calls).toHaveLength(1);
  });

  it('reads both flow list shapes', () => {
    expect(toSummaries(['ACT_A'])).toEqual([{ name: 'ACT_A', parameters: [], problemCount: 0 }]);
    expect(toSummaries([{ name: 'CB_B', parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }], problemCount: 2 }])[0]!.parameters).toHaveLength(1);
  });
});

describe('inbox and expression calls', () => {
  it('parking sends JSON (the server takes state changes only as JSON) and the inbox list passes its filters', async () => {
    const calls = stubFetch([{ status: 200, body: { id: 'ev-1', status: 'dead' } }, { status: 200, body: { events: [] } }, { status: 204 }]);
    await api.parkInbox('ev/1');
    expect(calls[0]!.url).toBe('/api/inbox/ev%2F1/park');
    expect(header(calls[0], 'content-type')).toBe('application/json');
    await api.listInbox('dead', 'Order Placed', 500);
    expect(calls[1]!.url).toBe('/api/inbox?status=dead&detailType=Order+Placed&limit=500');
    await api.deleteInbox('ev-1');
    expect(calls[2]!.init.method).toBe('DELETE');
  });
});
