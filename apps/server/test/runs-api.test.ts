import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, failingFlow, loggingFlow, startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
const runIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (const name of ['ACT_One', 'ACT_Two']) await server.api(`/api/flows/${name}`, { method: 'PUT', json: loggingFlow(name) });
  const failing = failingFlow('ACT_Fails');
  const saved = await body(await server.api('/api/flows/ACT_Fails', { method: 'PUT', json: failing }));
  expect(saved.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
  for (const name of ['ACT_One', 'ACT_Two', 'ACT_One', 'ACT_Fails', 'ACT_One']) {
    const record = await body(await server.api(`/api/flows/${name}/runs`, { method: 'POST', json: {} }));
    runIds.push(record.id);
  }
});
afterAll(() => server.close());

describe('runs API', () => {
  it('records a failing run with its error', async () => {
    const failed = await body(await server.api(`/api/runs/${runIds[3]}`));
    expect(failed).toMatchObject({ flow: 'ACT_Fails', status: 'failed', error: { kind: 'OrderRejected' } });
    expect(failed.trace.length).toBeGreaterThan(0);
  });

  it('lists runs newest first without logs and traces', async () => {
    const res = await server.api('/api/runs');
    expect(res.status).toBe(200);
    const { runs, next } = await body(res);
    expect(runs.map((r: { id: string }) => r.id)).toEqual([...runIds].reverse());
    expect(runs[0]).not.toHaveProperty('trace');
    expect(runs[0]).toMatchObject({ flow: 'ACT_One', status: 'succeeded', trigger: 'manual' });
    expect(next).toBeUndefined();
  });

  it('filters by flow and status', async () => {
    const byFlow = await body(await server.api('/api/runs?flow=ACT_One'));
    expect(byFlow.runs).toHaveLength(3);
    const failed = await body(await server.api('/api/runs?status=failed'));
    expect(failed.runs.map((r: { id: string }) => r.id)).toEqual([runIds[3]]);
  });

  it('pages with limit and before, following next to the end', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await body(await server.api(`/api/runs?limit=2${cursor ? `&before=${cursor}` : ''}`));
      expect(page.runs.length).toBeLessThanOrEqual(2);
      seen.push(...page.runs.map((r: { id: string }) => r.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual([...runIds].reverse());
  });

  it.each([
    ['limit=0', 'InvalidQuery'],
    ['limit=abc', 'InvalidQuery'],
    ['limit=501', 'InvalidQuery'],
    ['status=exploded', 'InvalidQuery'],
    ['flow=..%2Fx', 'InvalidQuery'],
    ['before=not-a-run', 'InvalidCursor'],
  ])('answers 400 for ?%s', async (query, error) => {
    const res = await server.api(`/api/runs?${query}`);
    expect(res.status).toBe(400);
    expect(await body(res)).toMatchObject({ error });
  });

  it('answers 404 for an unknown run id', async () => {
    const res = await server.api('/api/runs/00000000-0000-0000-0000-000000000000');
    expect(res.status).toBe(404);
    expect(await body(res)).toMatchObject({ error: 'RunNotFound' });
  });
  it('keeps the parameters a run was given, so it can be re-run with the same inputs', async () => {
    const record = await body(await server.api('/api/flows/ACT_One/runs', { method: 'POST', json: { parameters: { OrderId: 'o-7', Total: 12.5 } } }));
    const stored = await body(await server.api(`/api/runs/${record.id}`));
    expect(stored.parameters).toEqual({ OrderId: 'o-7', Total: 12.5 });
    const listed = (await body(await server.api('/api/runs?flow=ACT_One'))).runs as Array<Record<string, unknown>>;
    expect(listed[0]).not.toHaveProperty('parameters');
  });

});

describe('short run ids', () => {
  it('the first 8 characters of a run id find the run, as the editor shows it', async () => {
    const id = runIds[3]!;
    const res = await server.api(`/api/runs/${id.slice(0, 8)}`);
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ id, flow: 'ACT_Fails' });
  });

  it('a prefix several runs share answers 409 naming them; an unknown one 404', async () => {
    // Two stored runs whose ids share their first 8 characters.
    for (const id of ['abcdef12-0000-4000-8000-000000000001', 'abcdef12-0000-4000-8000-000000000002']) {
      await server.storage.runs.insert({ id, flow: 'ACT_One', status: 'succeeded', trigger: 'manual', startedAt: new Date().toISOString(), logs: [], trace: [] });
    }
    const res = await server.api('/api/runs/abcdef12');
    expect(res.status).toBe(409);
    const answer = await body(res);
    expect(answer.error).toBe('AmbiguousRunId');
    expect(answer.details.matches).toHaveLength(2);
    expect((await server.api('/api/runs/abcdef12-0000-4000-8000-000000000002')).status).toBe(200);
    expect((await server.api('/api/runs/00000000')).status).toBe(404);
    // Shorter than 8 characters is never guessed.
    expect((await server.api(`/api/runs/${runIds[0]!.slice(0, 7)}`)).status).toBe(404);
  });
});
