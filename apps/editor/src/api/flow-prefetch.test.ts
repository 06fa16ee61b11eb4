import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFlow, prefetchFlowOf } from './flow-prefetch';
import { setTokenPrompt } from './client';

const doc = (name: string) => ({ document: { formatVersion: 1, name, parameters: [], nodes: [], edges: [], annotations: [] }, problems: [] });

/** Stubs fetch with answers in order; answers the requested URLs. */
function stubFetch(answers: Array<{ status: number; body: unknown; etag?: string }>): string[] {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url);
    const answer = answers.shift() ?? { status: 500, body: { error: 'NoAnswer', message: 'the test gave no answer' } };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json', ...(answer.etag ? { etag: answer.etag } : {}) } });
  });
  return urls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  setTokenPrompt(null);
});

describe('the flow a page opens on, loaded early', () => {
  it('is asked for at once, and the open takes that answer instead of asking again', async () => {
    const urls = stubFetch([{ status: 200, body: doc('ACT_One'), etag: '"v1"' }]);
    prefetchFlowOf('/flows/ACT_One');
    expect(urls).toEqual(['/api/flows/ACT_One']);
    const loaded = await loadFlow('ACT_One');
    expect(loaded.document.name).toBe('ACT_One');
    expect(loaded.etag).toBe('"v1"');
    expect(urls).toHaveLength(1);
  });

  it('is taken once: a later open of the same flow asks the server again', async () => {
    const urls = stubFetch([
      { status: 200, body: doc('ACT_One') },
      { status: 200, body: doc('ACT_One'), etag: '"v2"' },
    ]);
    prefetchFlowOf('/flows/ACT_One');
    await loadFlow('ACT_One');
    expect((await loadFlow('ACT_One')).etag).toBe('"v2"');
    expect(urls).toHaveLength(2);
  });

  it('is asked again by the open when the early answer failed (here: a token the person has yet to give)', async () => {
    const urls = stubFetch([
      { status: 401, body: { error: 'Unauthorized', message: 'token required' } },
      { status: 401, body: { error: 'Unauthorized', message: 'token required' } },
      { status: 200, body: doc('ACT_One') },
    ]);
    prefetchFlowOf('/flows/ACT_One');
    // The editor has rendered and can ask for the token by the time the open runs.
    setTokenPrompt(async () => 'admin-token');
    expect((await loadFlow('ACT_One')).document.name).toBe('ACT_One');
    expect(urls).toEqual(['/api/flows/ACT_One', '/api/flows/ACT_One', '/api/flows/ACT_One']);
  });

  it('is not used for another flow, nor after it waited too long, and other pages load nothing early', async () => {
    const urls = stubFetch([
      { status: 200, body: doc('ACT_One') },
      { status: 200, body: doc('ACT_Two') },
      { status: 200, body: doc('ACT_Three') },
      { status: 200, body: doc('ACT_Three'), etag: '"fresh"' },
    ]);
    for (const path of ['/', '/constants', '/inbox', '/new']) prefetchFlowOf(path);
    expect(urls).toEqual([]);
    prefetchFlowOf('/flows/ACT_One');
    expect((await loadFlow('ACT_Two')).document.name).toBe('ACT_Two');
    expect(urls).toEqual(['/api/flows/ACT_One', '/api/flows/ACT_Two']);
    vi.useFakeTimers({ toFake: ['performance'] });
    prefetchFlowOf('/flows/ACT_Three');
    vi.advanceTimersByTime(11_000);
    expect((await loadFlow('ACT_Three')).etag).toBe('"fresh"');
  });
});
